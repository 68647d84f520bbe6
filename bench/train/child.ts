/**
 * One mlgate training per process, so the peak RSS it reports is that training's alone:
 *   child.ts <logistic|ridge> <train.json> <holdout.json>
 * loads the training table (timed apart), trains with trainBuiltin at its defaults but C=1 / alpha=1
 * (timed: encoding, solver, training metrics and the ONNX export — everything trainBuiltin does), then
 * scores the held-out table. Prints one JSON line (TrainChildResult). Imports load before the clock
 * starts; peak RSS is read right after the fit, so it covers loading and training, not the scoring.
 */
import { trainBuiltin } from "../../src/core/train/builtin/index.js";
import type { Prediction } from "../../src/core/train/builtin/types.js";
import { type LoadedTable, loadTrainTable } from "./load.js";

export type TrainerName = "logistic" | "ridge";

export interface TrainChildResult {
  /** the fit alone */
  seconds: number;
  /** reading the table into columns */
  loadSeconds: number;
  /** peak resident set through loading and fitting, in KB */
  maxRssKb: number;
  rows: number;
  /** held-out accuracy (logistic) or R² (ridge) */
  score: number;
  detail: string;
}

const [trainerArgument = "", trainFile = "", holdoutFile = ""] = process.argv.slice(2);
if (trainerArgument !== "logistic" && trainerArgument !== "ridge")
  throw new Error(`unknown trainer ${trainerArgument}`);
const trainer: TrainerName = trainerArgument;
const spec = trainer === "logistic" ? { trainer, C: 1 } : { trainer, alpha: 1 };

function trainingData(table: LoadedTable) {
  return {
    numeric: table.numeric,
    categorical: table.categorical,
    target: trainer === "logistic" ? table.label : table.target,
  };
}

/** Held-out accuracy of the predicted labels, or R² of the predicted values. */
function heldOutScore(prediction: Prediction, table: LoadedTable): number {
  if (prediction.kind === "classifier") {
    let correct = 0;
    for (let i = 0; i < table.rows; i++) if (prediction.labels[i] === table.label[i]) correct++;
    return correct / table.rows;
  }
  const observed = table.target;
  let mean = 0;
  for (const value of observed) mean += value;
  mean /= observed.length;
  let residual = 0;
  let total = 0;
  for (let i = 0; i < observed.length; i++) {
    residual += ((observed[i] as number) - (prediction.values[i] as number)) ** 2;
    total += ((observed[i] as number) - mean) ** 2;
  }
  return 1 - residual / total;
}

function timeFit(): TrainChildResult {
  const loadStart = performance.now();
  const table = loadTrainTable(trainFile);
  const start = performance.now();
  const result = trainBuiltin(spec, trainingData(table));
  const end = performance.now();
  const maxRssKb = process.resourceUsage().maxRSS;
  const holdout = loadTrainTable(holdoutFile);
  const score = heldOutScore(result.model.predict(holdout), holdout);
  const metrics = Object.entries(result.metrics)
    .map(([name, value]) => `${name} ${(value as number).toFixed(4)}`)
    .join(", ");
  const solver = result.solver
    ? `L-BFGS ${result.solver.iterations} iterations${result.solver.converged ? "" : " (not converged)"}, `
    : "";
  return {
    seconds: (end - start) / 1000,
    loadSeconds: (start - loadStart) / 1000,
    maxRssKb,
    rows: table.rows,
    score,
    detail: `${solver}${result.model.featureNames.length} features, ONNX ${(result.onnx.length / 1024).toFixed(1)} KiB; training ${metrics}`,
  };
}

process.stdout.write(`${JSON.stringify(timeFit())}\n`);
