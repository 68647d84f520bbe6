// Survival function of the two-sided one-sample Kolmogorov–Smirnov statistic D_n (scipy.stats.kstwo.sf),
// ported from scipy/stats/_ksstats.py. Following Simard & L'Ecuyer (2011) it picks, by n and n·d², between
// the Ruben–Gambino closed forms, the Durbin matrix (Marsaglia–Tsang–Wang), the Pomeranz recursion, the
// Pelz–Good expansion and twice the one-sided Smirnov tail.
//
// scipy rescales the Durbin and Pomeranz results with numpy long doubles, which silently turns the final
// products into 80-bit arithmetic; those products are carried in double-double here for the same effect.

import { DD_ONE, type DoubleDouble, divideByNumber, ldexpDD, scaleByNumber, subtract } from "./double-double.js";
import { numpySum } from "./numpy-sum.js";
import { polevl } from "./polynomial.js";
import { smirnovSf } from "./smirnov.js";

const E128 = 128;
const EP128 = 2 ** E128;
const EM128 = 2 ** -E128;
const SQRT2PI = Math.sqrt(2 * Math.PI);
const LOG_2PI = Math.log(2 * Math.PI);
const MIN_LOG = -708;
const SQRT3 = Math.sqrt(3);
const PI_SQUARED = Math.PI ** 2;
const PI_FOUR = Math.PI ** 4;
const PI_SIX = Math.PI ** 6;
// Stirling coefficients B_2j / (2j(2j−1)), j = 8…1.
const STIRLING_COEFFICIENTS = [
  -0.029550653594771242, 0.00641025641025641, -0.0019175269175269176, 0.0008417508417508417, -0.0005952380952380953,
  0.0007936507936507937, -0.002777777777777778, 0.08333333333333333,
];

function clip01(p: number): number {
  return p < 0 ? 0 : Math.min(p, 1);
}

function clipDD01(p: DoubleDouble): DoubleDouble {
  if (p.hi < 0) return { hi: 0, lo: 0 };
  if (p.hi > 1 || (p.hi === 1 && p.lo > 0)) return DD_ONE;
  return p;
}

/**
 * A running product rescaled by 2^±128 to stay in range. Like the numpy scalar in scipy, it gains precision
 * (double-double here, long double there) from its first rescale on.
 */
class Accumulator {
  private double: number;
  private extended: DoubleDouble | undefined;
  private exponent: number;

  constructor(value: number, exponent: number) {
    this.double = value;
    this.exponent = exponent;
  }

  get magnitude(): number {
    return Math.abs(this.extended ? this.extended.hi : this.double);
  }

  multiplyDivide(multiplier: number, divisor: number): void {
    if (this.extended) this.extended = divideByNumber(scaleByNumber(multiplier, this.extended), divisor);
    else this.double = (multiplier * this.double) / divisor;
  }

  rescale(factor: number, exponentChange: number): void {
    this.extended = scaleByNumber(factor, this.extended ?? { hi: this.double, lo: 0 });
    this.exponent += exponentChange;
  }

  result(): DoubleDouble {
    const value = this.extended ?? { hi: this.double, lo: 0 };
    return this.exponent === 0 ? value : ldexpDD(value, this.exponent);
  }
}

/** log(n! / n^n) by Stirling's series with the n·log n term removed up front. */
function logFactorialOverPower(n: number): number {
  const rn = 1 / n;
  return Math.log(n) / 2 - n + LOG_2PI / 2 + rn * polevl(rn / n, STIRLING_COEFFICIENTS);
}

function matmul(a: Float64Array, b: Float64Array, m: number): Float64Array<ArrayBuffer> {
  const c = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < m; k++) {
      const aik = a[i * m + k] as number;
      if (aik === 0) continue;
      for (let j = 0; j < m; j++) c[i * m + j] = (c[i * m + j] as number) + aik * (b[k * m + j] as number);
    }
  }
  return c;
}

/** CDF by the Durbin matrix method in the Marsaglia–Tsang–Wang form: a power of a (2k−1)² matrix. */
function cdfDurbinMatrix(n: number, d: number): DoubleDouble {
  if (d >= 1) return DD_ONE;
  const nd = n * d;
  if (nd <= 0.5) return { hi: 0, lo: 0 };
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;

  const v = new Float64Array(m);
  const w = new Float64Array(m);
  let fac = 1;
  for (let j = 1; j <= m; j++) {
    v[j - 1] = 1 - h ** j;
    w[j - 1] = fac;
    fac /= j;
    v[j - 1] = (v[j - 1] as number) * fac;
  }
  const tt = Math.max(2 * h - 1, 0) ** m - 2 * h ** m;
  v[m - 1] = (1 + tt) * fac;

  let hm = new Float64Array(m * m);
  for (let i = 1; i < m; i++) {
    for (let r = i - 1; r < m; r++) hm[r * m + i] = w[r - i + 1] as number;
  }
  for (let r = 0; r < m; r++) hm[r * m] = v[r] as number;
  for (let c = 0; c < m; c++) hm[(m - 1) * m + c] = v[m - 1 - c] as number;

  let power = new Float64Array(m * m);
  for (let i = 0; i < m; i++) power[i * m + i] = 1;
  let nn = n;
  let exponent = 0;
  let hExponent = 0;
  while (nn > 0) {
    if (nn % 2) {
      power = matmul(power, hm, m);
      exponent += hExponent;
    }
    hm = matmul(hm, hm, m);
    hExponent *= 2;
    if (Math.abs(hm[(k - 1) * m + (k - 1)] as number) > EP128) {
      for (let i = 0; i < hm.length; i++) hm[i] = (hm[i] as number) / EP128;
      hExponent += E128;
    }
    nn = Math.floor(nn / 2);
  }

  // Multiply by n!/n^n.
  const p = new Accumulator(power[(k - 1) * m + (k - 1)] as number, exponent);
  for (let i = 1; i <= n; i++) {
    p.multiplyDivide(i, n);
    if (p.magnitude < EM128) p.rescale(EP128, -E128);
  }
  return clipDD01(p.result());
}

function pomeranzInterval(i: number, n: number, ll: number, ceilf: number, roundf: number): [number, number] {
  let j1: number;
  let j2: number;
  if (i === 0) {
    j1 = -ll - ceilf - 1;
    j2 = ll + ceilf - 1;
  } else {
    const half = Math.floor((i + 1) / 2);
    if ((i + 1) % 2 === 0) {
      if (half === n + 1) {
        j1 = n - ll - ceilf - 1;
        j2 = n + ll + ceilf - 1;
      } else {
        j1 = half - 1 - ll - roundf - 1;
        j2 = half + ll - 1 + ceilf - 1;
      }
    } else {
      j1 = half - 1 - ll - 1;
      j2 = half + ll + roundf - 1;
    }
  }
  return [Math.max(j1 + 2, 0), Math.min(j2, n)];
}

/** CDF by the Pomeranz recursion: 2n+1 convolutions with (nearly) Poisson weights. */
function cdfPomeranz(n: number, x: number): DoubleDouble {
  const t = n * x;
  const ll = Math.floor(t);
  const f = t - ll;
  const g = Math.min(f, 1 - f);
  const ceilf = f > 0 ? 1 : 0;
  const roundf = f > 0.5 ? 1 : 0;
  const npwrs = 2 * (ll + 1);
  const gpower = new Float64Array(npwrs);
  const twogpower = new Float64Array(npwrs);
  const onem2gpower = new Float64Array(npwrs);
  gpower[0] = 1;
  twogpower[0] = 1;
  onem2gpower[0] = 1;
  const gOverN = g / n;
  const twoGOverN = (2 * g) / n;
  const oneMinusTwoGOverN = (1 - 2 * g) / n;
  for (let m = 1; m < npwrs; m++) {
    gpower[m] = ((gpower[m - 1] as number) * gOverN) / m;
    twogpower[m] = ((twogpower[m - 1] as number) * twoGOverN) / m;
    onem2gpower[m] = ((onem2gpower[m - 1] as number) * oneMinusTwoGOverN) / m;
  }

  let v0 = new Float64Array(npwrs);
  let v1 = new Float64Array(npwrs);
  v1[0] = 1;
  let v0s = 0;
  let v1s = 0;
  let exponent = 0;
  let [j1, j2] = pomeranzInterval(0, n, ll, ceilf, roundf);
  for (let i = 1; i < 2 * n + 2; i++) {
    const k1 = j1;
    [v0, v1] = [v1, v0];
    [v0s, v1s] = [v1s, v0s];
    v1.fill(0);
    [j1, j2] = pomeranzInterval(i, n, ll, ceilf, roundf);
    const pwrs = i === 1 || i === 2 * n + 1 ? gpower : i % 2 ? twogpower : onem2gpower;
    const ln2 = j2 - k1 + 1;
    if (ln2 > 0) {
      const aStart = k1 - v0s;
      const aLength = Math.min(ln2, npwrs - aStart);
      const bLength = Math.min(ln2, npwrs);
      const convStart = j1 - k1;
      const convLength = j2 - j1 + 1;
      for (let c = 0; c < convLength; c++) {
        const index = convStart + c;
        let sum = 0;
        for (let a = Math.max(0, index - bLength + 1); a <= Math.min(index, aLength - 1); a++) {
          sum += (v0[aStart + a] as number) * (pwrs[index - a] as number);
        }
        v1[c] = sum;
      }
      let max = Number.NEGATIVE_INFINITY;
      for (const value of v1) max = Math.max(max, value);
      if (max > 0 && max < EM128) {
        for (let c = 0; c < npwrs; c++) v1[c] = (v1[c] as number) * EP128;
        exponent -= E128;
      }
      v1s = v0s + j1 - k1;
    }
  }

  // Multiply by n!.
  const ans = new Accumulator(v1[n - v1s] as number, exponent);
  for (let m = 1; m <= n; m++) {
    if (ans.magnitude > EP128) ans.rescale(EM128, E128);
    ans.multiplyDivide(m, 1);
  }
  return clipDD01(ans.result());
}

/** CDF by the Pelz–Good asymptotic expansion (Li-Chien/Korolyuk terms through n^-3/2). */
function cdfPelzGood(n: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const z = Math.sqrt(n) * x;
  const zsquared = z ** 2;
  const zthree = z ** 3;
  const zfour = z ** 4;
  const zsix = z ** 6;

  const qlog = -PI_SQUARED / 8 / zsquared;
  if (qlog < MIN_LOG) return 0;
  let q = Math.exp(qlog);

  const k1a = -zsquared;
  const k1b = PI_SQUARED / 4;
  const k2a = 6 * zsix + 2 * zfour;
  const k2b = ((2 * zfour - 5 * zsquared) * PI_SQUARED) / 4;
  const k2c = (PI_FOUR * (1 - 2 * zsquared)) / 16;
  const k3d = (PI_SIX * (5 - 30 * zsquared)) / 64;
  const k3c = (PI_FOUR * (-60 * zsquared + 212 * zfour)) / 16;
  const k3b = (PI_SQUARED * (135 * zfour - 96 * zsix)) / 4;
  const k3a = -30 * zsix - 90 * z ** 8;

  const terms = [0, 0, 0, 0];
  // Horner scheme in q for Σ c_k q^((2k−1)²).
  const maxk = Math.ceil((16 * z) / Math.PI);
  for (let k = maxk; k > 0; k--) {
    const m = 2 * k - 1;
    const msquared = m ** 2;
    const mfour = m ** 4;
    const msix = m ** 6;
    const qpower = q ** (8 * k);
    const coefficients = [
      1,
      k1a + k1b * msquared,
      k2a + k2b * msquared + k2c * mfour,
      k3a + k3b * msquared + k3c * mfour + k3d * msix,
    ];
    for (let i = 0; i < 4; i++) terms[i] = (terms[i] as number) * qpower + (coefficients[i] as number);
  }
  const divisors = [z, 6 * zfour, 72 * z ** 7, 6480 * z ** 10];
  for (let i = 0; i < 4; i++) terms[i] = ((terms[i] as number) * q * SQRT2PI) / (divisors[i] as number);

  // The sums over all integers k in K2 and K3.
  q = Math.exp(-PI_SQUARED / 2 / zsquared);
  const sqrt3z = SQRT3 * z;
  const k2parts = new Float64Array(maxk);
  const k3parts = new Float64Array(maxk);
  for (let i = 0; i < maxk; i++) {
    const k = maxk - i;
    const ksquared = k ** 2;
    const kspi = Math.PI * k;
    const qpower = q ** ksquared;
    k2parts[i] = ksquared * qpower;
    k3parts[i] = (sqrt3z + kspi) * (sqrt3z - kspi) * ksquared * qpower;
  }
  terms[2] = (terms[2] as number) + numpySum(k2parts) * ((PI_SQUARED * SQRT2PI) / (-36 * zthree));
  terms[3] = (terms[3] as number) + numpySum(k3parts) * ((PI_SQUARED * SQRT2PI) / (216 * zsix));

  let sum = 0;
  for (let i = 0; i < 4; i++) sum += (terms[i] as number) / n ** (i / 2);
  return sum;
}

/** 1 − cdf, subtracting in double-double like scipy's long-double arithmetic. */
function complement(cdf: DoubleDouble): number {
  return clip01(subtract(DD_ONE, cdf).hi);
}

/**
 * P(D_n ≥ d) for the two-sided one-sample KS statistic with sample size n (scipy.stats.kstwo.sf(d, n)).
 * ks_2samp's asymptotic branch uses this with n = round(n1·n2 / (n1 + n2)).
 */
export function kstwoSf(d: number, n: number): number {
  if (!(Number.isInteger(n) && n >= 1) || Number.isNaN(d)) return Number.NaN;
  if (d <= 0.5 / n) return 1;
  if (d >= 1) return 0;

  const t = n * d;
  if (t <= 1) {
    // Ruben–Gambino: exact for 1/2n ≤ d ≤ 1/n.
    let prob: number;
    if (n <= 140) {
      prob = 1;
      for (let i = 1; i <= n; i++) prob *= i * (1 / n) * (2 * t - 1);
    } else {
      prob = Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
    }
    return clip01(1 - prob);
  }
  if (t >= n - 1) return clip01(2 * (1 - d) ** n);
  if (d >= 0.5) return clip01(2 * smirnovSf(n, d));

  const nxSquared = t * d;
  if (n <= 140) {
    if (nxSquared <= 0.754693) return complement(cdfDurbinMatrix(n, d));
    if (nxSquared <= 4) return complement(cdfPomeranz(n, d));
    return clip01(2 * smirnovSf(n, d));
  }
  if (nxSquared >= 370) return 0;
  if (nxSquared >= 2.2) return clip01(2 * smirnovSf(n, d));
  if (n <= 100000 && n * d ** 1.5 <= 1.4) return complement(cdfDurbinMatrix(n, d));
  return clip01(1 - cdfPelzGood(n, d));
}
