// Two-sided two-sample Kolmogorov–Smirnov test on count-weighted samples, matching scipy.stats.ks_2samp
// (scipy 1.10, alternative="two-sided").

import { kstwoSf } from "./kolmogorov-distribution.js";
import { probOutsideBand, probOutsideSquare } from "./ks-exact.js";

/** A sample summarised as its distinct values (ascending) and how often each occurs. */
export interface EmpiricalDistribution {
  values: Float64Array | readonly number[];
  counts: ArrayLike<number>;
}

export type KsMethod = "auto" | "exact" | "asymp";

export interface KsPValue {
  pValue: number;
  method: "exact" | "asymp";
}

// ks_2samp's "auto" tries the exact distribution up to this sample size.
const MAX_AUTO_N = 10000;
const INT32_MAX = 2147483647;

function validated(sample: EmpiricalDistribution, side: string): number {
  const { values, counts } = sample;
  if (values.length !== counts.length) throw new Error(`ksStatistic: ${side} values and counts differ in length`);
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    if (i > 0 && !((values[i] as number) > (values[i - 1] as number))) {
      throw new Error(`ksStatistic: ${side} values must be strictly ascending`);
    }
    const count = counts[i] as number;
    if (!(count >= 0) || !Number.isFinite(count)) throw new Error(`ksStatistic: ${side} counts must be >= 0`);
    total += count;
  }
  if (!(total > 0)) throw new Error(`ksStatistic: ${side} sample is empty`);
  return total;
}

/**
 * D = sup |F_a − F_b| over the pooled values, with each empirical CDF taken as (count ≤ x) / n the way
 * scipy's searchsorted(side="right") does, so ties are handled identically. Linear in the number of values.
 */
export function ksStatistic(a: EmpiricalDistribution, b: EmpiricalDistribution): number {
  const n1 = validated(a, "first");
  const n2 = validated(b, "second");
  let i = 0;
  let j = 0;
  let below1 = 0;
  let below2 = 0;
  let maxDiff = Number.NEGATIVE_INFINITY;
  let minDiff = Number.POSITIVE_INFINITY;
  while (i < a.values.length || j < b.values.length) {
    const x = Math.min(
      i < a.values.length ? (a.values[i] as number) : Number.POSITIVE_INFINITY,
      j < b.values.length ? (b.values[j] as number) : Number.POSITIVE_INFINITY,
    );
    if (i < a.values.length && a.values[i] === x) below1 += a.counts[i++] as number;
    if (j < b.values.length && b.values[j] === x) below2 += b.counts[j++] as number;
    const diff = below1 / n1 - below2 / n2;
    if (diff > maxDiff) maxDiff = diff;
    if (diff < minDiff) minDiff = diff;
  }
  return Math.max(Math.min(Math.max(-minDiff, 0), 1), maxDiff);
}

function gcd(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

/** numpy's round: halves go to the even neighbour. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** scipy's _attempt_exact_2kssamp: d snapped to the lattice h/lcm, and P(D ≥ d) unless it fails. */
function attemptExact(n1: number, n2: number, g: number, d: number): { d: number; pValue: number | undefined } {
  const lcm = (n1 / g) * n2;
  const h = roundHalfEven(d * lcm);
  const snapped = h / lcm;
  if (h === 0) return { d: snapped, pValue: 1 };
  const prob = n1 === n2 ? probOutsideSquare(n1, h) : probOutsideBand(n1, n2, g, h);
  return { d: snapped, pValue: prob >= 0 && prob <= 1 ? prob : undefined };
}

/**
 * Two-sided p-value for a KS statistic d between samples of n1 and n2 observations, as ks_2samp computes
 * it: "auto" uses the exact distribution when max(n1, n2) ≤ 10000, and anything exact falls back to the
 * asymptotic kstwo distribution (with n = round(n1·n2/(n1+n2))) when the exact computation is impossible
 * (lcm too large) or numerically fails. The result is clipped to [0, 1].
 */
export function ksTwoSamplePValue(d: number, n1: number, n2: number, method: KsMethod = "auto"): KsPValue {
  if (!(Number.isInteger(n1) && n1 > 0 && Number.isInteger(n2) && n2 > 0)) {
    throw new Error(`ksTwoSamplePValue: sample sizes must be positive integers, got ${n1} and ${n2}`);
  }
  if (!(d >= 0 && d <= 1)) throw new Error(`ksTwoSamplePValue: d must be in [0, 1], got ${d}`);
  const g = gcd(n1, n2);
  let resolved: "exact" | "asymp";
  if (method === "auto") resolved = Math.max(n1, n2) <= MAX_AUTO_N ? "exact" : "asymp";
  else if (method === "exact") resolved = n1 / g >= INT32_MAX / (n2 / g) ? "asymp" : "exact";
  else resolved = "asymp";

  let statistic = d;
  if (resolved === "exact") {
    const exact = attemptExact(n1, n2, g, d);
    statistic = exact.d;
    if (exact.pValue !== undefined) return { pValue: exact.pValue, method: "exact" };
  }
  const m = Math.max(n1, n2);
  const n = Math.min(n1, n2);
  const en = (m * n) / (m + n);
  const pValue = kstwoSf(statistic, roundHalfEven(en));
  return { pValue: Math.min(Math.max(pValue, 0), 1), method: "asymp" };
}
