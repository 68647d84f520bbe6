/** A model's inputs and outputs as recorded with each version: names, element types and shapes. */
import type { onnx } from "onnx-proto";

type TypeProto = onnx.ITypeProto;
type ValueInfoProto = onnx.IValueInfoProto;
/** protobufjs decodes int64 fields as `Long` objects when the `long` package is present. */
type Int64 = number | { toNumber(): number } | null | undefined;

/** Element type names as ONNX Runtime's JavaScript API spells them. */
const ELEMENT_TYPES = [
  undefined,
  "float32",
  "uint8",
  "int8",
  "uint16",
  "int16",
  "int32",
  "int64",
  "string",
  "bool",
  "float16",
  "float64",
  "uint32",
  "uint64",
  "complex64",
  "complex128",
  "bfloat16",
  "float8e4m3fn",
  "float8e4m3fnuz",
  "float8e5m2",
  "float8e5m2fnuz",
  "uint4",
  "int4",
  "float4e2m1",
] as const;

export type ElemType = Exclude<(typeof ELEMENT_TYPES)[number], undefined>;

/** A fixed size, a symbolic name (`batch`), or null when the model leaves the dimension open. */
export type Dim = number | string | null;

export interface TensorSig {
  name: string;
  kind: "tensor";
  elemType: ElemType;
  /** null when the model does not declare the rank */
  shape: Dim[] | null;
}

/** skl2onnx's ZipMap output: one `{label: probability}` map per row, `seq(map(int64|string, float))`. */
export interface SequenceMapSig {
  name: string;
  kind: "sequence-map";
  keyType: ElemType;
  valueType: ElemType;
}

/** Any other value type (a sequence of tensors, an optional, a sparse tensor) in ONNX notation: `seq(tensor(float32))`. */
export interface OtherSig {
  name: string;
  kind: "other";
  type: string;
}

export type ValueSig = TensorSig | SequenceMapSig | OtherSig;

export function toInt(value: Int64): number {
  if (value === null || value === undefined) return 0;
  return typeof value === "number" ? value : value.toNumber();
}

/** The signature of one graph input or output; throws a plain Error naming it when its type is unusable. */
export function valueSig(info: ValueInfoProto): ValueSig {
  const name = info.name ?? "";
  const type = info.type;
  if (!type) throw new Error(`${quoted(name)} has no type`);
  if (type.tensorType) {
    return {
      name,
      kind: "tensor",
      elemType: elemType(type.tensorType.elemType, name),
      shape: shapeOf(type.tensorType),
    };
  }
  const map = type.sequenceType?.elemType?.mapType;
  const mapValue = map?.valueType?.tensorType;
  if (map && mapValue) {
    return {
      name,
      kind: "sequence-map",
      keyType: elemType(map.keyType, name),
      valueType: elemType(mapValue.elemType, name),
    };
  }
  return { name, kind: "other", type: describeType(type, name) };
}

function elemType(code: number | null | undefined, name: string): ElemType {
  const type = ELEMENT_TYPES[code ?? 0];
  if (!type) throw new Error(`${quoted(name)} has ${code ? `an unknown element type (${code})` : "no element type"}`);
  return type;
}

function shapeOf(tensor: { shape?: onnx.ITensorShapeProto | null }): Dim[] | null {
  if (!tensor.shape) return null;
  return (tensor.shape.dim ?? []).map((dim) => {
    if (dim.dimParam) return dim.dimParam;
    if (dim.dimValue !== null && dim.dimValue !== undefined) return toInt(dim.dimValue);
    return null;
  });
}

function describeType(type: TypeProto, name: string): string {
  if (type.tensorType) return `tensor(${elemType(type.tensorType.elemType, name)})`;
  if (type.sparseTensorType) return `sparse_tensor(${elemType(type.sparseTensorType.elemType, name)})`;
  if (type.sequenceType?.elemType) return `seq(${describeType(type.sequenceType.elemType, name)})`;
  if (type.optionalType?.elemType) return `optional(${describeType(type.optionalType.elemType, name)})`;
  if (type.mapType?.valueType) {
    return `map(${elemType(type.mapType.keyType, name)},${describeType(type.mapType.valueType, name)})`;
  }
  throw new Error(`${quoted(name)} has no type`);
}

/** Names come from the file: keep them to one short line in messages. */
function quoted(name: string): string {
  return JSON.stringify(name.length > 80 ? `${name.slice(0, 80)}…` : name);
}
