/**
 * The baseline a challenger must beat: scikit-learn's DummyClassifier(strategy="prior") — every row
 * gets the class frequencies as probabilities and the most frequent class as its prediction — or
 * DummyRegressor (the mean target) for regression.
 */
import type { MetricName } from "./metrics/index.js";
import { modelMetrics } from "./model-metrics.js";
import type { EvaluationRows } from "./rows.js";

export function baselineMetrics(rows: EvaluationRows, metrics: readonly MetricName[]): Record<string, number> {
  return modelMetrics(baselineRows(rows), 0, metrics)();
}

function baselineRows(rows: EvaluationRows): EvaluationRows {
  if (rows.problem === "binary") {
    const n = rows.labels.length;
    let positives = 0;
    for (const label of rows.labels) positives += label;
    const prior = new Float64Array(n).fill(n > 0 ? positives / n : 0);
    return { problem: "binary", labels: rows.labels, threshold: rows.threshold, scores: [prior] };
  }
  if (rows.problem === "multiclass") {
    const { labels, classes } = rows;
    const n = labels.length;
    const frequencies = new Float64Array(classes);
    for (const label of labels) frequencies[label] = (frequencies[label] as number) + 1 / n;
    let majority = 0;
    for (let c = 1; c < classes; c++) if ((frequencies[c] as number) > (frequencies[majority] as number)) majority = c;
    const probabilities = new Float64Array(n * classes);
    for (let i = 0; i < n; i++) probabilities.set(frequencies, i * classes);
    return { ...rows, probabilities: [probabilities], predicted: [new Int32Array(n).fill(majority)] };
  }
  const n = rows.targets.length;
  let sum = 0;
  for (const target of rows.targets) sum += target;
  return { ...rows, predictions: [new Float64Array(n).fill(n > 0 ? sum / n : 0)] };
}
