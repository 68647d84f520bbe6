/**
 * Bins cut at the reference's deciles (PSI and JS distance on numeric columns): (−∞, q₁], (q₁, q₂],
 * …, (q₉, ∞), with repeated cut points dropped so discrete columns get fewer bins. The cut points
 * are values of the distributions given, so when both sides sit on the sketches' bucket grid every
 * bin is a union of whole buckets and both sides' bin counts are exact.
 */
import type { Distribution } from "../profile/quantile-sketch.js";

export const QUANTILE_BINS = 10;

export function referenceQuantileEdges(reference: Distribution, bins = QUANTILE_BINS): number[] {
  const edges: number[] = [];
  let seen = 0;
  let next = 1;
  for (let i = 0; i < reference.values.length && next < bins; i++) {
    seen += reference.counts[i] as number;
    const value = reference.values[i] as number;
    // inverted-CDF quantile: the first value whose cumulative count reaches ⌈q·n⌉
    while (next < bins && seen >= Math.ceil((next / bins) * reference.total)) {
      if (edges[edges.length - 1] !== value) edges.push(value);
      next++;
    }
  }
  return edges;
}

/** Counts of the distribution in each bin (values ≤ edge[k] and > edge[k−1]). */
export function binCounts(distribution: Distribution, edges: readonly number[]): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  let bin = 0;
  for (let i = 0; i < distribution.values.length; i++) {
    const value = distribution.values[i] as number;
    while (bin < edges.length && value > (edges[bin] as number)) bin++;
    counts[bin] = (counts[bin] as number) + (distribution.counts[i] as number);
  }
  return counts;
}
