// Jensen–Shannon distance, matching scipy.spatial.distance.jensenshannon for 1-D inputs.

import { numpySum } from "./numpy-sum.js";

function relativeEntropy(x: number, y: number): number {
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.NaN;
  if (x > 0 && y > 0) return x * Math.log(x / y);
  if (x === 0 && y >= 0) return 0;
  return Number.POSITIVE_INFINITY;
}

/**
 * sqrt(JS divergence) between two discrete distributions given as non-negative weights over the same bins;
 * each side is normalised to sum 1 first. With base 2 the result lies in [0, 1].
 */
export function jensenShannonDistance(p: readonly number[], q: readonly number[], base = 2): number {
  if (p.length !== q.length) throw new Error("jensenShannonDistance: p and q must have the same length");
  const pSum = numpySum(p);
  const qSum = numpySum(q);
  const left = new Float64Array(p.length);
  const right = new Float64Array(p.length);
  for (let i = 0; i < p.length; i++) {
    const pi = (p[i] as number) / pSum;
    const qi = (q[i] as number) / qSum;
    const mi = (pi + qi) / 2;
    left[i] = relativeEntropy(pi, mi);
    right[i] = relativeEntropy(qi, mi);
  }
  const divergence = (numpySum(left) + numpySum(right)) / Math.log(base);
  return Math.sqrt(divergence / 2);
}
