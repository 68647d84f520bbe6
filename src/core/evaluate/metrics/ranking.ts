import { checkLength, checkWeights, type Labels, type Weights } from "./types.js";

/**
 * Row indices sorted by score, highest first; equal scores keep their row order (stable). Computed once per
 * model and reused by every bootstrap replicate of {@link rocAuc} and {@link averagePrecision}: the order of the
 * rows does not depend on the weights, only which rows count. Throws on a non-finite score (scikit-learn's
 * `assert_all_finite`).
 */
export function rankOrder(scores: Float64Array): Int32Array {
  const n = scores.length;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(scores[i] as number)) {
      throw new RangeError(`score ${scores[i]} at row ${i} is not finite`);
    }
    order[i] = i;
  }
  order.sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
  return order;
}

function checkRanking(labels: Labels, scores: Float64Array, order: Int32Array, weights: Weights): void {
  const n = labels.length;
  checkLength("scores", scores.length, n);
  checkLength("order", order.length, n);
  checkWeights(weights, n);
}

/**
 * `roc_auc_score(labels, scores, sample_weight=weights)` in O(n) over a precomputed {@link rankOrder}: the
 * trapezoidal area under the ROC curve with one point per distinct score, so tied scores across classes count
 * half, exactly as scikit-learn. NaN where scikit-learn raises ("Only one class present in y_true") or returns
 * NaN (one class has zero total weight).
 */
export function rocAuc(labels: Labels, scores: Float64Array, order: Int32Array, weights?: Weights): number {
  checkRanking(labels, scores, order, weights);
  const n = labels.length;
  let tp = 0;
  let fp = 0;
  let area = 0;
  let prevTp = 0;
  let prevFp = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k] as number;
    const w = weights === undefined ? 1 : (weights[i] as number);
    if (labels[i] === 1) tp += w;
    else fp += w;
    // One ROC point per distinct score (scikit-learn's _binary_clf_curve): ties form a single trapezoid.
    if (k === n - 1 || scores[order[k + 1] as number] !== scores[i]) {
      area += (fp - prevFp) * (tp + prevTp);
      prevTp = tp;
      prevFp = fp;
    }
  }
  if (!(prevTp > 0 && prevFp > 0)) return Number.NaN;
  return area / (2 * prevTp * prevFp);
}

/**
 * `average_precision_score(labels, scores, sample_weight=weights)` in O(n) over a precomputed
 * {@link rankOrder}: Σ_t (R_t − R_{t−1}) · P_t over the distinct scores t, highest first (the step function,
 * not interpolated). 0 when no row of positive weight is positive (scikit-learn 1.2 warns and sets recall to 1,
 * which gives 0); NaN when the total weight is 0.
 */
export function averagePrecision(labels: Labels, scores: Float64Array, order: Int32Array, weights?: Weights): number {
  checkRanking(labels, scores, order, weights);
  const n = labels.length;
  let tp = 0;
  let fp = 0;
  let sum = 0;
  let prevTp = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k] as number;
    const w = weights === undefined ? 1 : (weights[i] as number);
    if (labels[i] === 1) tp += w;
    else fp += w;
    // Precision at each distinct score, weighted by the recall it adds (zero-weight groups add nothing).
    if ((k === n - 1 || scores[order[k + 1] as number] !== scores[i]) && tp > prevTp) {
      sum += (tp - prevTp) * (tp / (tp + fp));
      prevTp = tp;
    }
  }
  if (!(tp + fp > 0)) return Number.NaN;
  return prevTp > 0 ? sum / prevTp : 0;
}
