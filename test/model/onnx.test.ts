import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import onnxProto from "onnx-proto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256Digest } from "../../src/core/digest.js";
import { InputError } from "../../src/core/errors.js";
import { readOnnxModel } from "../../src/core/model/onnx.js";

/** Reproducible noise: a chain of sha256 blocks. */
function pseudoRandomBytes(seed: number, length: number): Buffer {
  const blocks: Buffer[] = [];
  for (let index = 0; index * 32 < length; index++) {
    blocks.push(createHash("sha256").update(`${seed}:${index}`).digest());
  }
  return Buffer.concat(blocks).subarray(0, length);
}

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/onnx/${name}`, import.meta.url));

describe("readOnnxModel on real ONNX files", () => {
  it("reads a float-tensor regressor with symbolic and open dimensions", async () => {
    const path = fixture("regressor.onnx");
    const data = await readFile(path);
    const info = await readOnnxModel(path);
    expect(info).toEqual({
      digest: sha256Digest(data),
      size: data.length,
      irVersion: 8,
      opsets: [{ domain: "ai.onnx", version: 13 }],
      producer: { name: "mlgate-fixtures", version: "1" },
      inputs: [{ name: "features", kind: "tensor", elemType: "float32", shape: ["batch", 3] }],
      outputs: [{ name: "variable", kind: "tensor", elemType: "float32", shape: [null, 1] }],
    });
  });

  it("leaves initializers out of the inputs", async () => {
    const info = await readOnnxModel(fixture("regressor.onnx"));
    expect(info.inputs.map((input) => input.name)).toEqual(["features"]);
  });

  it("reads a classifier's ZipMap output as a sequence of int64-keyed maps", async () => {
    const info = await readOnnxModel(fixture("classifier-zipmap-int64.onnx"));
    expect(info.opsets).toEqual([
      { domain: "ai.onnx", version: 13 },
      { domain: "ai.onnx.ml", version: 1 },
    ]);
    expect(info.inputs).toEqual([{ name: "float_input", kind: "tensor", elemType: "float32", shape: [null, 4] }]);
    expect(info.outputs).toEqual([
      { name: "output_label", kind: "tensor", elemType: "int64", shape: [null] },
      { name: "output_probability", kind: "sequence-map", keyType: "int64", valueType: "float32" },
    ]);
  });

  it("reads string class labels", async () => {
    const info = await readOnnxModel(fixture("classifier-zipmap-string.onnx"));
    expect(info.outputs).toEqual([
      { name: "output_label", kind: "tensor", elemType: "string", shape: [null] },
      { name: "output_probability", kind: "sequence-map", keyType: "string", valueType: "float32" },
    ]);
  });
});

describe("readOnnxModel refuses what is not a model", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "mlgate-onnx-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function refusal(name: string, content?: Uint8Array | string): Promise<InputError> {
    const path = join(dir, name);
    if (content !== undefined) await writeFile(path, content);
    const error = await readOnnxModel(path).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(InputError);
    const message = (error as InputError).message;
    expect(message.startsWith(`${path}: `)).toBe(true);
    expect(message).not.toContain("\n");
    return error as InputError;
  }

  it("a missing file", async () => {
    expect((await refusal("missing.onnx")).problem).toBe("model file not found");
  });

  it("an empty file", async () => {
    expect((await refusal("empty.onnx", "")).problem).toBe("model file is empty");
  });

  it("a text file", async () => {
    const error = await refusal("model.txt", "this is not a model\nbut someone named it model.onnx\n");
    expect(error.problem).toMatch(/^is not an ONNX model/);
  });

  it("a CSV file", async () => {
    expect((await refusal("data.onnx", "a,b,label\n1,2,0\n3,4,1\n")).problem).toMatch(/^is not an ONNX model/);
  });

  it("random bytes", async () => {
    for (let seed = 0; seed < 20; seed++) {
      const noise = pseudoRandomBytes(seed, 512);
      expect((await refusal(`random-${seed}.onnx`, noise)).problem).toMatch(/^is not an ONNX model/);
    }
  });

  it("a truncated export", async () => {
    const data = await readFile(fixture("classifier-zipmap-int64.onnx"));
    for (const length of [1, 10, Math.floor(data.length / 2), data.length - 1]) {
      const error = await refusal(`truncated-${length}.onnx`, data.subarray(0, length));
      expect(error.problem).toMatch(/^is not an ONNX model/);
    }
  });

  describe("protobuf that decodes but is no usable model", () => {
    const { onnx } = onnxProto;
    const floatTensor = { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT } };
    const valid: onnxProto.onnx.IModelProto = {
      irVersion: 8,
      opsetImport: [{ domain: "", version: 13 }],
      graph: {
        input: [{ name: "x", type: floatTensor }],
        output: [{ name: "y", type: floatTensor }],
      },
    };
    const encode = (model: onnxProto.onnx.IModelProto) => onnx.ModelProto.encode(model).finish();

    it.each<[string, onnxProto.onnx.IModelProto, RegExp]>([
      ["no IR version", { ...valid, irVersion: 0 }, /no IR version/],
      ["no graph", { ...valid, graph: null }, /no graph/],
      ["no opset import", { ...valid, opsetImport: [] }, /no opset import/],
      ["no inputs", { ...valid, graph: { ...valid.graph, input: [] } }, /the graph has no inputs/],
      [
        "only initializers as inputs",
        { ...valid, graph: { ...valid.graph, initializer: [{ name: "x", dims: [1], floatData: [1] }] } },
        /the graph has no inputs/,
      ],
      ["no outputs", { ...valid, graph: { ...valid.graph, output: [] } }, /the graph has no outputs/],
      [
        "an untyped output",
        { ...valid, graph: { ...valid.graph, output: [{ name: "bad\nname" }] } },
        /graph value "bad\\nname" has no type/,
      ],
      [
        "an unknown element type",
        { ...valid, graph: { ...valid.graph, input: [{ name: "x", type: { tensorType: { elemType: 99 } } }] } },
        /"x" has an unknown element type \(99\)/,
      ],
    ])("%s", async (name, model, problem) => {
      expect((await refusal(`${name}.onnx`, encode(model))).problem).toMatch(problem);
    });

    it("accepts the minimal model those are made from, and describes other value types", async () => {
      const sequenceOfTensors = { sequenceType: { elemType: floatTensor } };
      const model = { ...valid, graph: { ...valid.graph, output: [{ name: "y", type: sequenceOfTensors }] } };
      await writeFile(join(dir, "minimal.onnx"), encode(model));
      const info = await readOnnxModel(join(dir, "minimal.onnx"));
      expect(info.inputs).toEqual([{ name: "x", kind: "tensor", elemType: "float32", shape: null }]);
      expect(info.outputs).toEqual([{ name: "y", kind: "other", type: "seq(tensor(float32))" }]);
      expect(info.producer).toEqual({ name: "", version: "" });
    });
  });

  it("a folder", async () => {
    expect((await refusal(".")).problem).toMatch(/is a folder/);
  });
});
