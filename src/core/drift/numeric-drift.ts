/**
 * Drift of a numeric column from two quantile sketches. When both sketches are exact (at most
 * EXACT_CAPACITY distinct values each) every score is what scipy computes on the raw data.
 * Otherwise both sides are compared on the shared bucket grid, and each score says how far it can be
 * from the exact one:
 * - KS: D lies in [low, high] (grid-ks.ts); the p-value is computed from `low`.
 * - Wasserstein: each value moved by at most α·|x| (α = RELATIVE_ACCURACY), so the distance is
 *   within α·(E|X_ref| + E|X_cur|) of the exact one (divided by the reference std like the score).
 * - PSI and JS: the bins are the reference deciles rounded up to bucket edges (within α relative);
 *   counts in those bins are exact, so the scores are exact for those bins.
 */
import type { NumericStats } from "../profile/numeric-stats.js";
import type { Distribution } from "../profile/quantile-sketch.js";
import { RELATIVE_ACCURACY } from "../profile/quantile-sketch.js";
import {
  jensenShannonDistance,
  ksStatistic,
  ksTwoSamplePValue,
  populationStabilityIndex,
  wassersteinDistance,
} from "../stats/index.js";
import type { DriftTestName } from "./drift-tests.js";
import { gridKsBounds } from "./grid-ks.js";
import { binCounts, referenceQuantileEdges } from "./quantile-bins.js";

/** Evidently's floor on the reference std, so a constant reference does not divide by zero. */
export const MIN_REFERENCE_STD = 0.001;

export interface NumericScore {
  test: DriftTestName;
  statistic: number;
  pValue?: number;
  method?: string;
  bounds?: { low: number; high: number };
}

export interface NumericComparison {
  scores: NumericScore[];
  reference: Distribution;
  current: Distribution;
  exact: boolean;
}

export function compareNumeric(reference: NumericStats, current: NumericStats): NumericComparison {
  const exact = reference.sketch.isExact && current.sketch.isExact;
  const ref = exact ? reference.sketch.distribution() : reference.sketch.bucketDistribution();
  const cur = exact ? current.sketch.distribution() : current.sketch.bucketDistribution();
  if (ref.total === 0 || cur.total === 0) return { scores: [], reference: ref, current: cur, exact };
  return {
    scores: [ks(ref, cur, exact), wasserstein(reference, current), ...binned(ref, cur)],
    reference: ref,
    current: cur,
    exact,
  };
}

function ks(ref: Distribution, cur: Distribution, exact: boolean): NumericScore {
  const n1 = ref.total;
  const n2 = cur.total;
  if (exact) {
    const d = ksStatistic(ref, cur);
    const { pValue, method } = ksTwoSamplePValue(d, n1, n2, "auto");
    return { test: "ks", statistic: d, pValue, method };
  }
  const bounds = gridKsBounds(ref, cur);
  const { pValue, method } = ksTwoSamplePValue(bounds.low, n1, n2, "auto");
  return { test: "ks", statistic: bounds.low, pValue, method, bounds };
}

/** On each side's own distribution (exact values where the sketch is exact), not the shared grid. */
function wasserstein(reference: NumericStats, current: NumericStats): NumericScore {
  const norm = Math.max(Math.sqrt(reference.moments.variance), MIN_REFERENCE_STD);
  const ref = reference.sketch.distribution();
  const cur = current.sketch.distribution();
  const distance = wassersteinDistance(
    Array.from(ref.values),
    Array.from(cur.values),
    Array.from(ref.counts),
    Array.from(cur.counts),
  );
  const statistic = distance / norm;
  if (ref.exact && cur.exact) return { test: "wasserstein", statistic };
  const sketched = (stats: NumericStats) => (stats.sketch.isExact ? 0 : stats.moments.meanAbs);
  const slack = (RELATIVE_ACCURACY * (sketched(reference) + sketched(current))) / norm;
  return { test: "wasserstein", statistic, bounds: { low: Math.max(0, statistic - slack), high: statistic + slack } };
}

function binned(ref: Distribution, cur: Distribution): NumericScore[] {
  const edges = referenceQuantileEdges(ref);
  const refCounts = binCounts(ref, edges);
  const curCounts = binCounts(cur, edges);
  return [
    { test: "psi", statistic: populationStabilityIndex(refCounts, curCounts) },
    { test: "jensen-shannon", statistic: jensenShannonDistance(refCounts, curCounts, 2) },
  ];
}
