/** An ONNX Runtime session over a model whose ZipMap outputs were turned into tensors. */
import type * as Ort from "onnxruntime-node";
import { describeError, InputError } from "../../errors.js";
import type { OrtModule } from "../runtime/index.js";
import { buildFeeds, type FeedPlan, type ScoringColumns } from "./feeds.js";
import { quote } from "./quote.js";
import { withTensorOutputs, type ZipMapOutput } from "./tensor-outputs.js";

export interface ScoringOutput {
  elemType: Ort.Tensor.Type;
  dims: readonly number[];
  data: Ort.Tensor.DataType;
}

export interface ScoringSession {
  readonly modelName: string;
  readonly inputNames: readonly string[];
  /** After the ZipMap rewrite: a ZipMap's output is listed under its probability tensor's name. */
  readonly outputNames: readonly string[];
  readonly zipMaps: readonly ZipMapOutput[];
  run(feeds: Record<string, Ort.Tensor>): Promise<Record<string, ScoringOutput>>;
  /** Builds the feeds for rows `start` to `end` (default all) and runs them. */
  score(
    plan: FeedPlan,
    columns: ScoringColumns,
    rowRange?: { start: number; end: number },
  ): Promise<Record<string, ScoringOutput>>;
  release(): Promise<void>;
}

export interface SessionOptions {
  /** threads for one run; ONNX Runtime's default is one per core */
  threads?: number;
}

export async function openScoringSession(
  runtime: OrtModule,
  modelBytes: Uint8Array,
  modelName: string,
  options: SessionOptions = {},
): Promise<ScoringSession> {
  const { bytes, zipMaps } = withTensorOutputs(modelBytes);
  let session: Ort.InferenceSession;
  try {
    // warnings (unused initializers, ...) would clutter CI logs; errors still come back as exceptions
    session = await runtime.InferenceSession.create(bytes, {
      logSeverityLevel: 3,
      ...(options.threads === undefined ? {} : { intraOpNumThreads: options.threads, interOpNumThreads: 1 }),
      // After a run, ONNX Runtime's threads spin waiting for the next one. Two sessions taking turns
      // (champion and challenger, batch by batch) then fight each other's spinning threads for the
      // cores: measured, 10k rows of a 200-tree ensemble took 91 ms with spinning and 59 ms without.
      extra: { session: { intra_op: { allow_spinning: "0" }, inter_op: { allow_spinning: "0" } } },
    });
  } catch (error) {
    throw new InputError(
      `model ${quote(modelName)} cannot be loaded by ONNX Runtime: ${describeError(error)}`,
      {},
      "re-export the model; if it loads elsewhere, check that this ONNX Runtime supports its opsets",
    );
  }
  const run = async (feeds: Record<string, Ort.Tensor>) => {
    let outputs: Ort.InferenceSession.OnnxValueMapType;
    try {
      outputs = await session.run(feeds);
    } catch (error) {
      throw new InputError(
        `model ${quote(modelName)} failed to predict: ${describeError(error)}`,
        {},
        "check that the data's columns match the model's inputs",
      );
    }
    return Object.fromEntries(
      Object.entries(outputs).map(([name, tensor]) => [
        name,
        { elemType: tensor.type, dims: tensor.dims, data: tensor.data },
      ]),
    );
  };
  return {
    modelName,
    inputNames: session.inputNames,
    outputNames: session.outputNames,
    zipMaps,
    run,
    score: (plan, columns, rowRange) => run(buildFeeds(plan, columns, runtime.Tensor, rowRange)),
    release: () => session.release(),
  };
}

export interface SmokeSummary {
  rows: number;
  outputs: { name: string; dims: number[]; elemType: Ort.Tensor.Type }[];
}

/**
 * Predicts the first `rows` rows and checks each output is batch-first and, for floats, finite:
 * a model that loads but cannot score its own data fails here rather than at deployment.
 */
export async function smokePredict(
  session: ScoringSession,
  plan: FeedPlan,
  columns: ScoringColumns,
  rows = 5,
): Promise<SmokeSummary> {
  const model = `model ${quote(session.modelName)}`;
  const count = Math.min(rows, columns.rows);
  if (count < 1) {
    throw new InputError(
      `${model} cannot be smoke-tested: the data has no rows`,
      {},
      "pass data with at least one row",
    );
  }
  const outputs = await session.score(plan, columns, { start: 0, end: count });
  return {
    rows: count,
    outputs: session.outputNames.map((name) => {
      const output = outputs[name];
      const where = `${model} output ${quote(name)}`;
      if (!output) throw new InputError(`${where} is missing from the prediction`, {}, "re-export the model");
      if (output.dims[0] !== count) {
        throw new InputError(
          `${where} has shape [${output.dims.join(", ")}] for ${count} rows: the first dimension must be the row count`,
          {},
          "export the model with the batch dimension first in every output",
        );
      }
      if (output.elemType === "float32" || output.elemType === "float64") {
        const index = (output.data as Float32Array | Float64Array).findIndex((value) => !Number.isFinite(value));
        if (index >= 0) {
          const row = Math.floor(index / (output.data.length / count)) + 1;
          throw new InputError(
            `${where} is ${(output.data as Float32Array)[index]} for data row ${row}`,
            {},
            "check that the model handles the data's missing and extreme values",
          );
        }
      }
      return { name, dims: [...output.dims], elemType: output.elemType };
    }),
  };
}
