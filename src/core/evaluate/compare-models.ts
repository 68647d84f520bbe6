/**
 * The comparison at the heart of evaluate-against-champion: every metric of the challenger (model 0)
 * and the champion (model 1, when present) on the same rows, exactly, with paired bootstrap
 * intervals for each metric and each challenger − champion delta. Large holdouts are resampled
 * through compressed cells (see cells.ts), small ones row by row.
 */
import { type MetricEstimates, pairedBootstrap } from "./bootstrap/index.js";
import { compressRows, MAX_CELLS } from "./cells.js";
import type { MetricName } from "./metrics/index.js";
import { modelMetrics } from "./model-metrics.js";
import { regressionBlocks } from "./regression-blocks.js";
import { type EvaluationRows, modelCount, rowCount } from "./rows.js";

export interface ComparisonOptions {
  metrics: readonly MetricName[];
  replicates: number;
  seed: number;
  confidence: number;
  /** rows above this are resampled as cells */
  maxCells?: number;
}

export interface BootstrapSummary {
  replicates: number;
  seed: number;
  confidence: number;
  /**
   * `rows`: each replicate draws the holdout's rows; `cells`: Poisson draws of cells of rows alike
   * (classification); `blocks`: draws of blocks of rows (regression)
   */
  resampled: "rows" | "cells" | "blocks";
  /** rows, cells or blocks a replicate draws from */
  units: number;
}

export interface Comparison {
  metrics: Record<string, MetricEstimates>;
  bootstrap: BootstrapSummary;
}

type Statistic = (weights: Uint32Array | null) => Record<string, number>;

interface Resampling {
  resampled: BootstrapSummary["resampled"];
  units: number;
  statistic(model: number): Statistic;
  cellCounts?: Uint32Array;
  /** the exact statistics, when the statistic runs on compressed rows */
  exact: boolean;
}

export function compareModels(rows: EvaluationRows, options: ComparisonOptions): Comparison {
  const models = modelCount(rows);
  const { replicates, seed, confidence } = options;
  const plan = resampling(rows, options);
  const exactOf = (model: number) => modelMetrics(rows, model, options.metrics)();
  const exact = plan.exact ? { challenger: exactOf(0), ...(models > 1 ? { champion: exactOf(1) } : {}) } : undefined;
  const result = pairedBootstrap(
    {
      rows: plan.units,
      replicates,
      seed,
      confidence,
      ...(plan.cellCounts ? { cellCounts: plan.cellCounts } : {}),
      ...(exact ? { exact } : {}),
    },
    models > 1 ? plan.statistic(1) : undefined,
    plan.statistic(0),
  );
  return {
    metrics: result.metrics,
    bootstrap: { replicates, seed, confidence, resampled: plan.resampled, units: plan.units },
  };
}

function resampling(rows: EvaluationRows, options: ComparisonOptions): Resampling {
  const maxCells = options.maxCells ?? MAX_CELLS;
  const onRows = (evaluated: EvaluationRows) => (model: number) => {
    const metrics = modelMetrics(evaluated, model, options.metrics);
    return (weights: Uint32Array | null) => metrics(weights ?? undefined);
  };
  const n = rowCount(rows);
  if (options.replicates === 0 || n <= maxCells) {
    return { resampled: "rows", units: n, statistic: onRows(rows), exact: false };
  }
  if (rows.problem === "regression") {
    const blocks = regressionBlocks(rows, maxCells);
    return {
      resampled: "blocks",
      units: maxCells,
      statistic: (model) => blocks.statistic(model, options.metrics),
      exact: true,
    };
  }
  const compressed = compressRows(rows, maxCells);
  return {
    resampled: "cells",
    units: compressed.counts.length,
    statistic: onRows(compressed.rows),
    cellCounts: compressed.counts,
    exact: true,
  };
}
