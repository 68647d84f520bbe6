/**
 * Evaluation metrics equal to scikit-learn 1.2's definitions (checked against fixtures written by
 * scripts/fixtures/make_metric_fixtures.py to 1e-9 relative), pure functions over typed arrays.
 *
 * Weights: every metric takes optional per-row weights with scikit-learn's `sample_weight` semantics; the paired
 * bootstrap passes integer resampling counts. Integer weights give exactly the metric of the data set with each
 * row repeated that many times (a row of weight 0 is absent). That is what scikit-learn with `sample_weight`
 * gives too, except in two places, where these functions follow the resample:
 * - f1_macro averages over the classes present in rows of positive weight; scikit-learn also counts classes
 *   seen only in rows of weight 0.
 * - r2 is NaN below two samples, counted as Σ weights; scikit-learn counts rows whatever their weight.
 * Where scikit-learn raises (roc_auc_score with one class in y_true, any metric on a zero total weight) these
 * functions return NaN.
 *
 * Cost: each call is one O(n) pass (r2: two) with O(1) or O(k) scratch memory. ROC AUC and average precision
 * need the rows ranked by score: compute {@link rankOrder} once per model and pass it to every call.
 *
 * Binary problems: labels are 0/1 (class 1 positive), `scores` the predicted probability of class 1, and the
 * label-based metrics (accuracy, precision, recall, F1) take predicted labels, as scikit-learn does; use
 * {@link predictLabels} (score > 0.5) to derive them from probabilities. zero_division is scikit-learn's
 * default "warn": an undefined precision, recall or F1 is 0.
 */
export {
  accuracy,
  type BinaryCounts,
  binaryCounts,
  brierScore,
  brierTerms,
  CALIBRATION_EDGES,
  calibrationBin,
  calibrationBins,
  expectedCalibrationError,
  FLOAT64_EPS,
  f1,
  f1Of,
  fScore,
  logLoss,
  logLossTerms,
  precision,
  precisionOf,
  predictLabels,
  recall,
  recallOf,
} from "./binary.js";
export { confusionMatrix, f1Macro, f1Weighted, logLossMulticlass, logLossMulticlassTerms } from "./multiclass.js";
export { averagePrecision, rankOrder, rocAuc } from "./ranking.js";
export {
  type Direction,
  isImprovement,
  isMetricName,
  METRIC_NAMES,
  METRICS,
  type MetricInfo,
  type MetricName,
  metricInfo,
  metricsFor,
  type ProblemType,
} from "./registry.js";
export { mae, mape, r2, rmse } from "./regression.js";
export { type Labels, type Weights, weightedMean } from "./types.js";
