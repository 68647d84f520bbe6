import { FLOAT64_EPS, fScore } from "./binary.js";
import { checkLength, checkWeights, type Labels, type Weights, weightedMean } from "./types.js";

function checkClasses(k: number): void {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`the number of classes must be a positive integer, got ${k}`);
}

function classOf(labels: Labels, i: number, k: number, what: string): number {
  const c = labels[i] as number;
  if (!(c >= 0 && c < k)) throw new RangeError(`${what} ${c} at row ${i} is not a class index in 0..${k - 1}`);
  return c;
}

/**
 * `confusion_matrix(labels, predicted, labels=range(k), sample_weight=weights)` as a row-major k×k matrix:
 * entry [t·k + p] is the weight of rows with true class t predicted as p. Writes into `out` when given.
 */
export function confusionMatrix(
  labels: Labels,
  predicted: Labels,
  k: number,
  weights?: Weights,
  out?: Float64Array,
): Float64Array {
  checkClasses(k);
  const n = labels.length;
  checkLength("predicted", predicted.length, n);
  checkWeights(weights, n);
  const matrix = out ?? new Float64Array(k * k);
  checkLength("out", matrix.length, k * k);
  matrix.fill(0);
  for (let i = 0; i < n; i++) {
    const cell = classOf(labels, i, k, "label") * k + classOf(predicted, i, k, "prediction");
    matrix[cell] = (matrix[cell] as number) + (weights === undefined ? 1 : (weights[i] as number));
  }
  return matrix;
}

interface PerClassF1 {
  f1: Float64Array;
  support: Float64Array;
  present: Uint8Array;
  total: number;
}

/** Per-class F1 (scikit-learn's precision_recall_fscore_support, zero_division="warn") in one pass. */
function perClassF1(labels: Labels, predicted: Labels, k: number, weights: Weights): PerClassF1 {
  checkClasses(k);
  const n = labels.length;
  checkLength("predicted", predicted.length, n);
  checkWeights(weights, n);
  const tp = new Float64Array(k);
  const predictedWeight = new Float64Array(k);
  const support = new Float64Array(k);
  const present = new Uint8Array(k);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const w = weights === undefined ? 1 : (weights[i] as number);
    if (w === 0) continue;
    const t = classOf(labels, i, k, "label");
    const p = classOf(predicted, i, k, "prediction");
    support[t] = (support[t] as number) + w;
    predictedWeight[p] = (predictedWeight[p] as number) + w;
    if (t === p) tp[t] = (tp[t] as number) + w;
    present[t] = 1;
    present[p] = 1;
    total += w;
  }
  const f1 = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    const t = tp[c] as number;
    const pw = predictedWeight[c] as number;
    const sw = support[c] as number;
    f1[c] = fScore(pw === 0 ? 0 : t / pw, sw === 0 ? 0 : t / sw);
  }
  return { f1, support, present, total };
}

/**
 * `f1_score(labels, predicted, average="macro")`: the unweighted mean of per-class F1 over the classes present
 * in the true or predicted labels (scikit-learn's labels=None), not over all k. With weights, present means
 * present in a row of positive weight: the classes of the bootstrap resample. (scikit-learn with
 * `sample_weight` also counts classes that occur only in rows of weight 0, each with F1 = 0.) NaN when the
 * total weight is 0.
 */
export function f1Macro(labels: Labels, predicted: Labels, k: number, weights?: Weights): number {
  const { f1, present, total } = perClassF1(labels, predicted, k, weights);
  if (!(total > 0)) return Number.NaN;
  let sum = 0;
  let count = 0;
  for (let c = 0; c < k; c++) {
    if (present[c] === 1) {
      sum += f1[c] as number;
      count++;
    }
  }
  return sum / count;
}

/**
 * `f1_score(labels, predicted, average="weighted")`: per-class F1 averaged with the classes' (weighted)
 * support as weights. NaN when the total weight is 0.
 */
export function f1Weighted(labels: Labels, predicted: Labels, k: number, weights?: Weights): number {
  const { f1, support, total } = perClassF1(labels, predicted, k, weights);
  if (!(total > 0)) return Number.NaN;
  let sum = 0;
  let supportTotal = 0;
  for (let c = 0; c < k; c++) {
    sum += (f1[c] as number) * (support[c] as number);
    supportTotal += support[c] as number;
  }
  return sum / supportTotal;
}

/**
 * `log_loss(labels, probabilities, labels=range(k), sample_weight=weights)` with scikit-learn 1.2's
 * eps="auto" (2⁻⁵²): each probability clipped to [eps, 1 − eps], each row renormalised by its sum, the per-row
 * −ln of the true class's share averaged with the weights. `probabilities` is row-major n×k. NaN when the total
 * weight is 0.
 */
export function logLossMulticlass(labels: Labels, probabilities: Float64Array, k: number, weights?: Weights): number {
  checkWeights(weights, labels.length);
  return weightedMean(logLossMulticlassTerms(labels, probabilities, k), weights);
}

/** Each row's log loss, as {@link logLossMulticlass} averages them. */
export function logLossMulticlassTerms(labels: Labels, probabilities: Float64Array, k: number): Float64Array {
  checkClasses(k);
  const n = labels.length;
  checkLength("probabilities", probabilities.length, n * k);
  const low = FLOAT64_EPS;
  const high = 1 - FLOAT64_EPS;
  const terms = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = classOf(labels, i, k, "label");
    const row = i * k;
    let rowSum = 0;
    let own = 0;
    for (let c = 0; c < k; c++) {
      const p = Math.min(Math.max(probabilities[row + c] as number, low), high);
      rowSum += p;
      if (c === t) own = p;
    }
    terms[i] = -Math.log(own / rowSum);
  }
  return terms;
}
