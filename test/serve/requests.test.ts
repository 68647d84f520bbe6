import { describe, expect, it } from "vitest";
import { parseInferRequest } from "../../src/serve/infer-request.js";
import { recordFeeds, recordsOf } from "../../src/serve/record-feeds.js";
import { RequestError } from "../../src/serve/request-error.js";
import { recordLayout, type ServedInput } from "../../src/serve/served-inputs.js";

const perColumn: ServedInput[] = [
  { name: "age", elemType: "float32", rowDims: [1] },
  { name: "visits", elemType: "int64", rowDims: [1] },
  { name: "plan", elemType: "string", rowDims: [1] },
];
const matrix: ServedInput[] = [{ name: "float_input", elemType: "float32", rowDims: [3] }];

function refusal(body: () => unknown): { status: number; message: string } {
  try {
    body();
  } catch (error) {
    if (error instanceof RequestError) return { status: error.status, message: error.message };
    throw error;
  }
  throw new Error("accepted");
}

describe("records of POST /predict", () => {
  const layout = recordLayout(perColumn, undefined);

  it("feed one input per column; missing floats are NaN, missing strings empty, numbers become text", () => {
    if (layout.kind !== "per-column") throw new Error(layout.kind);
    const { rows, feeds } = recordFeeds(
      recordsOf({
        records: [
          { age: 31.5, visits: 2, plan: "pro" },
          { visits: 0, plan: 3, extra: "ignored" },
        ],
      }),
      perColumn,
      layout,
    );
    expect(rows).toBe(2);
    expect(Array.from(feeds.get("age") as Float32Array)).toEqual([31.5, Number.NaN]);
    expect(Array.from(feeds.get("visits") as BigInt64Array)).toEqual([2n, 0n]);
    expect(feeds.get("plan")).toEqual(["pro", "3"]);
  });

  it.each([
    [{}, 'the body must be a JSON array of records, or {"records": [...]}'],
    [[], "records: the array is empty; send at least one record"],
    [[{ age: 1, visits: 1 }, 7], "records[1]: expected an object of column values"],
    [[{ age: "old", visits: 1 }], 'records[0].age: expected a number, got "old"'],
    [[{ age: 1 }], "records[0].visits is missing, and the model's int64 input has no missing value"],
    [[{ age: 1, visits: 1.5 }], "records[0].visits: expected an integer, got 1.5"],
    [[{ age: 1, visits: 1, plan: { a: 1 } }], "records[0].plan: expected a string, got an object"],
  ])("refuse %j with a 400 naming the field", (body, message) => {
    if (layout.kind === "none") throw new Error(layout.problem);
    expect(refusal(() => recordFeeds(recordsOf(body), perColumn, layout))).toEqual({ status: 400, message });
  });

  it("fill a single [N, F] input from the columns --features names, in that order", () => {
    const features = recordLayout(matrix, ["c", "a", "b"]);
    if (features.kind !== "single-tensor") throw new Error(features.kind);
    const { feeds } = recordFeeds(recordsOf([{ a: 1, b: 2, c: 3 }]), matrix, features);
    expect(Array.from(feeds.get("float_input") as Float32Array)).toEqual([3, 1, 2]);
    expect(recordLayout(matrix, undefined)).toMatchObject({ kind: "none" });
    expect(recordLayout(matrix, ["a", "b"])).toEqual({
      kind: "none",
      problem: "--features names 2 columns, and input 'float_input' takes 3",
    });
  });
});

describe("Open Inference Protocol requests", () => {
  const tensor = (name: string, datatype: string, shape: number[], data: unknown[]) => ({
    name,
    datatype,
    shape,
    data,
  });
  const valid = () => ({
    id: "r1",
    inputs: [
      tensor("age", "FP32", [2, 1], [30, 40]),
      tensor("visits", "INT64", [2, 1], [[1], [2]]),
      tensor("plan", "BYTES", [2, 1], ["a", "b"]),
    ],
  });
  const outputs = ["label", "probabilities"];

  it("take tensors by name, flat or nested, with the requested outputs", () => {
    const request = parseInferRequest({ ...valid(), outputs: [{ name: "label" }] }, perColumn, outputs);
    expect(request.rows).toBe(2);
    expect(request.id).toBe("r1");
    expect(Array.from(request.feeds.get("visits") as BigInt64Array)).toEqual([1n, 2n]);
    expect(request.outputs).toEqual(["label"]);
    expect(request.shapeKey).toBe("1;1;1");
  });

  type Body = ReturnType<typeof valid>;
  const withInput = (index: number, input: ReturnType<typeof tensor>) => (body: Body) => {
    body.inputs[index] = input;
    return body;
  };
  it.each([
    ["not an object", () => [1], 'the body must be a JSON object with "inputs": [{name, shape, datatype, data}, ...]'],
    [
      "an unknown input",
      withInput(3, tensor("zip", "FP32", [2, 1], [1, 2])),
      'inputs[3].name: the model has no input "zip" (inputs: age, visits, plan)',
    ],
    ["a missing input", (body: Body) => ({ inputs: body.inputs.slice(0, 2) }), "inputs: input 'plan' is missing"],
    [
      "a wrong datatype",
      withInput(0, tensor("age", "FP64", [2, 1], [1, 2])),
      "inputs[0].datatype: input 'age' takes FP32, not \"FP64\"",
    ],
    [
      "a wrong rank",
      withInput(0, tensor("age", "FP32", [2], [1, 2])),
      "inputs[0].shape: input 'age' has rank 2, not 1",
    ],
    [
      "a wrong row shape",
      withInput(0, tensor("age", "FP32", [1, 2], [1, 2])),
      "inputs[0].shape[1]: input 'age' takes 1, not 2",
    ],
    [
      "too few values",
      withInput(0, tensor("age", "FP32", [2, 1], [1])),
      "inputs[0].data: 1 values for shape [2, 1], which holds 2",
    ],
    [
      "unequal rows",
      withInput(1, tensor("visits", "INT64", [3, 1], [1, 2, 3])),
      "inputs[1].shape: 3 rows, and the inputs before it have 2",
    ],
    [
      "a null value",
      withInput(0, tensor("age", "FP32", [2, 1], [1, null])),
      "inputs[0].data[1]: null is not a tensor value",
    ],
    [
      "an unknown output",
      (body: Body) => ({ ...body, outputs: [{ name: "score" }] }),
      'outputs[0].name: the model has no output "score" (outputs: label, probabilities)',
    ],
  ])("refuse %s with a 400 naming the field", (_case, body, message) => {
    expect(refusal(() => parseInferRequest(body(valid()), perColumn, outputs))).toEqual({ status: 400, message });
  });
});
