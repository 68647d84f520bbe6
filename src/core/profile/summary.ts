/**
 * The human-readable part of a profile document: derived from the mergeable state on every write
 * (never read back), so it cannot disagree with it.
 */
import type { ColumnProfile } from "./column-profile.js";
import type { NumericStats } from "./numeric-stats.js";
import { RELATIVE_ACCURACY } from "./quantile-sketch.js";

export const SUMMARY_QUANTILES = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99] as const;
export const HISTOGRAM_BINS = 20;
const TOP_VALUES = 10;

export interface ColumnSummary {
  presence: number;
  distinct: number;
  distinctExact: boolean;
  mean?: number;
  std?: number;
  quantiles?: Record<string, number>;
  /** quantiles are exact, or within this relative error of a value at that rank */
  quantileRelativeError?: number;
  histogram?: Histogram;
  top?: [value: string, count: number][];
}

export interface Histogram {
  /** HISTOGRAM_BINS + 1 equal-width edges from min to max */
  edges: number[];
  counts: number[];
}

export function summarizeColumn(column: ColumnProfile): ColumnSummary {
  const summary: ColumnSummary = {
    presence: column.presence,
    distinct: column.distinctEstimate(),
    distinctExact: column.numeric?.isDistinctExact ?? column.text?.isExact ?? true,
  };
  const numeric = column.numeric;
  if (numeric && numeric.moments.count > 0) Object.assign(summary, summarizeNumeric(numeric));
  if (column.text) summary.top = column.text.items(TOP_VALUES);
  return summary;
}

function summarizeNumeric(numeric: NumericStats): Partial<ColumnSummary> {
  const quantiles: Record<string, number> = {};
  for (const q of SUMMARY_QUANTILES) quantiles[`p${Math.round(q * 100)}`] = numeric.sketch.quantile(q) as number;
  return {
    mean: numeric.moments.mean,
    std: Math.sqrt(numeric.moments.variance),
    quantiles,
    quantileRelativeError: numeric.sketch.isExact ? 0 : RELATIVE_ACCURACY,
    histogram: histogram(numeric),
  };
}

/**
 * Equal-width bins between min and max. Exact when the sketch is; otherwise each bucket's count
 * goes to the bin holding its representative value, so a count can sit one bin off only for
 * values within RELATIVE_ACCURACY of a bin edge.
 */
export function histogram(numeric: NumericStats, bins = HISTOGRAM_BINS): Histogram {
  const { min, max } = numeric;
  const width = (max - min) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? max : min + i * width));
  const counts = new Array<number>(bins).fill(0);
  const { values, counts: weights } = numeric.sketch.distribution();
  for (let i = 0; i < values.length; i++) {
    const offset = width > 0 ? Math.floor(((values[i] as number) - min) / width) : 0;
    const bin = Math.min(bins - 1, Math.max(0, offset));
    counts[bin] = (counts[bin] as number) + (weights[i] as number);
  }
  return { edges, counts };
}
