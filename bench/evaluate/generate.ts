/**
 * The inputs of `npm run bench -- evaluate`, generated once into the bench cache (beside the data and train
 * suites' files, in a folder named by EVALUATE_GENERATOR_VERSION; a manifest written last marks a complete
 * set, so an interrupted run regenerates):
 *   holdout-<rows>.parquet  the holdout rows (data.ts), what the task reads
 *   holdout-<rows>.f32      the same features row-major float32 [rows, 19]: the anchor's prebuilt tensor
 *   holdout-<rows>.labels   the same labels, one byte each
 *   champion.onnx           the random forest (models.ts), fitted on FIT_ROWS rows of another seed
 *   challenger.onnx         the MLP
 * Both models are checked once, when generated: they load in onnxruntime-node (the champion as it is, ZipMap
 * and all, and rewritten by withTensorOutputs as the task scores it) and their probabilities on the first
 * CHECK_ROWS holdout rows match the plain-JS reference predictions.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { withTensorOutputs } from "../../src/core/model/scoring/tensor-outputs.js";
import { CACHE_DIR } from "../data/generate.js";
import { drawSample, FEATURE_COUNT, type Sample, writeParquet } from "./data.js";
import { buildMlp, fitForest, forestOnnx, forestScore, INPUT_NAME, mlpOnnx, mlpScore } from "./models.js";

/** Bump when the data, the models or the file layout change: other versions' files are ignored. */
export const EVALUATE_GENERATOR_VERSION = 2;
export const EVALUATE_CACHE_DIR = path.join(CACHE_DIR, `evaluate-v${EVALUATE_GENERATOR_VERSION}`);
export const HOLDOUT_SEED = 0xe7a1;
const FIT_SEED = 0xf17;
const FOREST_SEED = 0x7ee5;
const MLP_SEED = 0x313;
/** rows the forest's leaves are fitted on */
const FIT_ROWS = 100_000;
/** rows per Parquet row group */
export const ROW_GROUP_ROWS = 100_000;
/** holdout rows whose ONNX Runtime probabilities are checked against the JS references */
const CHECK_ROWS = 2_000;
/** largest |ONNX Runtime − reference| allowed: float32 sums of 200 leaves or 64 products */
const CHECK_TOLERANCE = 1e-5;

export interface EvaluateInputs {
  rows: number;
  parquet: string;
  features: string;
  labels: string;
  champion: string;
  challenger: string;
  /** bytes of the Parquet file */
  bytes: number;
  generated: boolean;
  seconds: number;
  check: ModelCheck;
}

export interface ModelCheck {
  rows: number;
  championMaxError: number;
  challengerMaxError: number;
  /** outputs of each model as ONNX Runtime lists them (the champion after the ZipMap rewrite) */
  championOutputs: string[];
  challengerOutputs: string[];
}

interface Manifest {
  version: number;
  rows: number;
  check: ModelCheck;
  seconds: number;
}

export async function ensureEvaluateInputs(rows: number): Promise<EvaluateInputs> {
  const base = path.join(EVALUATE_CACHE_DIR, `holdout-${rows}`);
  const files = {
    parquet: `${base}.parquet`,
    features: `${base}.f32`,
    labels: `${base}.labels`,
    champion: path.join(EVALUATE_CACHE_DIR, "champion.onnx"),
    challenger: path.join(EVALUATE_CACHE_DIR, "challenger.onnx"),
  };
  const manifestFile = `${base}.json`;
  const complete = existsSync(manifestFile) && Object.values(files).every((file) => existsSync(file));
  if (complete) {
    const manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as Manifest;
    if (manifest.version === EVALUATE_GENERATOR_VERSION && manifest.rows === rows) {
      return {
        rows,
        ...files,
        bytes: statSync(files.parquet).size,
        generated: false,
        seconds: 0,
        check: manifest.check,
      };
    }
  }
  mkdirSync(EVALUATE_CACHE_DIR, { recursive: true });
  const start = performance.now();
  const forest = fitForest(drawSample(FIT_ROWS, FIT_SEED), FOREST_SEED);
  const mlp = buildMlp(MLP_SEED);
  const champion = forestOnnx(forest);
  const challenger = mlpOnnx(mlp);
  const holdout = drawSample(rows, HOLDOUT_SEED);
  const checkRows = Math.min(rows, CHECK_ROWS);
  const check = await checkModels(champion, challenger, holdout, checkRows, {
    champion: (row) => forestScore(forest, holdout.matrix, row),
    challenger: (row) => mlpScore(mlp, holdout.matrix, row),
  });
  for (const [name, error] of [
    ["champion", check.championMaxError],
    ["challenger", check.challengerMaxError],
  ] as const) {
    if (!(error <= CHECK_TOLERANCE)) {
      throw new Error(`the ${name}'s ONNX Runtime probabilities differ from the reference by ${error}`);
    }
  }

  const write = (file: string, produce: (partial: string) => void) => {
    const partial = `${file}.${process.pid}.partial`;
    produce(partial);
    renameSync(partial, file);
  };
  write(files.champion, (partial) => writeFileSync(partial, champion));
  write(files.challenger, (partial) => writeFileSync(partial, challenger));
  write(files.features, (partial) => writeFileSync(partial, bytesOf(holdout.matrix)));
  write(files.labels, (partial) => writeFileSync(partial, holdout.labels));
  write(files.parquet, (partial) => writeParquet(partial, holdout, ROW_GROUP_ROWS));
  const seconds = (performance.now() - start) / 1000;
  const manifest: Manifest = { version: EVALUATE_GENERATOR_VERSION, rows, check, seconds };
  write(manifestFile, (partial) => writeFileSync(partial, JSON.stringify(manifest, null, 1)));
  return { rows, ...files, bytes: statSync(files.parquet).size, generated: true, seconds, check };
}

function bytesOf(values: Float32Array): Uint8Array {
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}

/** Loads both models in onnxruntime-node and compares their P(label = 1) on the first `rows` rows with the references. */
async function checkModels(
  champion: Uint8Array,
  challenger: Uint8Array,
  sample: Sample,
  rows: number,
  reference: Record<"champion" | "challenger", (row: number) => number>,
): Promise<ModelCheck> {
  const ort = await import("onnxruntime-node");
  const options = { logSeverityLevel: 3 as const };
  // the champion as written (ZipMap and all) must load too, though only tensors come back from it
  await (await ort.InferenceSession.create(champion, options)).release();
  const feeds = {
    [INPUT_NAME]: new ort.Tensor("float32", sample.matrix.subarray(0, rows * FEATURE_COUNT), [rows, FEATURE_COUNT]),
  };
  const score = async (bytes: Uint8Array, model: "champion" | "challenger") => {
    const session = await ort.InferenceSession.create(bytes, options);
    try {
      const outputs = await session.run(feeds);
      const probabilities = outputs.probabilities;
      if (!probabilities || probabilities.dims.join() !== `${rows},2`) {
        throw new Error(`the ${model} gives no probabilities [${rows}, 2]: ${Object.keys(outputs).join(", ")}`);
      }
      const data = probabilities.data as Float32Array;
      let maxError = 0;
      for (let row = 0; row < rows; row++) {
        const expected = reference[model](row);
        maxError = Math.max(
          maxError,
          Math.abs((data[2 * row + 1] as number) - expected),
          Math.abs((data[2 * row] as number) - (1 - expected)),
        );
      }
      return { maxError, outputs: [...session.outputNames] };
    } finally {
      await session.release();
    }
  };
  const forest = await score(withTensorOutputs(champion).bytes, "champion");
  const mlp = await score(challenger, "challenger");
  return {
    rows,
    championMaxError: forest.maxError,
    challengerMaxError: mlp.maxError,
    championOutputs: forest.outputs,
    challengerOutputs: mlp.outputs,
  };
}
