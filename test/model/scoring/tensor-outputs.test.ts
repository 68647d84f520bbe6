import onnxProto from "onnx-proto";
import { describe, expect, it } from "vitest";
import { inspectOnnxModel } from "../../../src/core/model/onnx.js";
import { withTensorOutputs } from "../../../src/core/model/scoring/index.js";
import { expectedProbabilities, fixture, runtime } from "./support.js";

const { onnx } = onnxProto;

const rows = [
  [0.5, -1.2, 3.3, 0.1],
  [-2, 0.4, 0.2, 1.5],
  [1, 1, 1, 1],
];

describe("withTensorOutputs", () => {
  it("replaces an int64-labelled ZipMap by its probability tensor", () => {
    const { bytes, zipMaps } = withTensorOutputs(fixture("classifier-zipmap-int64.onnx"));
    expect(zipMaps).toEqual([{ output: "output_probability", tensor: "probabilities", labels: [0, 1] }]);
    const info = inspectOnnxModel(Buffer.from(bytes), "rewritten.onnx");
    expect(info.outputs).toEqual([
      { name: "output_label", kind: "tensor", elemType: "int64", shape: [null] },
      { name: "probabilities", kind: "tensor", elemType: "float32", shape: [null, 2] },
    ]);
    const ops = onnx.ModelProto.decode(bytes).graph?.node?.map((node) => node.opType);
    expect(ops).toEqual(["LinearClassifier", "Normalizer"]);
  });

  it("reads string class labels", () => {
    const { zipMaps } = withTensorOutputs(fixture("classifier-zipmap-string.onnx"));
    expect(zipMaps).toEqual([{ output: "output_probability", tensor: "probabilities", labels: ["stay", "churn"] }]);
  });

  it("gives a model onnxruntime-node runs, with the fixture's probabilities", async () => {
    const { bytes } = withTensorOutputs(fixture("classifier-zipmap-string.onnx"));
    const session = await runtime.InferenceSession.create(bytes, { logSeverityLevel: 3 });
    try {
      const input = new runtime.Tensor("float32", Float32Array.from(rows.flat()), [rows.length, 4]);
      const outputs = await session.run({ float_input: input });
      expect(outputs.probabilities?.dims).toEqual([rows.length, 2]);
      const actual = Array.from(outputs.probabilities?.data as Float32Array);
      const expected = rows.flatMap(expectedProbabilities);
      actual.forEach((value, i) => {
        expect(Math.abs(value - (expected[i] as number))).toBeLessThan(1e-6);
      });
      const labels = rows.map((row) => (expectedProbabilities(row)[1] > 0.5 ? "churn" : "stay"));
      expect(outputs.output_label?.data).toEqual(labels);
    } finally {
      await session.release();
    }
  });

  it("returns a model without ZipMap as the same bytes", () => {
    const bytes = fixture("regressor.onnx");
    const result = withTensorOutputs(bytes);
    expect(result.bytes).toBe(bytes);
    expect(result.zipMaps).toEqual([]);
  });

  it("returns bytes that do not decode as they are, for ONNX Runtime to reject", () => {
    const bytes = new TextEncoder().encode("not a model\n");
    expect(withTensorOutputs(bytes)).toEqual({ bytes, zipMaps: [] });
  });

  it("reuses the probability tensor's declared type and drops it from value_info", () => {
    const model = onnx.ModelProto.decode(fixture("classifier-zipmap-int64.onnx"));
    const declared = {
      name: "probabilities",
      type: {
        tensorType: {
          elemType: onnx.TensorProto.DataType.FLOAT,
          shape: { dim: [{ dimParam: "rows" }, { dimValue: 2 }] },
        },
      },
    };
    if (model.graph) model.graph.valueInfo = [onnx.ValueInfoProto.create(declared)];
    const { bytes } = withTensorOutputs(onnx.ModelProto.encode(model).finish());
    const graph = onnx.ModelProto.decode(bytes).graph;
    expect(inspectOnnxModel(Buffer.from(bytes), "rewritten.onnx").outputs[1]).toEqual({
      name: "probabilities",
      kind: "tensor",
      elemType: "float32",
      shape: ["rows", 2],
    });
    expect(graph?.valueInfo ?? []).toEqual([]);
  });

  it("leaves a ZipMap alone when another node reads its output", () => {
    const model = onnx.ModelProto.decode(fixture("classifier-zipmap-int64.onnx"));
    model.graph?.node?.push(
      onnx.NodeProto.create({ opType: "Identity", input: ["output_probability"], output: ["probability_copy"] }),
    );
    const bytes = onnx.ModelProto.encode(model).finish();
    const result = withTensorOutputs(bytes);
    expect(result.bytes).toBe(bytes);
    expect(result.zipMaps).toEqual([]);
  });
});
