/**
 * One registered version loaded for serving: its ONNX Runtime session (ZipMaps turned into
 * tensors), the layout its inputs take, the output that holds its prediction, and the batcher that
 * all its requests go through. A version that cannot predict a row of zeros is not served.
 */
import type * as Ort from "onnxruntime-node";
import { inspectOnnxModel } from "../core/model/onnx.js";
import type { OrtModule } from "../core/model/runtime/index.js";
import {
  choosePredictionOutput,
  openScoringSession,
  type PredictionOutput,
  type ScoringOutput,
  type ScoringSession,
} from "../core/model/scoring/index.js";
import type { Registry } from "../core/store/registry.js";
import type { Digest } from "../core/store/types.js";
import { allocateValues, type FeedValues } from "./feed-values.js";
import { PROTOCOL_DATATYPES } from "./infer-request.js";
import { type BatchItem, MicroBatcher } from "./micro-batcher.js";
import {
  type RecordLayout,
  recordLayout,
  rowWidth,
  type ServedInput,
  servedInputs,
  shapeKeyOf,
} from "./served-inputs.js";

export interface ServeModelOptions {
  registry: Registry;
  runtime: OrtModule;
  model: string;
  version: number;
  /** the columns of a single [N, F] input, in order */
  features?: readonly string[];
  /** ONNX Runtime threads per run */
  threads: number;
  maxBatchRows: number;
  onBatch?: (rows: number, requests: number) => void;
}

/** An output as the protocol's model metadata describes it. */
export interface OutputMetadata {
  name: string;
  datatype: string;
  shape: number[];
}

export interface ServedModel {
  model: string;
  version: number;
  digest: Digest;
  /** `churn@7` */
  label: string;
  inputs: readonly ServedInput[];
  outputs: readonly OutputMetadata[];
  layout: RecordLayout;
  /** the row dimensions and shape key of requests that follow the model's own shapes */
  rowDims: ReadonlyMap<string, readonly number[]>;
  shapeKey: string;
  prediction: PredictionOutput;
  predict(item: BatchItem): Promise<Record<string, ScoringOutput>>;
  /** Waits for the requests it holds, then frees the session. */
  release(): Promise<void>;
}

export async function loadServedModel(options: ServeModelOptions): Promise<ServedModel> {
  const { registry, runtime, model, version } = options;
  const manifest = await registry.resolve(model, version);
  const bytes = await registry.getObject(manifest.artifacts.model);
  const label = `${model}@${version}`;
  const info = inspectOnnxModel(bytes, label);
  const inputs = servedInputs(info, label);
  const session = await openScoringSession(runtime, bytes, label, { threads: options.threads });
  try {
    const prediction = choosePredictionOutput({ label, bytes, info }, session);
    const run = runner(session, inputs, runtime.Tensor);
    const rowDims = rowDimsOf(inputs);
    await run(1, zeroRow(inputs), rowDims);
    const batcher = new MicroBatcher(run, options.maxBatchRows, options.onBatch);
    return {
      model,
      version,
      digest: manifest.digest,
      label,
      inputs,
      outputs: outputMetadata(info.outputs, session),
      layout: recordLayout(inputs, options.features),
      rowDims,
      shapeKey: shapeKeyOf(inputs, rowDims),
      prediction,
      predict: (item) => batcher.submit(item),
      release: async () => {
        await batcher.idle();
        await session.release();
      },
    };
  } catch (error) {
    await session.release();
    throw error;
  }
}

/** Every input's fixed row dimensions (open ones as 1), for requests that do not say otherwise. */
function rowDimsOf(inputs: readonly ServedInput[]): Map<string, number[]> {
  return new Map(inputs.map((input) => [input.name, input.rowDims.map((dim) => dim ?? 1)]));
}

function runner(session: ScoringSession, inputs: readonly ServedInput[], Tensor: OrtModule["Tensor"]) {
  return async (rows: number, feeds: Map<string, FeedValues>, rowDims: ReadonlyMap<string, readonly number[]>) => {
    const tensors: Record<string, Ort.Tensor> = {};
    for (const input of inputs) {
      const dims = [rows, ...(rowDims.get(input.name) ?? [])];
      tensors[input.name] = new Tensor(input.elemType, feeds.get(input.name) as Ort.Tensor.DataType, dims);
    }
    return session.run(tensors);
  };
}

function zeroRow(inputs: readonly ServedInput[]): Map<string, FeedValues> {
  return new Map(
    inputs.map((input) => {
      const values = allocateValues(input.elemType, rowWidth(input));
      if (Array.isArray(values)) values.fill("");
      return [input.name, values];
    }),
  );
}

function outputMetadata(
  outputs: ReturnType<typeof inspectOnnxModel>["outputs"],
  session: ScoringSession,
): OutputMetadata[] {
  return session.outputNames.map((name) => {
    const output = outputs.find((each) => each.name === name);
    if (output?.kind === "tensor") {
      return {
        name,
        datatype: PROTOCOL_DATATYPES[output.elemType] ?? output.elemType.toUpperCase(),
        shape: (output.shape ?? [-1]).map((dim) => (typeof dim === "number" ? dim : -1)),
      };
    }
    // a ZipMap's probability tensor, exposed in its place
    return { name, datatype: "FP32", shape: [-1, -1] };
  });
}
