// Population Stability Index over pre-binned counts.

import { numpySum } from "./numpy-sum.js";

/**
 * PSI = Σ (cur − ref) · ln(cur / ref) over bin fractions. A fraction of exactly 0 is replaced by `epsilon`
 * (the Evidently convention) so empty bins contribute a large but finite amount.
 */
export function populationStabilityIndex(
  refCounts: readonly number[],
  curCounts: readonly number[],
  epsilon = 1e-4,
): number {
  if (refCounts.length !== curCounts.length) {
    throw new Error("populationStabilityIndex: both sides need the same bins");
  }
  const refTotal = numpySum(refCounts);
  const curTotal = numpySum(curCounts);
  if (!(refTotal > 0) || !(curTotal > 0)) throw new Error("populationStabilityIndex: a side has no counts");
  const fraction = (count: number, total: number) => (count === 0 ? epsilon : count / total);
  const terms = new Float64Array(refCounts.length);
  for (let i = 0; i < refCounts.length; i++) {
    const ref = fraction(refCounts[i] as number, refTotal);
    const cur = fraction(curCounts[i] as number, curTotal);
    terms[i] = (cur - ref) * Math.log(cur / ref);
  }
  return numpySum(terms);
}
