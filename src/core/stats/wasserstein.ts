// First Wasserstein distance between two weighted 1-D empirical distributions, ported from scipy.stats'
// _cdf_distance(p=1): the integral of |U − V| over the merged support.

import { numpySum } from "./numpy-sum.js";

function sortedWithCumulativeWeights(
  values: readonly number[],
  weights: readonly number[] | undefined,
  side: string,
): { sorted: Float64Array; cumulative: Float64Array | undefined } {
  if (values.length === 0) throw new Error(`wassersteinDistance: ${side} distribution is empty`);
  const order = values.map((_, i) => i).sort((i, j) => (values[i] as number) - (values[j] as number));
  const sorted = Float64Array.from(order, (i) => values[i] as number);
  if (weights === undefined) return { sorted, cumulative: undefined };
  if (weights.length !== values.length) {
    throw new Error(`wassersteinDistance: ${side} values and weights differ in length`);
  }
  if (weights.some((w) => w < 0)) throw new Error(`wassersteinDistance: ${side} weights must be non-negative`);
  const total = numpySum(weights);
  if (!(total > 0 && total < Number.POSITIVE_INFINITY)) {
    throw new Error(`wassersteinDistance: ${side} weights must have a positive, finite sum`);
  }
  const cumulative = new Float64Array(values.length + 1);
  order.forEach((i, k) => {
    cumulative[k + 1] = (cumulative[k] as number) + (weights[i] as number);
  });
  return { sorted, cumulative };
}

function cdfAt(index: number, size: number, cumulative: Float64Array | undefined): number {
  if (cumulative === undefined) return index / size;
  return (cumulative[index] as number) / (cumulative[size] as number);
}

/**
 * W1(u, v) = ∫ |U(x) − V(x)| dx where U, V are the (weighted) empirical CDFs. Values need not be sorted or
 * distinct; weights default to equal and are normalised per side.
 */
export function wassersteinDistance(
  uValues: readonly number[],
  vValues: readonly number[],
  uWeights?: readonly number[],
  vWeights?: readonly number[],
): number {
  const u = sortedWithCumulativeWeights(uValues, uWeights, "u");
  const v = sortedWithCumulativeWeights(vValues, vWeights, "v");
  const nu = u.sorted.length;
  const nv = v.sorted.length;

  const all = new Float64Array(nu + nv);
  all.set(u.sorted);
  all.set(v.sorted, nu);
  all.sort();

  const terms = new Float64Array(all.length - 1);
  let ui = 0;
  let vi = 0;
  for (let k = 0; k < terms.length; k++) {
    const x = all[k] as number;
    // searchsorted(side="right"): the number of sorted values ≤ x.
    while (ui < nu && (u.sorted[ui] as number) <= x) ui++;
    while (vi < nv && (v.sorted[vi] as number) <= x) vi++;
    const delta = (all[k + 1] as number) - x;
    terms[k] = Math.abs(cdfAt(ui, nu, u.cumulative) - cdfAt(vi, nv, v.cumulative)) * delta;
  }
  return numpySum(terms);
}
