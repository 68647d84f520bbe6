import { checkLength, checkWeights, type Labels, type Weights } from "./types.js";

/**
 * Row indices sorted by score, highest first; equal scores keep their row order (stable). Computed once per
 * model and reused by every bootstrap replicate of {@link rocAuc} and {@link averagePrecision}: the order of the
 * rows does not depend on the weights, only which rows count. Throws on a non-finite score (scikit-learn's
 * `assert_all_finite`).
 */
export function rankOrder(scores: Float64Array): Int32Array {
  const n = scores.length;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(scores[i] as number)) {
      throw new RangeError(`score ${scores[i]} at row ${i} is not finite`);
    }
  }
  return n < RADIX_FROM ? comparisonOrder(scores) : radixOrder(scores);
}

/** Below this many rows a comparison sort is faster than four radix passes over 2¹⁶ buckets. */
const RADIX_FROM = 50_000;

function comparisonOrder(scores: Float64Array): Int32Array {
  const order = new Int32Array(scores.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
  return order;
}

/**
 * The same order by a least-significant-digit radix sort of the scores' bits (stable, so ties keep
 * row order): a million scores rank in tens of milliseconds instead of half a second.
 */
function radixOrder(scores: Float64Array): Int32Array {
  const n = scores.length;
  const copy = new Float64Array(scores);
  for (let i = 0; i < n; i++) if (copy[i] === 0) copy[i] = 0; // −0 ranks with +0
  const bits = new Uint32Array(copy.buffer);
  let low = new Uint32Array(n);
  let high = new Uint32Array(n);
  let order = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const lowBits = bits[2 * i] as number;
    const highBits = bits[2 * i + 1] as number;
    // ascending keys for descending scores: a negative float keeps its bits, a positive one flips all but the sign
    const negative = highBits >>> 31 === 1;
    low[i] = negative ? lowBits : ~lowBits >>> 0;
    high[i] = negative ? highBits : ~highBits & 0x7fffffff;
    order[i] = i;
  }
  let nextLow = new Uint32Array(n);
  let nextHigh = new Uint32Array(n);
  let nextOrder = new Int32Array(n);
  const counts = new Uint32Array(65_537);
  for (let pass = 0; pass < 4; pass++) {
    const keys = pass < 2 ? low : high;
    const shift = (pass & 1) * 16;
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const digit = ((keys[i] as number) >>> shift) & 0xffff;
      counts[digit + 1] = (counts[digit + 1] as number) + 1;
    }
    // one digit for every row (the low bits of float32 scores widened to doubles): nothing to move
    if (counts.includes(n)) continue;
    for (let d = 1; d <= 65_536; d++) counts[d] = (counts[d] as number) + (counts[d - 1] as number);
    for (let i = 0; i < n; i++) {
      const digit = ((keys[i] as number) >>> shift) & 0xffff;
      const to = counts[digit] as number;
      counts[digit] = to + 1;
      nextLow[to] = low[i] as number;
      nextHigh[to] = high[i] as number;
      nextOrder[to] = order[i] as number;
    }
    [low, nextLow] = [nextLow, low];
    [high, nextHigh] = [nextHigh, high];
    [order, nextOrder] = [nextOrder, order];
  }
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
