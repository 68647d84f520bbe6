/**
 * `trainer: builtin`: fit on the loaded columns (minus a seeded validation share), export to ONNX and
 * write model.onnx and metrics.json (train and validation metrics) into the run's folder.
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { InputError } from "../../core/errors.js";
import type { ColumnType } from "../../core/profile/index.js";
import { seededRandom } from "../../core/seeded-random.js";
import type { TabularColumns } from "../../core/tabular/read-columns.js";
import {
  type TabularColumns as BuiltinColumns,
  type BuiltinTrainer,
  type Target,
  type TrainedModel,
  type TrainingMetrics,
  trainBuiltin,
} from "../../core/train/builtin/index.js";
import { encodeLabels } from "../../core/train/builtin/labels.js";
import { trainingMetrics } from "../../core/train/builtin/training-metrics.js";
import { readBuiltinParams } from "./builtin-params.js";

/** An integer label with at most this many distinct values is a class label for `trainer: builtin`. */
const MAX_AUTO_CLASSES = 20;

export interface BuiltinRun {
  trainer: BuiltinTrainer;
  columns: TabularColumns;
  target: string;
  features: readonly string[];
  params: Readonly<Record<string, unknown>> | undefined;
  outputDir: string;
  log: (line: string) => void;
}

/** `builtin`: logistic for a class label (text, boolean, or an integer with few distinct values), else ridge. */
export function chooseTrainer(
  requested: "builtin" | BuiltinTrainer,
  target: { type: ColumnType; distinct: number },
): BuiltinTrainer {
  if (requested !== "builtin") return requested;
  if (target.type === "string" || target.type === "boolean") return "logistic";
  return target.type === "integer" && target.distinct <= MAX_AUTO_CLASSES ? "logistic" : "ridge";
}

export async function trainWithBuiltin(run: BuiltinRun): Promise<void> {
  const params = readBuiltinParams(run.params ?? {});
  const target = targetValues(run);
  const { train, validation } = splitRows(run.columns.rows, params.validationFraction, params.seed);
  const result = trainBuiltin(
    {
      trainer: run.trainer,
      C: params.C,
      alpha: params.alpha,
      maxIterations: params.maxIterations,
      tolerance: params.tolerance,
    },
    { ...selectRows(run, train), target: selectTarget(target, train) },
  );
  if (result.solver && !result.solver.converged) {
    run.log(`the solver stopped after ${result.solver.iterations} iterations without converging: raise max-iterations`);
  }
  const metrics: Record<string, Record<string, number>> = { train: metricsJson(result.metrics) };
  if (validation.length > 0) {
    metrics.validation = metricsJson(
      validationMetrics(result.model, selectRows(run, validation), selectTarget(target, validation)),
    );
  }
  await writeFile(path.join(run.outputDir, "model.onnx"), result.onnx);
  await writeFile(path.join(run.outputDir, "metrics.json"), `${JSON.stringify(metrics, null, 2)}\n`);
}

function targetValues(run: BuiltinRun): Target {
  const missing = run.columns.missing.get(run.target) ?? 0;
  if (missing > 0) {
    throw new InputError(
      `the label column '${run.target}' has ${missing} missing or invalid values`,
      { key: "target" },
      "drop or fill those rows before training",
    );
  }
  const text = run.columns.text.get(run.target);
  if (text) {
    if (run.trainer === "ridge" || run.trainer === "linear" || run.trainer === "mean") {
      throw new InputError(
        `the ${run.trainer} trainer needs a numeric label, and '${run.target}' holds text`,
        { key: "trainer" },
        "use logistic or majority for class labels",
      );
    }
    return text;
  }
  const numbers = run.columns.numeric.get(run.target) as Float64Array;
  return run.trainer === "logistic" || run.trainer === "majority" ? Array.from(numbers) : numbers;
}

/** A seeded shuffle: the first `fraction` of the rows validate, the rest train; both keep the data's order. */
function splitRows(rows: number, fraction: number, seed: number): { train: Int32Array; validation: Int32Array } {
  const order = Int32Array.from({ length: rows }, (_, index) => index);
  const next = seededRandom(seed);
  for (let i = rows - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    const swap = order[i] as number;
    order[i] = order[j] as number;
    order[j] = swap;
  }
  const held = Math.min(rows - 1, Math.round(rows * fraction));
  return { validation: order.slice(0, held).sort(), train: order.slice(held).sort() };
}

/** The rows' feature columns; every row (validation-fraction 0) shares the loaded arrays, no copy. */
function selectRows(run: BuiltinRun, rows: Int32Array): Required<BuiltinColumns> {
  const all = rows.length === run.columns.rows;
  const numeric: Record<string, Float64Array> = {};
  const categorical: Record<string, string[]> = {};
  for (const name of run.features) {
    const numbers = run.columns.numeric.get(name);
    const texts = run.columns.text.get(name) as string[];
    if (numbers) numeric[name] = all ? numbers : pick(numbers, rows);
    else categorical[name] = all ? texts : Array.from(rows, (row) => texts[row] as string);
  }
  return { numeric, categorical };
}

function selectTarget(target: Target, rows: Int32Array): Target {
  if (rows.length === target.length) return target;
  if (target instanceof Float64Array) return pick(target, rows);
  return Array.from(rows, (row) => target[row]) as Target;
}

function pick(values: Float64Array, rows: Int32Array): Float64Array {
  const picked = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) picked[i] = values[rows[i] as number] as number;
  return picked;
}

function validationMetrics(model: TrainedModel, columns: BuiltinColumns, target: Target): TrainingMetrics {
  const classes = model.parameters.classes;
  if (!classes) return trainingMetrics(model.predict(columns), target as Float64Array);
  const known = new Map<string | number, number>(classes.map((label, index) => [label, index]));
  const indices = Int32Array.from(target as ArrayLike<string | number>, (label) => known.get(label) ?? -1);
  if (indices.includes(-1)) {
    const { classes: seen } = encodeLabels(target);
    const unseen = (seen as readonly (string | number)[]).filter((label) => !known.has(label));
    throw new InputError(
      `validation rows hold labels the training rows do not (${unseen.slice(0, 5).join(", ")})`,
      { key: "params" },
      "set validation-fraction to 0, or give each class enough rows",
    );
  }
  return trainingMetrics(model.predict(columns), indices, classes);
}

/** sklearn's metric names: what metrics.json files, gates and the PR diff use. */
function metricsJson(metrics: TrainingMetrics): Record<string, number> {
  if ("accuracy" in metrics) return { accuracy: metrics.accuracy, log_loss: metrics.logLoss };
  return { rmse: metrics.rmse, mae: metrics.mae, r2: metrics.r2 };
}
