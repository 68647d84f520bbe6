/**
 * `POST /v2/models/{name}/infer` (Open Inference Protocol v2, REST): the request's input tensors
 * checked against the model's inputs (name, datatype, shape, data length) and turned into feeds.
 */
import { allocateValues, type FeedValues, setValue } from "./feed-values.js";
import { badRequest } from "./request-error.js";
import { type ServedInput, type ServedType, shapeKeyOf } from "./served-inputs.js";

export interface InferRequest {
  id?: string;
  rows: number;
  feeds: Map<string, FeedValues>;
  /** each input's dimensions after the batch dimension */
  rowDims: Map<string, number[]>;
  /** `rowDims` joined: requests batch together only when equal */
  shapeKey: string;
  /** the outputs asked for; all of them when absent */
  outputs?: string[];
}

/** Open Inference Protocol datatypes by ONNX Runtime element type. */
export const PROTOCOL_DATATYPES: Readonly<Record<string, string>> = {
  float32: "FP32",
  float64: "FP64",
  float16: "FP16",
  int8: "INT8",
  int16: "INT16",
  int32: "INT32",
  int64: "INT64",
  uint8: "UINT8",
  uint16: "UINT16",
  uint32: "UINT32",
  uint64: "UINT64",
  bool: "BOOL",
  string: "BYTES",
};

export function parseInferRequest(
  body: unknown,
  inputs: readonly ServedInput[],
  outputNames: readonly string[],
): InferRequest {
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw badRequest('the body must be a JSON object with "inputs": [{name, shape, datatype, data}, ...]');
  }
  const request = body as { id?: unknown; inputs?: unknown; outputs?: unknown };
  if (!Array.isArray(request.inputs)) throw badRequest("inputs: expected an array of {name, shape, datatype, data}");
  const byName = new Map(inputs.map((input) => [input.name, input]));
  const feeds = new Map<string, FeedValues>();
  const rowDims = new Map<string, number[]>();
  let rows: number | undefined;
  request.inputs.forEach((entry: unknown, k) => {
    const where = `inputs[${k}]`;
    if (entry === null || typeof entry !== "object")
      throw badRequest(`${where}: expected {name, shape, datatype, data}`);
    const { name, datatype, shape, data } = entry as Record<string, unknown>;
    const input = typeof name === "string" ? byName.get(name) : undefined;
    if (!input) {
      throw badRequest(
        `${where}.name: the model has no input ${JSON.stringify(name)} (inputs: ${inputs.map((i) => i.name).join(", ")})`,
      );
    }
    if (feeds.has(input.name)) throw badRequest(`${where}.name: input '${input.name}' is given twice`);
    const expected = PROTOCOL_DATATYPES[input.elemType] as string;
    if (datatype !== expected) {
      throw badRequest(`${where}.datatype: input '${input.name}' takes ${expected}, not ${JSON.stringify(datatype)}`);
    }
    const dims = checkShape(shape, input, where);
    if (rows !== undefined && dims[0] !== rows) {
      throw badRequest(`${where}.shape: ${dims[0]} rows, and the inputs before it have ${rows}`);
    }
    rows = dims[0] as number;
    feeds.set(input.name, tensorData(data, dims, input.elemType, `${where}.data`));
    rowDims.set(input.name, dims.slice(1));
  });
  const missing = inputs.find((input) => !feeds.has(input.name));
  if (missing) throw badRequest(`inputs: input '${missing.name}' is missing`);
  if (!rows) throw badRequest("inputs: the tensors have no rows");
  return {
    ...(typeof request.id === "string" ? { id: request.id } : {}),
    rows,
    feeds,
    rowDims,
    shapeKey: shapeKeyOf(inputs, rowDims),
    ...(request.outputs === undefined ? {} : { outputs: requestedOutputs(request.outputs, outputNames) }),
  };
}

function checkShape(shape: unknown, input: ServedInput, where: string): number[] {
  const rank = input.rowDims.length + 1;
  if (!Array.isArray(shape) || !shape.every((dim) => Number.isSafeInteger(dim) && dim >= 0)) {
    throw badRequest(`${where}.shape: expected an array of ${rank} non-negative integers`);
  }
  if (shape.length !== rank) {
    throw badRequest(`${where}.shape: input '${input.name}' has rank ${rank}, not ${shape.length}`);
  }
  input.rowDims.forEach((dim, j) => {
    if (dim !== null && shape[j + 1] !== dim) {
      throw badRequest(`${where}.shape[${j + 1}]: input '${input.name}' takes ${dim}, not ${shape[j + 1]}`);
    }
  });
  return shape as number[];
}

function tensorData(data: unknown, dims: readonly number[], type: ServedType, where: string): FeedValues {
  if (!Array.isArray(data)) throw badRequest(`${where}: expected an array`);
  const flat = Array.isArray(data[0]) ? (data.flat(dims.length) as unknown[]) : data;
  const size = dims.reduce((product, dim) => product * dim, 1);
  if (flat.length !== size) {
    throw badRequest(`${where}: ${flat.length} values for shape [${dims.join(", ")}], which holds ${size}`);
  }
  const values = allocateValues(type, size);
  for (let i = 0; i < size; i++) {
    const value = flat[i];
    if (value === null || value === undefined) throw badRequest(`${where}[${i}]: null is not a tensor value`);
    setValue(values, type, i, value, () => `${where}[${i}]`);
  }
  return values;
}

function requestedOutputs(outputs: unknown, names: readonly string[]): string[] {
  if (!Array.isArray(outputs)) throw badRequest("outputs: expected an array of {name}");
  return outputs.map((output: unknown, k) => {
    const name = (output as { name?: unknown } | null)?.name;
    if (typeof name !== "string" || !names.includes(name)) {
      throw badRequest(
        `outputs[${k}].name: the model has no output ${JSON.stringify(name)} (outputs: ${names.join(", ")})`,
      );
    }
    return name;
  });
}
