/**
 * The curves an evaluation report draws for a binary classifier (ROC, precision-recall, calibration),
 * equal to scikit-learn 1.2.1's (checked against fixtures written by scripts/fixtures/make_curve_fixtures.py
 * to 1e-9 relative), and {@link thinCurve}, which cuts a curve of a million points down to what a chart
 * at report size can show.
 *
 * Inputs are those of the ranking metrics (see metrics/types.ts): labels 0/1 (class 1 positive; any other
 * value counts as negative), `scores` the predicted probability of class 1, the row order from
 * `rankOrder` computed once per model, and optional weights with `sample_weight` semantics. As in
 * scikit-learn's `_binary_clf_curve`, rows of weight 0 are left out before anything else, so they add no
 * threshold. Each function is one O(n) pass over the order, plus the output (one entry per distinct score).
 */
import { checkLength, checkWeights, type Labels, type Weights } from "./metrics/types.js";

export interface RocCurve {
  /** false positive rate per threshold, increasing from 0 */
  fpr: Float64Array;
  /** true positive rate per threshold, increasing from 0 */
  tpr: Float64Array;
  /** decreasing; the first is the highest score + 1 (scikit-learn 1.2; 1.3 and later use +Infinity) */
  thresholds: Float64Array;
}

export interface PrecisionRecallCurve {
  /** one more entry than thresholds: the last is 1 */
  precision: Float64Array;
  /** decreasing to 0; one more entry than thresholds: the last is 0 */
  recall: Float64Array;
  /** the distinct scores, increasing */
  thresholds: Float64Array;
}

export interface CalibrationCurve {
  /** (weighted) mean score per non-empty bin: scikit-learn's `prob_pred` */
  meanPredicted: Float64Array;
  /** (weighted) share of positives per non-empty bin: scikit-learn's `prob_true` */
  fractionPositive: Float64Array;
  /** rows (unweighted) or total weight per non-empty bin; scikit-learn's internal `bin_total` */
  counts: Float64Array;
}

/** Cumulative weights of positives and negatives scoring at least each distinct score (highest first). */
interface ClassifierCurve {
  fps: Float64Array;
  tps: Float64Array;
  thresholds: Float64Array;
}

/**
 * scikit-learn's `_binary_clf_curve`: walking the rows by decreasing score, the running weights of positives
 * (tps) and negatives (fps) at the last row of each run of equal scores, and that score. Rows of weight 0
 * are skipped. Empty when no row has a positive weight.
 */
function binaryClassifierCurve(
  labels: Labels,
  scores: Float64Array,
  order: Int32Array,
  weights: Weights,
): ClassifierCurve {
  const n = labels.length;
  checkLength("scores", scores.length, n);
  checkLength("order", order.length, n);
  checkWeights(weights, n);
  // first pass: how many distinct scores among the rows that count
  let groups = 0;
  let previous = Number.NaN;
  for (let k = 0; k < n; k++) {
    const i = order[k] as number;
    if (weights !== undefined && weights[i] === 0) continue;
    const s = scores[i] as number;
    if (groups === 0 || s !== previous) groups++;
    previous = s;
  }
  const fps = new Float64Array(groups);
  const tps = new Float64Array(groups);
  const thresholds = new Float64Array(groups);
  let tp = 0;
  let fp = 0;
  let group = -1;
  for (let k = 0; k < n; k++) {
    const i = order[k] as number;
    const w = weights === undefined ? 1 : (weights[i] as number);
    if (w === 0) continue;
    const s = scores[i] as number;
    if (group === -1 || s !== thresholds[group]) {
      if (group >= 0) {
        fps[group] = fp;
        tps[group] = tp;
      }
      group++;
      thresholds[group] = s;
    }
    if (labels[i] === 1) tp += w;
    else fp += w;
  }
  if (group >= 0) {
    fps[group] = fp;
    tps[group] = tp;
  }
  return { fps, tps, thresholds };
}

/**
 * `roc_curve(labels, scores, sample_weight=weights, drop_intermediate=False)` of scikit-learn 1.2.1: one
 * point per distinct score, highest first, after a first point (0, 0) whose threshold is the highest score
 * + 1. fpr is all NaN when no negative row has weight (scikit-learn warns and does the same), tpr all NaN
 * when no positive row has. Empty arrays when no row has a positive weight (scikit-learn raises).
 */
export function rocCurve(labels: Labels, scores: Float64Array, order: Int32Array, weights?: Weights): RocCurve {
  const { fps, tps, thresholds: distinct } = binaryClassifierCurve(labels, scores, order, weights);
  const m = distinct.length;
  if (m === 0) return { fpr: new Float64Array(0), tpr: new Float64Array(0), thresholds: new Float64Array(0) };
  const negatives = fps[m - 1] as number;
  const positives = tps[m - 1] as number;
  const fpr = new Float64Array(m + 1);
  const tpr = new Float64Array(m + 1);
  const thresholds = new Float64Array(m + 1);
  thresholds[0] = (distinct[0] as number) + 1;
  thresholds.set(distinct, 1);
  for (let j = 0; j < m; j++) {
    fpr[j + 1] = (fps[j] as number) / negatives;
    tpr[j + 1] = (tps[j] as number) / positives;
  }
  if (!(negatives > 0)) fpr.fill(Number.NaN);
  if (!(positives > 0)) tpr.fill(Number.NaN);
  return { fpr, tpr, thresholds };
}

/**
 * `precision_recall_curve(labels, scores, sample_weight=weights)` of scikit-learn 1.2.1: thresholds are the
 * distinct scores, increasing; precision and recall at each, then a last point (recall 0, precision 1) with
 * no threshold. Precision is 0 where nothing scores at least the threshold; recall is 1 everywhere (but the
 * last point) when no positive row has weight, as scikit-learn sets it. Empty thresholds and the single
 * point (0, 1) when no row has a positive weight (scikit-learn raises).
 */
export function precisionRecallCurve(
  labels: Labels,
  scores: Float64Array,
  order: Int32Array,
  weights?: Weights,
): PrecisionRecallCurve {
  const { fps, tps, thresholds: distinct } = binaryClassifierCurve(labels, scores, order, weights);
  const m = distinct.length;
  const precision = new Float64Array(m + 1);
  const recall = new Float64Array(m + 1);
  const thresholds = new Float64Array(m);
  const positives = m === 0 ? 0 : (tps[m - 1] as number);
  for (let j = 0; j < m; j++) {
    const out = m - 1 - j;
    const tp = tps[j] as number;
    const predicted = tp + (fps[j] as number);
    precision[out] = predicted === 0 ? 0 : tp / predicted;
    recall[out] = positives === 0 ? 1 : tp / positives;
    thresholds[out] = distinct[j] as number;
  }
  precision[m] = 1;
  recall[m] = 0;
  return { precision, recall, thresholds };
}

const CALIBRATION_BINS = 10;
/**
 * The inner edges of `np.linspace(0, 1, 11)`: i · 0.1, so 0.30000000000000004, 0.6000000000000001 and
 * 0.7000000000000001 rather than the doubles nearest 0.3, 0.6 and 0.7 (which {@link calibrationBin} and the
 * expected calibration error use).
 */
const CALIBRATION_EDGES = Array.from({ length: CALIBRATION_BINS - 1 }, (_, index) => (index + 1) * 0.1);

/** np.searchsorted(CALIBRATION_EDGES, s, "left"): bins [0, 0.1], (0.1, 0.2], …, (0.9, 1]. */
function calibrationCurveBin(s: number): number {
  let b = Math.ceil(s * CALIBRATION_BINS) - 1;
  if (!(b >= 0)) b = 0;
  else if (b > CALIBRATION_BINS - 1) b = CALIBRATION_BINS - 1;
  while (b > 0 && s <= (CALIBRATION_EDGES[b - 1] as number)) b--;
  while (b < CALIBRATION_BINS - 1 && s > (CALIBRATION_EDGES[b] as number)) b++;
  return b;
}

/**
 * `calibration_curve(labels, scores, n_bins=10, strategy="uniform")` of scikit-learn 1.2.1: the scores in
 * 10 equal-width bins, right-closed ([0, 0.1], (0.1, 0.2], …, (0.9, 1], on numpy's linspace edges), and
 * for each bin that holds a row, in increasing order, the mean score, the share of positives and the
 * number of rows. Empty bins are left out, as scikit-learn does.
 *
 * With weights (scikit-learn's calibration_curve has none) the weighted analogue: per bin, Σw·score / Σw,
 * Σw·label / Σw and Σw; bins whose weight is 0 are left out. Integer weights give the curve of the data
 * set with each row repeated that many times. Throws, as scikit-learn does, on a score outside [0, 1]
 * (NaN included).
 */
export function calibrationCurve(labels: Labels, scores: Float64Array, weights?: Weights): CalibrationCurve {
  const n = labels.length;
  checkLength("scores", scores.length, n);
  checkWeights(weights, n);
  const binWeight = new Float64Array(CALIBRATION_BINS);
  const binPositive = new Float64Array(CALIBRATION_BINS);
  const binScore = new Float64Array(CALIBRATION_BINS);
  for (let i = 0; i < n; i++) {
    const s = scores[i] as number;
    if (!(s >= 0 && s <= 1)) throw new RangeError(`score ${s} at row ${i} is outside [0, 1]`);
    const w = weights === undefined ? 1 : (weights[i] as number);
    if (w === 0) continue;
    const b = calibrationCurveBin(s);
    binWeight[b] = (binWeight[b] as number) + w;
    if (labels[i] === 1) binPositive[b] = (binPositive[b] as number) + w;
    binScore[b] = (binScore[b] as number) + (weights === undefined ? s : s * w);
  }
  const kept: number[] = [];
  for (let b = 0; b < CALIBRATION_BINS; b++) if ((binWeight[b] as number) > 0) kept.push(b);
  const meanPredicted = new Float64Array(kept.length);
  const fractionPositive = new Float64Array(kept.length);
  const counts = new Float64Array(kept.length);
  kept.forEach((b, j) => {
    const total = binWeight[b] as number;
    meanPredicted[j] = (binScore[b] as number) / total;
    fractionPositive[j] = (binPositive[b] as number) / total;
    counts[j] = total;
  });
  return { meanPredicted, fractionPositive, counts };
}

/**
 * A curve in the unit square with at most `maxPoints` points, drawn the same at report size: the first and
 * last points are kept, and a point in between only when it is at least 2 / (maxPoints − 2) away from the
 * last kept one in |Δx| + |Δy|. A monotone curve (ROC) has a path of length at most 2 that way, so at most
 * maxPoints − 2 points in between are kept, and it stays monotone (its points are a subsequence); where a
 * curve zigzags more (the start of a precision-recall curve) the distance grows until the bound holds.
 * Each pass is O(n), and curves of at most `maxPoints` points come back whole. Points with a non-finite
 * coordinate (an undefined ROC rate) cannot be drawn and are left out; "first" and "last" are among the
 * others.
 */
export function thinCurve(x: Float64Array, y: Float64Array, maxPoints = 200): { x: number[]; y: number[] } {
  checkLength("y", y.length, x.length);
  if (!Number.isInteger(maxPoints) || maxPoints < 2) {
    throw new RangeError(`maxPoints must be an integer of at least 2, got ${maxPoints}`);
  }
  const n = x.length;
  const finite = (i: number) => Number.isFinite(x[i] as number) && Number.isFinite(y[i] as number);
  let first = -1;
  let last = -1;
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (!finite(i)) continue;
    if (first === -1) first = i;
    last = i;
    count++;
  }
  if (count <= maxPoints) {
    const out = { x: [] as number[], y: [] as number[] };
    for (let i = 0; i < n; i++) {
      if (!finite(i)) continue;
      out.x.push(x[i] as number);
      out.y.push(y[i] as number);
    }
    return out;
  }
  let tolerance = maxPoints === 2 ? Number.POSITIVE_INFINITY : 2 / (maxPoints - 2);
  for (;;) {
    const out = { x: [x[first] as number], y: [y[first] as number] };
    let lastX = x[first] as number;
    let lastY = y[first] as number;
    for (let i = first + 1; i < last && out.x.length < maxPoints; i++) {
      const xi = x[i] as number;
      const yi = y[i] as number;
      if (!(Math.abs(xi - lastX) + Math.abs(yi - lastY) >= tolerance)) continue; // also skips NaN
      out.x.push(xi);
      out.y.push(yi);
      lastX = xi;
      lastY = yi;
    }
    if (out.x.length < maxPoints) {
      out.x.push(x[last] as number);
      out.y.push(y[last] as number);
      return out;
    }
    // Too many points in between: the curve is longer than 2 in |Δx| + |Δy|. Coarser, and again.
    tolerance *= 2;
  }
}
