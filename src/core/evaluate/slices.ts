/**
 * Per-slice metrics: the holdout broken down by the values of a column (region, plan, …), each
 * model's point estimates on the rows of each value. The ranking of each model is computed once and
 * reused; a slice is a 0/1 weight per row.
 */
import type { MetricName } from "./metrics/index.js";
import { modelMetrics } from "./model-metrics.js";
import { type EvaluationRows, modelCount, rowCount } from "./rows.js";

/** A column's values, dictionary-encoded: `codes[i]` indexes `values` (−1: missing). */
export interface SliceColumn {
  column: string;
  codes: Int32Array;
  values: string[];
}

export interface SliceMetrics {
  column: string;
  value: string;
  rows: number;
  /** per model (0 the challenger, 1 the champion), metric name → value */
  models: Record<string, number>[];
}

/** Slice values beyond this many (the most frequent first) are left out, and said to be. */
export const MAX_SLICE_VALUES = 50;
export const MISSING_SLICE_VALUE = "(missing)";

export function sliceMetrics(
  rows: EvaluationRows,
  slices: readonly SliceColumn[],
  metrics: readonly MetricName[],
): { slices: SliceMetrics[]; omitted: Record<string, number> } {
  const n = rowCount(rows);
  const perModel = Array.from({ length: modelCount(rows) }, (_, model) => modelMetrics(rows, model, metrics));
  const weights = new Uint32Array(n);
  const result: SliceMetrics[] = [];
  const omitted: Record<string, number> = {};
  for (const slice of slices) {
    const counts = new Map<number, number>();
    for (const code of slice.codes) counts.set(code, (counts.get(code) ?? 0) + 1);
    const ranked = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    if (ranked.length > MAX_SLICE_VALUES) omitted[slice.column] = ranked.length - MAX_SLICE_VALUES;
    for (const [code, size] of ranked.slice(0, MAX_SLICE_VALUES)) {
      for (let i = 0; i < n; i++) weights[i] = slice.codes[i] === code ? 1 : 0;
      result.push({
        column: slice.column,
        value: code < 0 ? MISSING_SLICE_VALUE : (slice.values[code] as string),
        rows: size,
        models: perModel.map((compute) => compute(weights)),
      });
    }
  }
  return { slices: result, omitted };
}
