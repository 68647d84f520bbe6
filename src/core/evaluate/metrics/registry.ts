/** The problem types mlgate evaluates. */
export type ProblemType = "binary" | "multiclass" | "regression";

/** Which way is better: gates compare deltas through this. */
export type Direction = "higher" | "lower";

export const METRIC_NAMES = [
  "accuracy",
  "precision",
  "recall",
  "f1",
  "roc_auc",
  "average_precision",
  "log_loss",
  "brier",
  "ece",
  "f1_macro",
  "f1_weighted",
  "rmse",
  "mae",
  "r2",
  "mape",
] as const;

export type MetricName = (typeof METRIC_NAMES)[number];

export interface MetricInfo {
  /** snake_case, as scikit-learn names the metric (the names users write in mlgate.yml). */
  name: MetricName;
  /** The problem types the metric applies to. */
  problems: readonly ProblemType[];
  direction: Direction;
  /** The scikit-learn 1.2 function it reproduces, or "mlgate" for the expected calibration error. */
  reference: string;
  /** Best attainable value (gates can report the remaining headroom). */
  best: number;
}

export const METRICS: Readonly<Record<MetricName, MetricInfo>> = {
  accuracy: info("accuracy", ["binary", "multiclass"], "higher", "accuracy_score", 1),
  precision: info("precision", ["binary"], "higher", "precision_score", 1),
  recall: info("recall", ["binary"], "higher", "recall_score", 1),
  f1: info("f1", ["binary"], "higher", "f1_score", 1),
  roc_auc: info("roc_auc", ["binary"], "higher", "roc_auc_score", 1),
  average_precision: info("average_precision", ["binary"], "higher", "average_precision_score", 1),
  log_loss: info("log_loss", ["binary", "multiclass"], "lower", "log_loss", 0),
  brier: info("brier", ["binary"], "lower", "brier_score_loss", 0),
  ece: info("ece", ["binary"], "lower", "mlgate", 0),
  f1_macro: info("f1_macro", ["multiclass"], "higher", 'f1_score(average="macro")', 1),
  f1_weighted: info("f1_weighted", ["multiclass"], "higher", 'f1_score(average="weighted")', 1),
  rmse: info("rmse", ["regression"], "lower", "mean_squared_error(squared=False)", 0),
  mae: info("mae", ["regression"], "lower", "mean_absolute_error", 0),
  r2: info("r2", ["regression"], "higher", "r2_score", 1),
  mape: info("mape", ["regression"], "lower", "mean_absolute_percentage_error", 0),
};

function info(
  name: MetricName,
  problems: readonly ProblemType[],
  direction: Direction,
  reference: string,
  best: number,
): MetricInfo {
  return Object.freeze({ name, problems: Object.freeze([...problems]), direction, reference, best });
}

export function isMetricName(name: string): name is MetricName {
  return (METRIC_NAMES as readonly string[]).includes(name);
}

/** The metric's description; throws on an unknown name, listing the known ones. */
export function metricInfo(name: string): MetricInfo {
  if (!isMetricName(name)) throw new RangeError(`unknown metric "${name}"; known: ${METRIC_NAMES.join(", ")}`);
  return METRICS[name];
}

/** The metrics that apply to a problem type, in {@link METRIC_NAMES} order. */
export function metricsFor(problem: ProblemType): MetricName[] {
  return METRIC_NAMES.filter((name) => METRICS[name].problems.includes(problem));
}

/** True when `candidate` is better than `reference` for this metric (strictly). */
export function isImprovement(name: MetricName, candidate: number, reference: number): boolean {
  return METRICS[name].direction === "higher" ? candidate > reference : candidate < reference;
}
