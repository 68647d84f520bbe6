/** Fit metrics on the training rows, reported next to the model (holdout evaluation is a separate task). */
import type { Labels, Prediction } from "./types.js";

export interface ClassifierMetrics {
  accuracy: number;
  /** Mean negative log-likelihood, probabilities clipped at 1e-15 as sklearn's log_loss does. */
  logLoss: number;
}

export interface RegressorMetrics {
  rmse: number;
  mae: number;
  r2: number;
}

export type TrainingMetrics = ClassifierMetrics | RegressorMetrics;

export function trainingMetrics(
  prediction: Prediction,
  target: Float64Array | Int32Array,
  classes?: Labels,
): TrainingMetrics {
  if (prediction.kind === "regressor") return regressorMetrics(prediction.values, target as Float64Array);
  const classCount = classes?.length ?? 1;
  const rows = target.length;
  let correct = 0;
  let logLoss = 0;
  for (let i = 0; i < rows; i++) {
    const observed = target[i] as number;
    if (prediction.labels[i] === classes?.[observed]) correct++;
    const probability = prediction.probabilities[i * classCount + observed] as number;
    logLoss -= Math.log(Math.min(1 - 1e-15, Math.max(1e-15, probability)));
  }
  return { accuracy: correct / rows, logLoss: logLoss / rows };
}

function regressorMetrics(predicted: Float64Array, observed: Float64Array): RegressorMetrics {
  const rows = observed.length;
  let mean = 0;
  for (const value of observed) mean += value;
  mean /= rows;
  let squares = 0;
  let absolute = 0;
  let total = 0;
  for (let i = 0; i < rows; i++) {
    const error = (observed[i] as number) - (predicted[i] as number);
    squares += error * error;
    absolute += Math.abs(error);
    total += ((observed[i] as number) - mean) ** 2;
  }
  return { rmse: Math.sqrt(squares / rows), mae: absolute / rows, r2: total > 0 ? 1 - squares / total : 0 };
}
