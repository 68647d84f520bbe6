/** Fixtures and hand-built ONNX models for the scoring tests, plus independent reference predictions. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import onnxProto from "onnx-proto";
import * as ort from "onnxruntime-node";
import type { ScoringColumns } from "../../../src/core/model/scoring/index.js";

const { onnx } = onnxProto;
const DataType = onnx.TensorProto.DataType;

/** The onnxruntime-node installed for development, as the resolver would hand it over. */
export const runtime = ort;

export function fixture(name: string): Uint8Array {
  return readFileSync(fileURLToPath(new URL(`../../fixtures/onnx/${name}`, import.meta.url)));
}

export function columnsOf(numeric: Record<string, number[]>, text: Record<string, string[]> = {}): ScoringColumns {
  const lengths = [...Object.values(numeric), ...Object.values(text)].map((values) => values.length);
  return {
    numeric: new Map(Object.entries(numeric).map(([name, values]) => [name, Float64Array.from(values)])),
    text: new Map(Object.entries(text)),
    rows: lengths[0] ?? 0,
  };
}

/** scripts/fixtures/make_onnx.py's regressor: 0.5a − 1.25b + 2c + 0.1. */
export function expectedRegression(row: readonly number[]): number {
  const [a = 0, b = 0, c = 0] = row;
  return 0.5 * a - 1.25 * b + 2 * c + 0.1;
}

/**
 * scripts/fixtures/make_onnx.py's classifier: LinearClassifier scores, LOGISTIC per class, then an L1
 * Normalizer. Returns [P(class 0), P(class 1)].
 */
export function expectedProbabilities(row: readonly number[]): [number, number] {
  const weights = [
    [-0.8, 0.3, 1.1, -0.4],
    [0.8, -0.3, -1.1, 0.4],
  ];
  const intercepts = [0.2, -0.2];
  const logistic = weights.map((w, c) => {
    const score = w.reduce((sum, weight, j) => sum + weight * (row[j] as number), intercepts[c] as number);
    return 1 / (1 + Math.exp(-score));
  });
  const [p0 = 0, p1 = 0] = logistic;
  return [p0 / (p0 + p1), p1 / (p0 + p1)];
}

type Shape = (number | string)[];

function tensorInfo(name: string, elemType: number, shape: Shape): onnxProto.onnx.IValueInfoProto {
  const dim = shape.map((size) => (typeof size === "string" ? { dimParam: size } : { dimValue: size }));
  return { name, type: { tensorType: { elemType, shape: { dim } } } };
}

function model(graph: onnxProto.onnx.IGraphProto): Uint8Array {
  return onnx.ModelProto.encode({
    irVersion: 8,
    producerName: "mlgate-tests",
    opsetImport: [{ domain: "", version: 13 }],
    graph,
  }).finish();
}

/**
 * Inputs of each numeric type mlgate feeds, each cast to an output: `count` int64 [N,1], `flag`
 * bool [N], `small` int32 [N], `precise` float64 [N,1] (passed through as float64).
 */
export function numericTypesModel(): Uint8Array {
  const cast = (input: string) => ({
    opType: "Cast",
    input: [input],
    output: [`${input}_float`],
    attribute: [{ name: "to", type: onnx.AttributeProto.AttributeType.INT, i: DataType.FLOAT }],
  });
  return model({
    name: "numeric-types",
    node: [
      cast("count"),
      cast("flag"),
      cast("small"),
      { opType: "Identity", input: ["precise"], output: ["precise_out"] },
    ],
    input: [
      tensorInfo("count", DataType.INT64, ["N", 1]),
      tensorInfo("flag", DataType.BOOL, ["N"]),
      tensorInfo("small", DataType.INT32, ["N"]),
      tensorInfo("precise", DataType.DOUBLE, ["N", 1]),
    ],
    output: [
      tensorInfo("count_float", DataType.FLOAT, ["N", 1]),
      tensorInfo("flag_float", DataType.FLOAT, ["N"]),
      tensorInfo("small_float", DataType.FLOAT, ["N"]),
      tensorInfo("precise_out", DataType.DOUBLE, ["N", 1]),
    ],
  });
}

/** `x` float [N,1] in, `total` the sum over all rows out: an output without a batch dimension. */
export function totalModel(): Uint8Array {
  return model({
    name: "total",
    node: [
      {
        opType: "ReduceSum",
        input: ["x"],
        output: ["total"],
        attribute: [{ name: "keepdims", type: onnx.AttributeProto.AttributeType.INT, i: 0 }],
      },
    ],
    input: [tensorInfo("x", DataType.FLOAT, ["N", 1])],
    output: [tensorInfo("total", DataType.FLOAT, [])],
  });
}
