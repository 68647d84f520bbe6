/**
 * The anchor of `npm run bench -- evaluate`, in a process of its own: raw onnxruntime-node inference.
 *   raw-child.ts <features.f32> <labels> <champion.onnx> <challenger.onnx> <batch sizes, comma-separated>
 * Untimed: loads ONNX Runtime, opens a session per model with the options the task uses (the champion's
 * ZipMap stripped by withTensorOutputs first, as the task does), reads the whole holdout as one row-major
 * float32 [N, 19] array. Timed, per model and batch size: `session.run` over every row, batch after batch,
 * each batch a Tensor viewing that array (no copy), after one untimed warm-up batch of that size. Then,
 * untimed, each model's ROC AUC over all rows (from the probabilities of its last pass), as a cross-check of
 * the task's. Prints one JSON line (RawChildResult).
 */
import { readFileSync } from "node:fs";
import * as ort from "onnxruntime-node";
import { rankOrder, rocAuc } from "../../src/core/evaluate/metrics/index.js";
import { withTensorOutputs } from "../../src/core/model/scoring/tensor-outputs.js";
import { FEATURE_COUNT } from "./data.js";
import { INPUT_NAME } from "./models.js";

export type ModelRole = "champion" | "challenger";

export interface RawModelResult {
  /** seconds of session.run over all rows, by batch size */
  seconds: Record<string, number>;
  /** CPU seconds (user + system, every thread) of the same, by batch size */
  cpuSeconds: Record<string, number>;
  /** ROC AUC of P(label = 1) over all rows */
  auc: number;
}

export interface RawChildResult {
  rows: number;
  models: Record<ModelRole, RawModelResult>;
  /** peak resident set of this process, in KB (the array, both sessions, the outputs) */
  maxRssKb: number;
  ortVersion: string;
}

const [featuresFile = "", labelsFile = "", championFile = "", challengerFile = "", batchList = ""] =
  process.argv.slice(2);
const batchSizes = batchList.split(",").map(Number);
if (batchSizes.some((size) => !Number.isInteger(size) || size < 1)) throw new Error(`bad batch sizes ${batchList}`);

/** The file's bytes as float32 values (copied only if the buffer is not 4-byte aligned). */
function readFloat32(file: string): Float32Array {
  const bytes = readFileSync(file);
  if (bytes.byteOffset % 4 === 0) return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  return new Float32Array(new Uint8Array(bytes).buffer);
}

async function measure(
  session: ort.InferenceSession,
  matrix: Float32Array,
  rows: number,
): Promise<Omit<RawModelResult, "auc"> & { scores: Float64Array }> {
  const tensor = (start: number, end: number) =>
    new ort.Tensor("float32", matrix.subarray(start * FEATURE_COUNT, end * FEATURE_COUNT), [
      end - start,
      FEATURE_COUNT,
    ]);
  const scores = new Float64Array(rows);
  const seconds: Record<string, number> = {};
  const cpuSeconds: Record<string, number> = {};
  for (const size of batchSizes) {
    await session.run({ [INPUT_NAME]: tensor(0, Math.min(size, rows)) });
    const cpu = process.cpuUsage();
    const started = performance.now();
    for (let start = 0; start < rows; start += size) {
      const end = Math.min(rows, start + size);
      const outputs = await session.run({ [INPUT_NAME]: tensor(start, end) });
      // column 1 of [batch, 2]: a strided copy of at most `size` values, ~0.1 ms per 100k rows
      const probabilities = outputs.probabilities?.data as Float32Array;
      for (let i = start; i < end; i++) scores[i] = probabilities[2 * (i - start) + 1] as number;
    }
    seconds[String(size)] = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    cpuSeconds[String(size)] = (used.user + used.system) / 1e6;
  }
  return { seconds, cpuSeconds, scores };
}

async function run(): Promise<RawChildResult> {
  const options = { logSeverityLevel: 3 as const };
  const sessions: Record<ModelRole, ort.InferenceSession> = {
    champion: await ort.InferenceSession.create(withTensorOutputs(readFileSync(championFile)).bytes, options),
    challenger: await ort.InferenceSession.create(readFileSync(challengerFile), options),
  };
  const matrix = readFloat32(featuresFile);
  const labels = readFileSync(labelsFile);
  const rows = labels.length;
  if (matrix.length !== rows * FEATURE_COUNT) throw new Error(`${featuresFile} does not hold ${rows} rows`);
  const models = {} as Record<ModelRole, RawModelResult>;
  for (const role of ["champion", "challenger"] as const) {
    const { scores, ...times } = await measure(sessions[role], matrix, rows);
    models[role] = { ...times, auc: rocAuc(labels, scores, rankOrder(scores)) };
  }
  const maxRssKb = process.resourceUsage().maxRSS;
  for (const session of Object.values(sessions)) await session.release();
  return { rows, models, maxRssKb, ortVersion: ort.env.versions.node ?? "unknown" };
}

process.stdout.write(`${JSON.stringify(await run())}\n`);
