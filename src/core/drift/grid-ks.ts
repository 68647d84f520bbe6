/**
 * The KS statistic of two distributions known only on a shared grid of buckets (the quantile
 * sketches' fixed log buckets). Both CDFs are exact at every bucket edge, so the maximum gap at the
 * edges is a lower bound on the true D; inside a bucket either CDF may rise anywhere, so the true
 * D is at most the largest gap between one side's upper edge and the other's lower edge.
 */
import type { Distribution } from "../profile/quantile-sketch.js";

export interface KsBounds {
  low: number;
  high: number;
}

export function gridKsBounds(a: Distribution, b: Distribution): KsBounds {
  let i = 0;
  let j = 0;
  let belowA = 0;
  let belowB = 0;
  let low = 0;
  let high = 0;
  while (i < a.values.length || j < b.values.length) {
    const x = Math.min(
      i < a.values.length ? (a.values[i] as number) : Number.POSITIVE_INFINITY,
      j < b.values.length ? (b.values[j] as number) : Number.POSITIVE_INFINITY,
    );
    const beforeA = belowA / a.total;
    const beforeB = belowB / b.total;
    if (i < a.values.length && a.values[i] === x) belowA += a.counts[i++] as number;
    if (j < b.values.length && b.values[j] === x) belowB += b.counts[j++] as number;
    const afterA = belowA / a.total;
    const afterB = belowB / b.total;
    // x = 0 is a point of its own, not a bucket: nothing happens inside it
    const inside = x === 0 ? 0 : Math.max(afterA - beforeB, afterB - beforeA);
    low = Math.max(low, Math.abs(afterA - afterB));
    high = Math.max(high, low, inside);
  }
  return { low, high: Math.min(high, 1) };
}
