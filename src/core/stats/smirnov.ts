// Survival function of the one-sided one-sample Kolmogorov–Smirnov statistic D+_n, ported from scipy's
// cephes kolmogorov.c (_smirnov; van Mulbregt, arXiv:1802.06966). Terms of the Birnbaum–Tingey sum are
// formed in double-double arithmetic with a separate binary exponent, as binomials overflow a double.

import { MINLOG } from "./cephes-constants.js";
import {
  add,
  addDD,
  addNumber,
  DD_ONE,
  DD_ZERO,
  type DoubleDouble,
  divide,
  divideByNumber,
  divideNumbers,
  floor,
  frexpDD,
  ldexpDD,
  mulDD,
  multiply,
  scaleByNumber,
  subtract,
  subtractNumber,
} from "./double-double.js";
import { ldexp } from "./float-bits.js";
import { expm1, log1p } from "./log1p-expm1.js";

const SMIRNOV_MAX_COMPUTE_N = 1000000;
const SM_UPPER_MAX_TERMS = 3;
const SM_UPPERSUM_MIN_N = 10;
const MAX_EXPONENT = 960;
const DBL_EPSILON = 2 ** -52;

/** Smallest power of two ≥ x (cephes nextPowerOf2). */
function nextPowerOf2(x: number): number {
  const q = ldexp(x, 1 - 53);
  const l = Math.abs(q + x);
  if (l === 0) return Math.abs(x);
  return l;
}

/** a^m for m ≥ 0: pow() on the high word, corrected for the low word. */
function powDD(a: DoubleDouble, m: number): DoubleDouble {
  if (m === 0) return DD_ONE;
  if (a.hi === 0) return DD_ZERO;
  const ans = a.hi ** m;
  const r = a.lo / a.hi;
  let adj = m * r;
  if (Math.abs(adj) > 1e-8) {
    if (Math.abs(adj) < 1e-4) {
      adj += m * r * (((m - 1) / 2) * r);
    } else {
      adj = expm1(m * log1p(r));
    }
  }
  return addDD(ans, ans * adj);
}

interface Scaled {
  mantissa: DoubleDouble;
  exponent: number;
}

/** a^m (m ≥ 0) as mantissa · 2^exponent, splitting the power so no intermediate underflows. */
function powScaled(a: DoubleDouble, m: number): Scaled {
  if (m === 0) return { mantissa: DD_ONE, exponent: 0 };
  const { mantissa: y, exponent: yE } = frexpDD(a);
  if (m === 1) return { mantissa: y, exponent: yE };
  let maxExpt = MAX_EXPONENT;
  if ((m * (y.hi - 1)) / y.hi < -MAX_EXPONENT * Math.LN2) {
    const lg2y = Math.log(y.hi) / Math.LN2;
    if (m * lg2y <= -MAX_EXPONENT) {
      maxExpt = Math.trunc(nextPowerOf2(-MAX_EXPONENT / lg2y + 1) / 2);
    }
  }
  if (m <= maxExpt) {
    const { mantissa, exponent } = frexpDD(powDD(y, m));
    return { mantissa, exponent: exponent + m * yE };
  }
  const q = Math.trunc(m / maxExpt);
  const r = m % maxExpt;
  const y2r = powScaled(y, r);
  const y2m = powScaled(y, maxExpt);
  const y2mq = powScaled(y2m.mantissa, q);
  const { mantissa, exponent } = frexpDD(multiply(y2r.mantissa, y2mq.mantissa));
  return { mantissa, exponent: exponent + y2mq.exponent + y2m.exponent * q + y2r.exponent + m * yE };
}

/** ((a + b) / (c + d))^m for m ≥ 1 with c + d ≠ 0. */
function powRatio(a: number, b: number, c: number, d: number, m: number): DoubleDouble {
  const numerator = addDD(a, b);
  if (numerator.hi === 0) return DD_ZERO;
  return powDD(divide(numerator, addDD(c, d)), m);
}

/** (a + b)^m */
function powSum(a: number, b: number, m: number): number {
  return powDD(addDD(a, b), m).hi;
}

/** floor(n·x) and the fractional part, computed exactly. */
function splitNX(n: number, x: number): { nxFloor: number; alpha: number } {
  const nxD = mulDD(n, x);
  const nxFloorD = floor(nxD);
  let alpha = subtract(nxD, nxFloorD).hi;
  let nxFloor = Math.trunc(nxFloorD.hi);
  if (alpha === 1) {
    nxFloor += 1;
    alpha = 0;
  }
  return { nxFloor, alpha };
}

/** A_v(n, x) = C(n, v) · (1 − x − v/n)^(n−v) · (x + v/n)^(v−1), C(n, v) given as mantissa · 2^exponent. */
function term(n: number, x: number, v: number, binomial: Scaled): DoubleDouble {
  const t2 = powScaled(subtractNumber(divideNumbers(n - v, n), x), n - v);
  const t1 = powScaled(addNumber(divideNumbers(v, n), x), v - 1);
  const product = multiply(multiply(t1.mantissa, t2.mantissa), binomial.mantissa);
  return ldexpDD(product, binomial.exponent + t1.exponent + t2.exponent);
}

/** C(n, j+1) from C(n, j). */
function nextBinomial(binomial: Scaled, n: number, j: number): Scaled {
  const { mantissa, exponent } = frexpDD(multiply(binomial.mantissa, divideNumbers(n - j, j + 1)));
  return { mantissa, exponent: binomial.exponent + exponent };
}

/** P(D+_n ≥ x), the one-sided KS survival function (scipy.special.smirnov). */
export function smirnovSf(n: number, x: number): number {
  if (!(Number.isInteger(n) && n > 0 && x >= 0 && x <= 1)) return Number.NaN;
  if (n === 1) return 1 - x;
  if (x === 0) return 1;
  if (x === 1) return 0;

  const { nxFloor, alpha } = splitNX(n, x);
  let n1mxfl = n - nxFloor - (alpha === 0 ? 0 : 1);
  let n1mxceil = n - nxFloor;
  // With x·n an integer the boundary term belongs to neither sum.
  if (alpha === 0) {
    n1mxfl -= 1;
    n1mxceil += 1;
  }

  if (nxFloor === 0 || (nxFloor === 1 && alpha === 0)) {
    return 1 - x * powSum(1, x, n - 1);
  }
  if (-2 * n * x * x < MINLOG) return 0;
  if (nxFloor >= n - 1) return powSum(1, -x, n);
  if (n > SMIRNOV_MAX_COMPUTE_N) {
    // Asymptotic p ≈ exp(−(6nx+1)² / 18n).
    const logp = -((6.0 * n * x + 1) ** 2) / 18.0 / n;
    return logp < -Math.LN2 ? Math.exp(logp) : 1 + expm1(logp);
  }

  // Summing the few upper terms is accurate only for large n and small x.
  const nUpperTerms = n - n1mxceil + 1;
  const useUpperSum =
    (nUpperTerms <= 1 && x < 0.5) ||
    (n >= SM_UPPERSUM_MIN_N && nUpperTerms <= SM_UPPER_MAX_TERMS && x <= 0.5 / Math.sqrt(n));

  const start = useUpperSum ? n : 0;
  const step = useUpperSum ? -1 : 1;
  const nTerms = useUpperSum ? n - n1mxceil + 1 : n1mxfl + 1;
  const vmid = Math.trunc(n / 2);

  let sum = useUpperSum ? powRatio(1, x, 1, 0, n - 1) : divideByNumber(powRatio(1, -x, 1, 0, n), x);
  let binomial = nextBinomial({ mantissa: DD_ONE, exponent: 0 }, n, 0);
  for (let j = 1; j < nTerms; j++) {
    const v = start + j * step;
    const aj = term(n, x, v, binomial);
    if (Number.isFinite(aj.hi) && aj.hi !== 0) sum = add(sum, aj);
    if (aj.hi !== 0) {
      if (4 * (nTerms - j) * Math.abs(aj.hi) < DBL_EPSILON * sum.hi && j !== nTerms - 1) break;
    } else if (j > vmid) {
      break;
    }
    binomial = nextBinomial(binomial, n, j);
  }
  const prob = scaleByNumber(x, sum).hi;
  return clip01(useUpperSum ? 1 - prob : prob);
}

function clip01(p: number): number {
  return p < 0 ? 0 : Math.min(p, 1);
}
