/**
 * One model's metrics on evaluation rows, as a function of per-row weights: the point estimates
 * (no weights), per-slice values (0/1 weights) and every bootstrap replicate (resample counts) go
 * through the same code. What does not depend on the weights (predicted labels, the ranking) is
 * computed once.
 */
import {
  accuracy,
  averagePrecision,
  type BinaryCounts,
  binaryCounts,
  brierTerms,
  calibrationBins,
  expectedCalibrationError,
  f1Macro,
  f1Of,
  f1Weighted,
  logLossMulticlassTerms,
  logLossTerms,
  type MetricName,
  mae,
  mape,
  precisionOf,
  predictLabels,
  r2,
  recallOf,
  rmse,
  rocAuc,
  type Weights,
  weightedMean,
} from "./metrics/index.js";
import { type BinaryRows, type EvaluationRows, type MulticlassRows, type RegressionRows, rankings } from "./rows.js";

export type ModelMetrics = (weights?: Weights) => Record<string, number>;

export function modelMetrics(rows: EvaluationRows, model: number, names: readonly MetricName[]): ModelMetrics {
  if (rows.problem === "binary") return binaryMetrics(rows, model, names);
  if (rows.problem === "multiclass") return multiclassMetrics(rows, model, names);
  return regressionMetrics(rows, model, names);
}

function binaryMetrics(rows: BinaryRows, model: number, names: readonly MetricName[]): ModelMetrics {
  const { labels } = rows;
  const scores = modelArray(rows.scores, model);
  const predicted = predictLabels(scores, rows.threshold);
  const wants = (...some: MetricName[]) => some.some((name) => names.includes(name));
  const order = wants("roc_auc", "average_precision") ? (rankings(rows)[model] as Int32Array) : new Int32Array(0);
  const logLosses = wants("log_loss") ? logLossTerms(labels, scores) : new Float64Array(0);
  const squaredErrors = wants("brier") ? brierTerms(labels, scores) : new Float64Array(0);
  const bins = wants("ece") ? calibrationBins(scores) : new Uint8Array(0);
  // precision, recall and F1 of one call share one pass over the rows (the weights buffer is reused
  // between calls with new contents, so the counts are dropped before each call)
  let counts: BinaryCounts | undefined;
  const counted = (w: Weights) => {
    counts ??= binaryCounts(labels, predicted, w);
    return counts;
  };
  const metric: Partial<Record<MetricName, (weights: Weights) => number>> = {
    accuracy: (w) => accuracy(labels, predicted, w),
    precision: (w) => precisionOf(counted(w)),
    recall: (w) => recallOf(counted(w)),
    f1: (w) => f1Of(counted(w)),
    roc_auc: (w) => rocAuc(labels, scores, order, w),
    average_precision: (w) => averagePrecision(labels, scores, order, w),
    log_loss: (w) => weightedMean(logLosses, w),
    brier: (w) => weightedMean(squaredErrors, w),
    ece: (w) => expectedCalibrationError(labels, scores, w, bins),
  };
  return byName(metric, names, () => {
    counts = undefined;
  });
}

function multiclassMetrics(rows: MulticlassRows, model: number, names: readonly MetricName[]): ModelMetrics {
  const { labels, classes } = rows;
  const probabilities = modelArray(rows.probabilities, model);
  const predicted = modelArray(rows.predicted, model);
  const logLosses = names.includes("log_loss")
    ? logLossMulticlassTerms(labels, probabilities, classes)
    : new Float64Array(0);
  const metric: Partial<Record<MetricName, (weights: Weights) => number>> = {
    accuracy: (w) => accuracy(labels, predicted, w),
    f1_macro: (w) => f1Macro(labels, predicted, classes, w),
    f1_weighted: (w) => f1Weighted(labels, predicted, classes, w),
    log_loss: (w) => weightedMean(logLosses, w),
  };
  return byName(metric, names);
}

function regressionMetrics(rows: RegressionRows, model: number, names: readonly MetricName[]): ModelMetrics {
  const { targets } = rows;
  const predictions = modelArray(rows.predictions, model);
  const metric: Partial<Record<MetricName, (weights: Weights) => number>> = {
    rmse: (w) => rmse(targets, predictions, w),
    mae: (w) => mae(targets, predictions, w),
    r2: (w) => r2(targets, predictions, w),
    mape: (w) => mape(targets, predictions, w),
  };
  return byName(metric, names);
}

function byName(
  metric: Partial<Record<MetricName, (weights: Weights) => number>>,
  names: readonly MetricName[],
  beforeEachCall?: () => void,
): ModelMetrics {
  const chosen = names.map((name) => {
    const compute = metric[name];
    if (!compute) throw new RangeError(`metric ${name} does not apply to this problem`);
    return [name, compute] as const;
  });
  return (weights) => {
    beforeEachCall?.();
    const values: Record<string, number> = {};
    for (const [name, compute] of chosen) values[name] = compute(weights);
    return values;
  };
}

function modelArray<T>(arrays: readonly T[], model: number): T {
  const array = arrays[model];
  if (array === undefined) throw new RangeError(`no predictions for model ${model}`);
  return array;
}
