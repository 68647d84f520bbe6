import { percentileOfSorted } from "../../core/evaluate/bootstrap/index.js";

/**
 * The 95th percentile of a model's batch times in milliseconds. The first batch also pays for the
 * session's warm-up (memory arenas, kernel choice), so it counts only when it is the only one.
 */
export function latencyP95(batchMs: readonly number[]): number {
  const measured = batchMs.length > 1 ? batchMs.slice(1) : [...batchMs];
  if (measured.length === 0) return Number.NaN;
  const sorted = Float64Array.from(measured).sort();
  return Math.round(percentileOfSorted(sorted, 95) * 100) / 100;
}
