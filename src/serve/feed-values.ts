/** One input's values for a request or a batch, row after row, in the array type ONNX Runtime takes. */
import { badRequest } from "./request-error.js";
import type { ServedType } from "./served-inputs.js";

export type FeedValues = Float32Array | Float64Array | Int32Array | BigInt64Array | Uint8Array | string[];

export function allocateValues(type: ServedType, length: number): FeedValues {
  switch (type) {
    case "float32":
      return new Float32Array(length);
    case "float64":
      return new Float64Array(length);
    case "int32":
      return new Int32Array(length);
    case "int64":
      return new BigInt64Array(length);
    case "bool":
      return new Uint8Array(length);
    case "string":
      return new Array<string>(length);
  }
}

/**
 * Stores one JSON value. A missing value (null, absent) is NaN for floats and "" for strings;
 * integer and boolean inputs have no missing value. `where` names the field for the 400.
 */
export function setValue(
  values: FeedValues,
  type: ServedType,
  index: number,
  value: unknown,
  where: () => string,
): void {
  if (type === "string") {
    if (typeof value === "string") (values as string[])[index] = value;
    else if (value === null || value === undefined) (values as string[])[index] = "";
    else if (typeof value === "number" || typeof value === "boolean") (values as string[])[index] = String(value);
    else throw badRequest(`${where()}: expected a string, got ${describe(value)}`);
    return;
  }
  let number: number;
  if (typeof value === "number") number = value;
  else if (typeof value === "boolean") number = value ? 1 : 0;
  else if ((value === null || value === undefined) && (type === "float32" || type === "float64")) number = Number.NaN;
  else if (value === null || value === undefined) {
    throw badRequest(`${where()} is missing, and the model's ${type} input has no missing value`);
  } else throw badRequest(`${where()}: expected a number, got ${describe(value)}`);
  switch (type) {
    case "float32":
    case "float64":
      values[index] = number;
      return;
    case "bool":
      if (number !== 0 && number !== 1) throw badRequest(`${where()}: expected true or false, got ${number}`);
      values[index] = number;
      return;
    case "int32":
    case "int64":
      if (!Number.isSafeInteger(number)) throw badRequest(`${where()}: expected an integer, got ${number}`);
      if (type === "int32" && (number < -(2 ** 31) || number >= 2 ** 31)) {
        throw badRequest(`${where()}: ${number} does not fit the model's int32 input`);
      }
      if (type === "int64") (values as BigInt64Array)[index] = BigInt(number);
      else values[index] = number;
  }
}

/** The parts one after the other; a single part is returned as it is. */
export function concatValues(parts: readonly FeedValues[], length: number): FeedValues {
  const [first] = parts;
  if (parts.length === 1 && first) return first;
  if (Array.isArray(first)) {
    const joined = new Array<string>(length);
    let offset = 0;
    for (const part of parts as string[][]) for (const value of part) joined[offset++] = value;
    return joined;
  }
  const Typed = (first as Float32Array).constructor as new (length: number) => Exclude<FeedValues, string[]>;
  const joined = new Typed(length);
  let offset = 0;
  for (const part of parts as Exclude<FeedValues, string[]>[]) {
    (joined as Float32Array).set(part as Float32Array, offset);
    offset += part.length;
  }
  return joined;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
