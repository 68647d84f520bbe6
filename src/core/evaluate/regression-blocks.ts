/**
 * Compressing a large regression holdout for the bootstrap: rows are dealt into blocks (row i into
 * block i mod B, so each block spans the whole file) and a block keeps the sums every regression
 * metric is made of. Resampling blocks instead of rows gives each additive sum the same variance
 * (the block sums are independent), so RMSE, MAE, MAPE and R² replicates cost O(B), heavy-tailed
 * errors included, with nothing binned.
 */
import { FLOAT64_EPS, type MetricName } from "./metrics/index.js";
import type { RegressionRows } from "./rows.js";

export interface RegressionBlocks {
  blocks: number;
  /** one model's metrics with blocks weighted by resample counts (null: every block once) */
  statistic(model: number, names: readonly MetricName[]): (weights: Uint32Array | null) => Record<string, number>;
}

export function regressionBlocks(rows: RegressionRows, blocks: number): RegressionBlocks {
  const { targets } = rows;
  const n = targets.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += (targets[i] as number) / n;
  const count = new Float64Array(blocks);
  // sums of the centred target, for an R² without cancellation
  const centred = new Float64Array(blocks);
  const centredSquares = new Float64Array(blocks);
  for (let i = 0; i < n; i++) {
    const b = i % blocks;
    const c = (targets[i] as number) - mean;
    count[b] = (count[b] as number) + 1;
    centred[b] = (centred[b] as number) + c;
    centredSquares[b] = (centredSquares[b] as number) + c * c;
  }
  const perModel = rows.predictions.map((predictions) => {
    const squared = new Float64Array(blocks);
    const absolute = new Float64Array(blocks);
    const percentage = new Float64Array(blocks);
    for (let i = 0; i < n; i++) {
      const b = i % blocks;
      const t = targets[i] as number;
      const e = Math.abs(t - (predictions[i] as number));
      squared[b] = (squared[b] as number) + e * e;
      absolute[b] = (absolute[b] as number) + e;
      percentage[b] = (percentage[b] as number) + e / Math.max(Math.abs(t), FLOAT64_EPS);
    }
    return { squared, absolute, percentage };
  });
  return {
    blocks,
    statistic(model, names) {
      const sums = perModel[model];
      if (!sums) throw new RangeError(`no predictions for model ${model}`);
      return (weights) => {
        let total = 0;
        let sumCentred = 0;
        let sumCentredSquares = 0;
        let squared = 0;
        let absolute = 0;
        let percentage = 0;
        for (let b = 0; b < blocks; b++) {
          const w = weights ? (weights[b] as number) : 1;
          if (w === 0) continue;
          total += w * (count[b] as number);
          sumCentred += w * (centred[b] as number);
          sumCentredSquares += w * (centredSquares[b] as number);
          squared += w * (sums.squared[b] as number);
          absolute += w * (sums.absolute[b] as number);
          percentage += w * (sums.percentage[b] as number);
        }
        const totalSquares = sumCentredSquares - (sumCentred * sumCentred) / total;
        const values: Record<string, number> = {
          rmse: total > 0 ? Math.sqrt(squared / total) : Number.NaN,
          mae: total > 0 ? absolute / total : Number.NaN,
          mape: total > 0 ? percentage / total : Number.NaN,
          r2: !(total >= 2) ? Number.NaN : totalSquares === 0 ? (squared === 0 ? 1 : 0) : 1 - squared / totalSquares,
        };
        return Object.fromEntries(names.map((name) => [name, values[name] ?? Number.NaN]));
      };
    },
  };
}
