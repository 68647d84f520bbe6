/**
 * After training: the output folder holds an ONNX model that loads, whose inputs the data's columns
 * can feed, and which predicts on the first rows without NaN or a wrong batch size. Its signature
 * and metrics (when written) are read for the run record.
 */
import path from "node:path";
import { InputError } from "../../core/errors.js";
import { numericLeaves, parseObject, readInputFile } from "../../core/files.js";
import { inspectOnnxModel, type OnnxModelInfo } from "../../core/model/onnx.js";
import type { OnnxRuntime } from "../../core/model/runtime/index.js";
import { openScoringSession, planFeeds, smokePredict } from "../../core/model/scoring/index.js";
import type { TabularColumns } from "../../core/tabular/read-columns.js";
import { METRICS_FILE, MODEL_FILE } from "./run-cache.js";

export interface CheckedModel {
  file: string;
  data: Buffer;
  info: OnnxModelInfo;
  metrics?: { file: string; data: Buffer; values: Record<string, number> };
}

export interface ModelCheck {
  /** the folder the training wrote into */
  dir: string;
  /** what the user calls that folder in messages */
  shownDir: string;
  runtime: OnnxRuntime;
  /** the first rows of the data, every typed column */
  sample: TabularColumns;
  /** the feature columns, in order, for a model that takes one feature tensor */
  features: readonly string[];
}

export async function checkTrainedModel(check: ModelCheck): Promise<CheckedModel> {
  const file = path.join(check.dir, MODEL_FILE);
  const shown = path.join(check.shownDir, MODEL_FILE);
  const data = await readModel(file, shown);
  const info = inspectOnnxModel(data, shown);
  const columns = [
    ...[...check.sample.numeric.keys()].map((name) => ({ name, kind: "numeric" as const })),
    ...[...check.sample.text.keys()].map((name) => ({ name, kind: "text" as const })),
  ];
  // one input per column when every input names a column; else one [N, F] tensor of the features
  const perColumn = info.inputs.every((input) => columns.some((column) => column.name === input.name));
  const session = await openScoringSession(check.runtime, data, shown);
  try {
    const plan = await inFile(shown, async () =>
      planFeeds(info.inputs, columns, perColumn ? {} : { features: check.features }),
    );
    await inFile(shown, () => smokePredict(session, plan, check.sample));
  } finally {
    await session.release();
  }
  const metrics = await readMetrics(path.join(check.dir, METRICS_FILE), path.join(check.shownDir, METRICS_FILE));
  return { file, data, info, ...(metrics ? { metrics } : {}) };
}

/** The scoring core names model inputs and columns; the message also names the model file. */
async function inFile<T>(file: string, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    throw located(error, file);
  }
}

function located(error: unknown, file: string): unknown {
  return error instanceof InputError && !error.where.file
    ? new InputError(error.problem, { ...error.where, file }, error.fix)
    : error;
}

async function readModel(file: string, shown: string): Promise<Buffer> {
  try {
    return await readInputFile(file, "model");
  } catch {
    throw new InputError(
      `the training wrote no ${MODEL_FILE}`,
      { file: shown },
      `write the model to $MLGATE_OUTPUT_DIR/${MODEL_FILE} (skl2onnx, torch.onnx.export, …)`,
    );
  }
}

async function readMetrics(file: string, shown: string): Promise<CheckedModel["metrics"]> {
  let data: Buffer;
  try {
    data = await readInputFile(file, "metrics");
  } catch {
    return undefined;
  }
  return { file, data, values: numericLeaves(parseObject(data, shown, "metrics")) };
}
