import { checkLength, checkWeights, type Labels, type Weights, weightedMean } from "./types.js";

/** float64 machine epsilon: `np.finfo(np.float64).eps`, log_loss's clipping bound in scikit-learn 1.2 (eps="auto"). */
export const FLOAT64_EPS = 2 ** -52;

/**
 * Hard labels from probabilities of class 1: 1 where `score > threshold` (0.5 by default, what a logistic
 * regression's `predict` does), else 0. Writes into `out` when given (no allocation).
 */
export function predictLabels(scores: Float64Array, threshold = 0.5, out?: Uint8Array): Uint8Array {
  const result = out ?? new Uint8Array(scores.length);
  checkLength("out", result.length, scores.length);
  for (let i = 0; i < scores.length; i++) result[i] = (scores[i] as number) > threshold ? 1 : 0;
  return result;
}

/**
 * `accuracy_score(labels, predicted, sample_weight=weights)`: the (weighted) share of rows where the predicted
 * label equals the true one. Works for binary and multiclass labels alike. NaN when the total weight is 0.
 */
export function accuracy(labels: Labels, predicted: Labels, weights?: Weights): number {
  const n = labels.length;
  checkLength("predicted", predicted.length, n);
  checkWeights(weights, n);
  let hits = 0;
  let total = 0;
  if (weights === undefined) {
    for (let i = 0; i < n; i++) if (labels[i] === predicted[i]) hits++;
    total = n;
  } else {
    for (let i = 0; i < n; i++) {
      const w = weights[i] as number;
      if (labels[i] === predicted[i]) hits += w;
      total += w;
    }
  }
  return total > 0 ? hits / total : Number.NaN;
}

/** Weighted confusion counts of a binary problem, positive class 1. */
export interface BinaryCounts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

/** One pass over the rows: the weighted true/false positive/negative totals (positive class = 1). */
export function binaryCounts(labels: Labels, predicted: Labels, weights?: Weights): BinaryCounts {
  const n = labels.length;
  checkLength("predicted", predicted.length, n);
  checkWeights(weights, n);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (let i = 0; i < n; i++) {
    const w = weights === undefined ? 1 : (weights[i] as number);
    if (labels[i] === 1) {
      if (predicted[i] === 1) tp += w;
      else fn += w;
    } else if (predicted[i] === 1) fp += w;
    else tn += w;
  }
  return { tp, fp, fn, tn };
}

/** scikit-learn's `_prf_divide` with zero_division="warn": 0 where the denominator is 0 (sklearn also warns). */
function divide(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}

/** scikit-learn's F-score from precision and recall (beta = 1), with its guard: 0 when both are 0. */
export function fScore(precisionValue: number, recallValue: number): number {
  const denominator = precisionValue + recallValue;
  return ((1 + 1) * precisionValue * recallValue) / (denominator === 0 ? 1 : denominator);
}

/** `precision_score` (pos_label=1): tp / (tp + fp); 0 when nothing is predicted positive (zero_division="warn"). */
export function precision(labels: Labels, predicted: Labels, weights?: Weights): number {
  return precisionOf(binaryCounts(labels, predicted, weights));
}

/** `recall_score` (pos_label=1): tp / (tp + fn); 0 when there is no positive row (zero_division="warn"). */
export function recall(labels: Labels, predicted: Labels, weights?: Weights): number {
  return recallOf(binaryCounts(labels, predicted, weights));
}

/** `f1_score` (pos_label=1): 2·P·R / (P + R) from the precision and recall above; 0 when P + R = 0. */
export function f1(labels: Labels, predicted: Labels, weights?: Weights): number {
  return f1Of(binaryCounts(labels, predicted, weights));
}

export function precisionOf({ tp, fp }: BinaryCounts): number {
  return divide(tp, tp + fp);
}

export function recallOf({ tp, fn }: BinaryCounts): number {
  return divide(tp, tp + fn);
}

export function f1Of(counts: BinaryCounts): number {
  return fScore(precisionOf(counts), recallOf(counts));
}

/**
 * `log_loss(labels, scores, labels=[0, 1], sample_weight=weights)` with scikit-learn 1.2's eps="auto": the
 * probability is clipped to [eps, 1 − eps] (eps = 2⁻⁵²), the pair (1 − p, p) renormalised by its sum, and the
 * per-row −ln of the true class's share averaged with the weights. NaN when the total weight is 0.
 */
export function logLoss(labels: Labels, scores: Float64Array, weights?: Weights): number {
  checkWeights(weights, labels.length);
  return weightedMean(logLossTerms(labels, scores), weights);
}

/** Each row's log loss, as {@link logLoss} averages them (computed once, averaged per bootstrap replicate). */
export function logLossTerms(labels: Labels, scores: Float64Array): Float64Array {
  const n = labels.length;
  checkLength("scores", scores.length, n);
  const low = FLOAT64_EPS;
  const high = 1 - FLOAT64_EPS;
  const terms = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const p = Math.min(Math.max(scores[i] as number, low), high);
    const q = 1 - p;
    terms[i] = -Math.log((labels[i] === 1 ? p : q) / (q + p));
  }
  return terms;
}

/** `brier_score_loss(labels, scores, sample_weight=weights)`: the weighted mean of (label − p)². */
export function brierScore(labels: Labels, scores: Float64Array, weights?: Weights): number {
  checkWeights(weights, labels.length);
  return weightedMean(brierTerms(labels, scores), weights);
}

/** Each row's squared error (label − p)². */
export function brierTerms(labels: Labels, scores: Float64Array): Float64Array {
  const n = labels.length;
  checkLength("scores", scores.length, n);
  const terms = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const d = (labels[i] === 1 ? 1 : 0) - (scores[i] as number);
    terms[i] = d * d;
  }
  return terms;
}

/** Upper edges of the first nine calibration bins: i/10 (the double nearest each decimal). */
export const CALIBRATION_EDGES: readonly number[] = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
const ECE_BINS = 10;

/** The calibration bin of a probability: 0 for s ≤ 0.1 (0 included), b for s in (b/10, (b+1)/10], 9 above 0.9. */
export function calibrationBin(s: number): number {
  let b = Math.ceil(s * ECE_BINS) - 1;
  if (!(b >= 0)) b = 0;
  else if (b > ECE_BINS - 1) b = ECE_BINS - 1;
  // s·10 may round across an edge: settle against the stored edges, as np.searchsorted(edges, s, "left") does.
  while (b > 0 && s <= (CALIBRATION_EDGES[b - 1] as number)) b--;
  while (b < ECE_BINS - 1 && s > (CALIBRATION_EDGES[b] as number)) b++;
  return b;
}

/** Every row's {@link calibrationBin}, computed once for all bootstrap replicates. */
export function calibrationBins(scores: Float64Array): Uint8Array {
  const bins = new Uint8Array(scores.length);
  for (let i = 0; i < scores.length; i++) bins[i] = calibrationBin(scores[i] as number);
  return bins;
}

/**
 * Expected calibration error (not in scikit-learn; defined here): 10 equal-width bins of the predicted
 * probability, [0, 0.1], (0.1, 0.2], …, (0.9, 1] (right-closed, the first one also holding 0),
 * ECE = Σ_b (W_b / W) · |weighted mean label in b − weighted mean score in b|, empty bins skipped,
 * W_b the weight in bin b and W the total weight. NaN when W = 0.
 */
export function expectedCalibrationError(
  labels: Labels,
  scores: Float64Array,
  weights?: Weights,
  bins: Uint8Array = calibrationBins(scores),
): number {
  const n = labels.length;
  checkLength("scores", scores.length, n);
  checkLength("bins", bins.length, n);
  checkWeights(weights, n);
  const binWeight = new Float64Array(ECE_BINS);
  const binLabels = new Float64Array(ECE_BINS);
  const binScores = new Float64Array(ECE_BINS);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const w = weights === undefined ? 1 : (weights[i] as number);
    if (w === 0) continue;
    const s = scores[i] as number;
    const b = bins[i] as number;
    binWeight[b] = (binWeight[b] as number) + w;
    if (labels[i] === 1) binLabels[b] = (binLabels[b] as number) + w;
    binScores[b] = (binScores[b] as number) + s * w;
    total += w;
  }
  if (!(total > 0)) return Number.NaN;
  let ece = 0;
  for (let b = 0; b < ECE_BINS; b++) {
    const wb = binWeight[b] as number;
    if (wb === 0) continue;
    ece += (wb / total) * Math.abs((binLabels[b] as number) / wb - (binScores[b] as number) / wb);
  }
  return ece;
}
