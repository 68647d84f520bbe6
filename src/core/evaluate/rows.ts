/**
 * The holdout rows as evaluation sees them once both models have scored them: the label and, per
 * model, what it predicted. Model 0 is the challenger, model 1 the champion when there is one.
 * The same shape serves the original rows and the bootstrap's compressed cells (rows standing for
 * many rows, with a count each).
 */
import { type ProblemType, rankOrder } from "./metrics/index.js";

export interface BinaryRows {
  problem: "binary";
  /** 1 for the positive class (the model's second class, as scikit-learn's `pos_label`) */
  labels: Uint8Array;
  /** per model: the positive class's probability per row */
  scores: Float64Array[];
  /** a row is predicted positive when its score is above this */
  threshold: number;
  /** per model, the rows by descending score, once computed (see {@link rankings}) */
  orders?: Int32Array[];
}

export interface MulticlassRows {
  problem: "multiclass";
  /** class index per row, in the models' class order */
  labels: Int32Array;
  classes: number;
  /** per model: row-major [rows × classes] probabilities */
  probabilities: Float64Array[];
  /** per model: the predicted class per row (the most probable, first on ties) */
  predicted: Int32Array[];
}

export interface RegressionRows {
  problem: "regression";
  targets: Float64Array;
  /** per model: the prediction per row */
  predictions: Float64Array[];
}

export type EvaluationRows = BinaryRows | MulticlassRows | RegressionRows;

/** Each model's {@link rankOrder}, computed once per rows object and shared by metrics and curves. */
export function rankings(rows: BinaryRows): Int32Array[] {
  rows.orders ??= rows.scores.map((scores) => rankOrder(scores));
  return rows.orders;
}

export function rowCount(rows: EvaluationRows): number {
  if (rows.problem === "binary") return rows.labels.length;
  if (rows.problem === "multiclass") return rows.labels.length;
  return rows.targets.length;
}

export function modelCount(rows: EvaluationRows): number {
  if (rows.problem === "binary") return rows.scores.length;
  if (rows.problem === "multiclass") return rows.probabilities.length;
  return rows.predictions.length;
}

export type { ProblemType };
