import { FLOAT64_EPS } from "./binary.js";
import { checkLength, checkWeights, type Weights } from "./types.js";

function check(y: Float64Array, predicted: Float64Array, weights: Weights): void {
  checkLength("predicted", predicted.length, y.length);
  checkWeights(weights, y.length);
}

/** `mean_squared_error(y, predicted, squared=False, sample_weight=weights)`. NaN when the total weight is 0. */
export function rmse(y: Float64Array, predicted: Float64Array, weights?: Weights): number {
  check(y, predicted, weights);
  let sum = 0;
  let total = 0;
  for (let i = 0; i < y.length; i++) {
    const w = weights === undefined ? 1 : (weights[i] as number);
    const d = (y[i] as number) - (predicted[i] as number);
    sum += d * d * w;
    total += w;
  }
  return total > 0 ? Math.sqrt(sum / total) : Number.NaN;
}

/** `mean_absolute_error(y, predicted, sample_weight=weights)`. NaN when the total weight is 0. */
export function mae(y: Float64Array, predicted: Float64Array, weights?: Weights): number {
  check(y, predicted, weights);
  let sum = 0;
  let total = 0;
  for (let i = 0; i < y.length; i++) {
    const w = weights === undefined ? 1 : (weights[i] as number);
    sum += Math.abs((y[i] as number) - (predicted[i] as number)) * w;
    total += w;
  }
  return total > 0 ? sum / total : Number.NaN;
}

/**
 * `mean_absolute_percentage_error(y, predicted, sample_weight=weights)`: the weighted mean of
 * |predicted − y| / max(|y|, eps), eps = 2⁻⁵² (so a zero target with a wrong prediction gives a huge value, as
 * in scikit-learn). NaN when the total weight is 0.
 */
export function mape(y: Float64Array, predicted: Float64Array, weights?: Weights): number {
  check(y, predicted, weights);
  let sum = 0;
  let total = 0;
  for (let i = 0; i < y.length; i++) {
    const w = weights === undefined ? 1 : (weights[i] as number);
    const t = y[i] as number;
    const a = Math.abs(t);
    sum += (Math.abs((predicted[i] as number) - t) / Math.max(a, FLOAT64_EPS)) * w;
    total += w;
  }
  return total > 0 ? sum / total : Number.NaN;
}

/**
 * `r2_score(y, predicted, sample_weight=weights)` (force_finite=True): 1 − SS_res / SS_tot with the weighted
 * mean of y in SS_tot. A constant target (SS_tot = 0) gives 1 for perfect predictions and 0 otherwise, as in
 * scikit-learn. NaN for fewer than two samples; with weights the sample count is Σ weights (the size of the
 * bootstrap resample; scikit-learn counts rows whatever their weight).
 */
export function r2(y: Float64Array, predicted: Float64Array, weights?: Weights): number {
  check(y, predicted, weights);
  const n = y.length;
  let total = 0;
  let weightedY = 0;
  for (let i = 0; i < n; i++) {
    const w = weights === undefined ? 1 : (weights[i] as number);
    weightedY += (y[i] as number) * w;
    total += w;
  }
  if (!(total >= 2)) return Number.NaN;
  const mean = weightedY / total;
  let numerator = 0;
  let denominator = 0;
  for (let i = 0; i < n; i++) {
    const w = weights === undefined ? 1 : (weights[i] as number);
    const t = y[i] as number;
    const d = t - (predicted[i] as number);
    const c = t - mean;
    numerator += w * (d * d);
    denominator += w * (c * c);
  }
  if (numerator === 0) return 1;
  if (denominator === 0) return 0;
  return 1 - numerator / denominator;
}
