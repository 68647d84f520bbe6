/**
 * The builtin trainer's vocabulary: raw tabular columns in, a linear model (or a baseline expressed as
 * one) out, exported to ONNX with its preprocessing inside the graph.
 */

/**
 * Raw feature columns, one array per column, all of the same length. Numbers use NaN for missing
 * values (imputed with the training mean). Categorical values are plain strings: a category not seen
 * in training encodes as all zeros; a missing category is whatever string the caller uses for it.
 */
export interface TabularColumns {
  numeric?: Readonly<Record<string, Float64Array>>;
  categorical?: Readonly<Record<string, readonly string[]>>;
}

/** Class labels are integers or strings; regression targets are numbers. */
export type Target = Float64Array | readonly number[] | readonly string[];

export interface TrainingData extends TabularColumns {
  target: Target;
}

export const BUILTIN_TRAINERS = ["logistic", "ridge", "linear", "majority", "mean"] as const;
export type BuiltinTrainer = (typeof BUILTIN_TRAINERS)[number];

export interface BuiltinSpec {
  trainer: BuiltinTrainer;
  /** Ridge penalty, as sklearn's `Ridge(alpha)`: alpha·‖w‖² next to the summed squared error. Default 1. */
  alpha?: number;
  /** Inverse L2 strength, as sklearn's `LogisticRegression(C)`: ‖w‖²/(2C) next to the summed log loss. Default 1. */
  C?: number;
  /** Logistic solver: stop when the largest gradient entry, divided by the row count, is below this. Default 1e-4, as sklearn's `tol`. */
  tolerance?: number;
  /** Logistic solver: L-BFGS iteration limit. Default 1000. */
  maxIterations?: number;
}

export type Labels = readonly string[] | readonly number[];

export interface ClassifierPrediction {
  kind: "classifier";
  labels: Labels;
  /** Row-major [rows × classes], columns in the order of `classes`. */
  probabilities: Float64Array;
}

export interface RegressorPrediction {
  kind: "regressor";
  values: Float64Array;
}

export type Prediction = ClassifierPrediction | RegressorPrediction;
