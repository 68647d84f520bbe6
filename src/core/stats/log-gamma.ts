// Cephes lgam (gamma.c) and lgam1p (unity.c) for positive arguments.

import { MACHEP } from "./cephes-constants.js";
import { p1evl, polevl } from "./polynomial.js";

const A = [
  0.0008116141674705085, -0.0005950619042843014, 0.0007936503404577169, -0.002777777777300997, 0.08333333333333319,
];
const B = [
  -1378.2515256912086, -38801.631513463784, -331612.9927388712, -1162370.974927623, -1721737.0082083966,
  -853555.6642457654,
];
const C = [
  -351.81570143652345, -17064.210665188115, -220528.59055385445, -1139334.4436798252, -2532523.0717758294,
  -2018891.4143353277,
];
const LS2PI = 0.9189385332046728; // log(sqrt(2π))
const MAXLGM = 2.556348e305;

/** log Γ(x) for x > 0. */
export function logGamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`logGamma needs x > 0, got ${x}`);
  if (!Number.isFinite(x)) return x;
  if (x < 13) {
    let z = 1;
    let p = 0;
    let u = x;
    while (u >= 3) {
      p -= 1;
      u = x + p;
      z *= u;
    }
    while (u < 2) {
      z /= u;
      p += 1;
      u = x + p;
    }
    if (u === 2) return Math.log(z);
    p -= 2;
    const shifted = x + p;
    return Math.log(z) + (shifted * polevl(shifted, B)) / p1evl(shifted, C);
  }
  if (x > MAXLGM) return Number.POSITIVE_INFINITY;
  let q = (x - 0.5) * Math.log(x) - x + LS2PI;
  if (x > 1e8) return q;
  const p = 1 / (x * x);
  if (x >= 1000) {
    q += ((0.0007936507936507937 * p - 0.002777777777777778) * p + 0.08333333333333333) / x;
  } else {
    q += polevl(p, A) / x;
  }
  return q;
}

const EULER = 0.5772156649015329;
// ζ(n) for n = 2…41, as cephes zeta(n, 1) returns them.
const ZETA = [
  1.6449340668482266, 1.202056903159594, 1.0823232337111381, 1.0369277551433704, 1.0173430619844488, 1.008349277381923,
  1.0040773561979446, 1.0020083928260826, 1.0009945751278182, 1.0004941886041194, 1.0002460865533078,
  1.0001227133475785, 1.0000612481350586, 1.0000305882363072, 1.0000152822594084, 1.0000076371976376, 1.000003817293265,
  1.0000019082127163, 1.0000009539620338, 1.0000004769329867, 1.0000002384505027, 1.000000119219926, 1.000000059608189,
  1.0000000298035034, 1.0000000149015549, 1.0000000074507118, 1.000000003725334, 1.0000000018626598, 1.0000000009313275,
  1.0000000004656628, 1.000000000232831, 1.0000000001164155, 1.0000000000582077, 1.0000000000291038, 1.000000000014552,
  1.000000000007276, 1.000000000003638, 1.000000000001819, 1.0000000000009095, 1.0000000000004547,
];

function logGammaOnePlusTaylor(x: number): number {
  if (x === 0) return 0;
  let result = -EULER * x;
  let xfac = -x;
  for (let n = 2; n < 42; n++) {
    xfac *= -x;
    const coefficient = ((ZETA[n - 2] as number) * xfac) / n;
    result += coefficient;
    if (Math.abs(coefficient) < MACHEP * Math.abs(result)) break;
  }
  return result;
}

/** log Γ(1 + x), accurate near x = 0 and x = 1; x > -1. */
export function logGammaOnePlus(x: number): number {
  if (Math.abs(x) <= 0.5) return logGammaOnePlusTaylor(x);
  if (Math.abs(x - 1) < 0.5) return Math.log(x) + logGammaOnePlusTaylor(x - 1);
  return logGamma(x + 1);
}
