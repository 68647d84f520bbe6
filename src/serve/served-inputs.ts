/**
 * A model's inputs as the server feeds them: element type and the shape of one row, and how the
 * records of `POST /predict` map onto them (one input per column, or one [N, F] tensor whose F
 * columns `--features` names).
 */
import { InputError } from "../core/errors.js";
import type { OnnxModelInfo } from "../core/model/onnx.js";

export type ServedType = "float32" | "float64" | "int32" | "int64" | "bool" | "string";

export interface ServedInput {
  name: string;
  elemType: ServedType;
  /** the dimensions after the batch dimension; null where the model leaves one open */
  rowDims: (number | null)[];
}

/** How records feed the model; `problem` says why they cannot (Open Inference Protocol requests still can). */
export type RecordLayout =
  | { kind: "per-column"; fields: string[] }
  | { kind: "single-tensor"; input: string; fields: string[] }
  | { kind: "none"; problem: string };

const SERVED_TYPES: readonly string[] = ["float32", "float64", "int32", "int64", "bool", "string"];

export function servedInputs(info: OnnxModelInfo, label: string): ServedInput[] {
  return info.inputs.map((input) => {
    if (input.kind !== "tensor" || !SERVED_TYPES.includes(input.elemType)) {
      const type = input.kind === "tensor" ? `tensor(${input.elemType})` : input.kind;
      throw new InputError(
        `model ${label} input '${input.name}' is ${type}, which mlgate serve cannot feed`,
        {},
        "export the model with float, double, int32, int64, bool or string tensor inputs",
      );
    }
    const dims = input.shape ?? [null, 1];
    return {
      name: input.name,
      elemType: input.elemType as ServedType,
      rowDims: dims.slice(1).map((dim) => (typeof dim === "number" && dim >= 0 ? dim : null)),
    };
  });
}

/** Values one row of the input holds: the product of its row dimensions (open ones count as 1). */
export function rowWidth(input: ServedInput): number {
  return input.rowDims.reduce<number>((width, dim) => width * (dim ?? 1), 1);
}

export function recordLayout(inputs: readonly ServedInput[], features: readonly string[] | undefined): RecordLayout {
  if (features) {
    const [input] = inputs;
    const numeric = input && input.elemType !== "string" && input.rowDims.length === 1;
    if (inputs.length !== 1 || !input || !numeric) {
      return {
        kind: "none",
        problem: "--features names the columns of one numeric [N, F] input, and this model has other inputs",
      };
    }
    const width = input.rowDims[0];
    if (width !== null && width !== features.length) {
      return {
        kind: "none",
        problem: `--features names ${features.length} columns, and input '${input.name}' takes ${width}`,
      };
    }
    return { kind: "single-tensor", input: input.name, fields: [...features] };
  }
  const wide = inputs.find((input) => rowWidth(input) !== 1 || input.rowDims.some((dim) => dim === null));
  if (wide) {
    return {
      kind: "none",
      problem: `input '${wide.name}' takes rows of [${wide.rowDims.map((dim) => dim ?? "?").join(", ")}]: start mlgate serve with --features naming its columns in order`,
    };
  }
  return { kind: "per-column", fields: inputs.map((input) => input.name) };
}

/** The batching key of a request's row dimensions, in input order. */
export function shapeKeyOf(inputs: readonly ServedInput[], rowDims: ReadonlyMap<string, readonly number[]>): string {
  return inputs.map((input) => rowDims.get(input.name)?.join("x")).join(";");
}
