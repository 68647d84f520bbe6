// Cephes log1p, expm1 and log1pmx (unity.c). scipy's cephes code calls these rather than the C library's,
// so they are ported instead of using Math.log1p / Math.expm1.

import { MACHEP } from "./cephes-constants.js";
import { p1evl, polevl } from "./polynomial.js";

const LP = [
  0.0000452700008624452, 0.49854102823193375, 6.578732594206104, 29.911919328553072, 60.94966798098779,
  57.11296359058554, 20.039553499201283,
];
const LQ = [
  15.062909083469192, 83.04756596796722, 221.76239823732857, 309.09872225312057, 216.42788614495947, 60.11866049760384,
];

export function log1p(x: number): number {
  const z = 1 + x;
  if (z < Math.SQRT1_2 || z > Math.SQRT2) return Math.log(z);
  const x2 = x * x;
  return x + (-0.5 * x2 + x * ((x2 * polevl(x, LP)) / p1evl(x, LQ)));
}

/** log(1 + x) − x without cancellation for small x. */
export function log1pmx(x: number): number {
  if (Math.abs(x) >= 0.5) return log1p(x) - x;
  let xfac = x;
  let result = 0;
  for (let n = 2; n < 500; n++) {
    xfac *= -x;
    const term = xfac / n;
    result += term;
    if (Math.abs(term) < MACHEP * Math.abs(result)) break;
  }
  return result;
}

const EP = [0.00012617719307481058, 0.030299440770744195, 1];
const EQ = [0.0000030019850513866446, 0.002524483403496841, 0.22726554820815503, 2];

export function expm1(x: number): number {
  if (!Number.isFinite(x)) {
    if (Number.isNaN(x) || x > 0) return x;
    return -1;
  }
  if (x < -0.5 || x > 0.5) return Math.exp(x) - 1;
  const xx = x * x;
  const r = x * polevl(xx, EP);
  const q = r / (polevl(xx, EQ) - r);
  return q + q;
}
