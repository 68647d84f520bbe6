/**
 * Maps data columns to a model's inputs. The layout is decided once from the signature: one input
 * per column (each input named as its column, shape [N, 1] or [N]), or a single numeric [N, F]
 * tensor holding F feature columns side by side.
 */
import type * as Ort from "onnxruntime-node";
import { InputError } from "../../errors.js";
import type { OrtModule } from "../runtime/index.js";
import type { Dim, TensorSig, ValueSig } from "../signature.js";
import { nameList, quote } from "./quote.js";

/** Data to score, column by column, all `rows` long. */
export interface ScoringColumns {
  /** NaN marks a missing value. */
  numeric: ReadonlyMap<string, Float64Array>;
  /** "" marks a missing value. */
  text: ReadonlyMap<string, readonly string[]>;
  rows: number;
}

export interface DataColumn {
  name: string;
  kind: "numeric" | "text";
}

export type NumericFeedType = "float32" | "float64" | "int64" | "int32" | "bool";
export type FeedType = NumericFeedType | "string";

export interface ColumnFeed {
  /** The model input, and the data column of the same name. */
  name: string;
  elemType: FeedType;
  /** 2 feeds [N, 1], 1 feeds [N]. */
  rank: 1 | 2;
}

/** `features` lists the data columns the model reads, in the order it reads them. */
export type FeedPlan =
  | { layout: "per-column"; features: string[]; inputs: ColumnFeed[] }
  | { layout: "single-tensor"; features: string[]; input: string; elemType: NumericFeedType };

export interface PlanOptions {
  /** The columns of a single [N, F] input, in order; the default is every numeric column in data order. */
  features?: readonly string[];
}

const NUMERIC_TYPES: readonly string[] = ["float32", "float64", "int64", "int32", "bool"] satisfies NumericFeedType[];
const RENAME_FIX = "rename the column or export the model with matching input names";
const FEATURES_FIX = (count: number) => `list the model's ${count} feature columns, in training order, as features`;

export function planFeeds(
  inputs: readonly ValueSig[],
  columns: readonly DataColumn[],
  options: PlanOptions = {},
): FeedPlan {
  if (options.features) return singleTensorPlan(inputs, columns, options.features);
  const kinds = new Map(columns.map((column) => [column.name, column.kind]));
  const missing = inputs.find((input) => !kinds.has(input.name));
  if (!missing) {
    return {
      layout: "per-column",
      features: inputs.map((input) => input.name),
      inputs: inputs.map((input) => columnFeed(input, kinds.get(input.name) ?? "numeric")),
    };
  }
  // a width of 1 is an input per column whose column is missing, more likely than a one-feature matrix
  if (inputs.length === 1 && missing.kind === "tensor" && missing.shape?.length === 2 && missing.shape[1] !== 1) {
    return singleTensorPlan(inputs, columns);
  }
  const names = columns.map((column) => column.name);
  throw new InputError(
    `model input ${quote(missing.name)} has no column in the data (columns: ${nameList(names)})`,
    {},
    RENAME_FIX,
  );
}

function columnFeed(input: ValueSig, kind: DataColumn["kind"]): ColumnFeed {
  const tensor = tensorInput(input);
  const elemType = feedType(tensor);
  const column = `column ${quote(input.name)}`;
  if (elemType === "string" && kind === "numeric") {
    throw new InputError(
      `model input ${quote(input.name)} takes strings but ${column} holds numbers`,
      {},
      "read the column as text or export the model with a numeric input for it",
    );
  }
  if (elemType !== "string" && kind === "text") {
    throw new InputError(
      `model input ${quote(input.name)} takes ${elemType} but ${column} holds text`,
      {},
      "convert the column to numbers or export the model with a string input for it",
    );
  }
  const shape = tensor.shape;
  if (shape === null || (shape.length === 2 && (shape[1] === 1 || typeof shape[1] !== "number"))) {
    return { name: input.name, elemType, rank: 2 };
  }
  if (shape.length === 1) return { name: input.name, elemType, rank: 1 };
  throw new InputError(
    `model input ${quote(input.name)} has shape ${formatShape(shape)} but one column feeds [N, 1] or [N]`,
    {},
    "export the model with one [N, 1] input per column, or a single [N, F] input",
  );
}

function singleTensorPlan(
  inputs: readonly ValueSig[],
  columns: readonly DataColumn[],
  features?: readonly string[],
): FeedPlan {
  const [input] = inputs;
  if (inputs.length !== 1 || input?.kind !== "tensor" || input.shape?.length !== 2) {
    const described = inputs.map((each) => `${each.name} ${describe(each)}`);
    throw new InputError(
      `features are listed but the model takes ${nameList(described)} rather than a single [N, F] tensor`,
      {},
      "leave features out: the model's input names pick the columns",
    );
  }
  const elemType = feedType(input);
  if (elemType === "string") {
    throw new InputError(
      `model input ${quote(input.name)} takes a string matrix, which cannot be fed from numeric feature columns`,
      {},
      "export the model with one string input per text column",
    );
  }
  const numeric = columns.filter((column) => column.kind === "numeric").map((column) => column.name);
  const width = input.shape[1] ?? null;
  const chosen = features ? checkFeatures(features, columns, input.name) : numeric;
  if (chosen.length === 0) {
    throw new InputError(
      `model input ${quote(input.name)} takes numeric features but the data has no numeric columns (columns: ${nameList(columns.map((column) => column.name))})`,
      {},
      "score data with the model's numeric feature columns",
    );
  }
  if (typeof width === "number" && width !== chosen.length) {
    const found = features
      ? `${chosen.length} are listed (${nameList(chosen)})`
      : `the data has ${chosen.length} numeric columns (${nameList(chosen)})`;
    throw new InputError(
      `model input ${quote(input.name)} takes ${width} features but ${found}`,
      {},
      FEATURES_FIX(width),
    );
  }
  return { layout: "single-tensor", features: [...chosen], input: input.name, elemType };
}

function checkFeatures(features: readonly string[], columns: readonly DataColumn[], input: string): readonly string[] {
  if (features.length === 0) {
    throw new InputError(`features lists no columns for model input ${quote(input)}`, {}, "list the feature columns");
  }
  const kinds = new Map(columns.map((column) => [column.name, column.kind]));
  features.forEach((feature, index) => {
    const kind = kinds.get(feature);
    if (kind === undefined) {
      const names = nameList(columns.map((column) => column.name));
      throw new InputError(`feature ${quote(feature)} has no column in the data (columns: ${names})`, {}, RENAME_FIX);
    }
    if (kind === "text") {
      throw new InputError(
        `feature ${quote(feature)} is a text column but model input ${quote(input)} takes numbers`,
        {},
        "list only numeric columns as features",
      );
    }
    if (features.indexOf(feature) !== index) {
      throw new InputError(`feature ${quote(feature)} is listed twice`, {}, "list each feature column once");
    }
  });
  return features;
}

function tensorInput(input: ValueSig): TensorSig {
  if (input.kind === "tensor") return input;
  throw new InputError(
    `model input ${quote(input.name)} is ${describe(input)}, which cannot be fed from a column`,
    {},
    "export the model with tensor inputs",
  );
}

function feedType(input: TensorSig): FeedType {
  if (input.elemType === "string" || NUMERIC_TYPES.includes(input.elemType)) return input.elemType as FeedType;
  throw new InputError(
    `model input ${quote(input.name)} takes ${input.elemType}, which cannot be fed from data columns (supported: ${NUMERIC_TYPES.join(", ")}, string)`,
    {},
    "export the model with float32 inputs",
  );
}

function describe(input: ValueSig): string {
  if (input.kind === "tensor") return `tensor(${input.elemType})${input.shape ? formatShape(input.shape) : ""}`;
  if (input.kind === "sequence-map") return `seq(map(${input.keyType},${input.valueType}))`;
  return input.type;
}

function formatShape(shape: readonly Dim[]): string {
  return `[${shape.map((dim) => dim ?? "?").join(", ")}]`;
}

/** Tensors for rows `start` (inclusive) to `end` (exclusive), by input name. */
export function buildFeeds(
  plan: FeedPlan,
  columns: ScoringColumns,
  Tensor: OrtModule["Tensor"],
  rowRange: { start: number; end: number } = { start: 0, end: columns.rows },
): Record<string, Ort.Tensor> {
  const { start, end } = rowRange;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || start > end || end > columns.rows) {
    throw new RangeError(`rows ${start} to ${end} are outside the data's ${columns.rows} rows`);
  }
  const rows = end - start;
  if (plan.layout === "single-tensor") {
    const width = plan.features.length;
    const matrix = new Float64Array(rows * width);
    plan.features.forEach((feature, j) => {
      const values = numericColumn(columns, feature).subarray(start, end);
      checkRepresentable(plan.elemType, values, feature, plan.input, start);
      for (let i = 0; i < rows; i++) matrix[i * width + j] = values[i] as number;
    });
    return { [plan.input]: numericTensor(Tensor, plan.elemType, matrix, [rows, width]) };
  }
  const feeds: Record<string, Ort.Tensor> = {};
  for (const { name, elemType, rank } of plan.inputs) {
    const dims = rank === 2 ? [rows, 1] : [rows];
    if (elemType === "string") {
      feeds[name] = new Tensor("string", textColumn(columns, name).slice(start, end), dims);
      continue;
    }
    const values = numericColumn(columns, name).slice(start, end);
    checkRepresentable(elemType, values, name, name, start);
    feeds[name] = numericTensor(Tensor, elemType, values, dims);
  }
  return feeds;
}

function numericColumn(columns: ScoringColumns, name: string): Float64Array {
  return sized(columns.numeric.get(name), name, columns.rows);
}

function textColumn(columns: ScoringColumns, name: string): readonly string[] {
  return sized(columns.text.get(name), name, columns.rows);
}

function sized<T extends { length: number }>(column: T | undefined, name: string, rows: number): T {
  if (!column) throw new Error(`the data has no column ${quote(name)}: the feed plan was made for other columns`);
  if (column.length !== rows) throw new Error(`column ${quote(name)} has ${column.length} values, not ${rows}`);
  return column;
}

/** Integer and boolean inputs have no missing value and no fractions. */
function checkRepresentable(
  elemType: NumericFeedType,
  values: Float64Array,
  column: string,
  input: string,
  firstRow: number,
): void {
  if (elemType === "float32" || elemType === "float64") return;
  const fits =
    elemType === "bool"
      ? (value: number) => value === 0 || value === 1
      : elemType === "int32"
        ? (value: number) => Number.isInteger(value) && Math.abs(value) <= 2 ** 31 - 1
        : Number.isInteger;
  const index = values.findIndex((value) => !fits(value));
  if (index < 0) return;
  const value = values[index] as number;
  const found = Number.isNaN(value) ? "a missing value" : `the value ${value}`;
  throw new InputError(
    `column ${quote(column)} has ${found} in data row ${firstRow + index + 1} but model input ${quote(input)} takes ${elemType}`,
    {},
    Number.isNaN(value)
      ? "fill or drop the missing values before scoring, or export the model with a float input"
      : `make the column hold ${elemType === "bool" ? "0 or 1" : `${elemType} whole numbers`}, or export the model with a float input`,
  );
}

function numericTensor(
  Tensor: OrtModule["Tensor"],
  elemType: NumericFeedType,
  values: Float64Array,
  dims: readonly number[],
): Ort.Tensor {
  switch (elemType) {
    case "float32":
      return new Tensor("float32", Float32Array.from(values), dims);
    case "float64":
      return new Tensor("float64", values, dims);
    case "int32":
      return new Tensor("int32", Int32Array.from(values), dims);
    case "int64":
      return new Tensor(
        "int64",
        BigInt64Array.from(values, (value) => BigInt(value)),
        dims,
      );
    case "bool":
      return new Tensor("bool", Uint8Array.from(values), dims);
  }
}
