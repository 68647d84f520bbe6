/** Building blocks for writing ONNX graphs with onnx-proto: nodes, attributes, tensors, value infos. */
import onnxProto from "onnx-proto";

type IAttributeProto = onnxProto.onnx.IAttributeProto;
type INodeProto = onnxProto.onnx.INodeProto;
type ITensorProto = onnxProto.onnx.ITensorProto;
type IValueInfoProto = onnxProto.onnx.IValueInfoProto;

const { onnx } = onnxProto;
const DataType = onnx.TensorProto.DataType;
const AttributeType = onnx.AttributeProto.AttributeType;
const encoder = new TextEncoder();

/** A node named after its first output and operator, so graphs stay readable in Netron. */
export function node(
  opType: string,
  input: string[],
  output: string[],
  attribute: IAttributeProto[] = [],
  domain = "",
): INodeProto {
  return { opType, input, output, attribute, domain, name: `${output[0]}:${opType}` };
}

export function intAttribute(name: string, value: number): IAttributeProto {
  return { name, type: AttributeType.INT, i: value };
}

export function intsAttribute(name: string, values: readonly number[]): IAttributeProto {
  return { name, type: AttributeType.INTS, ints: [...values] };
}

export function floatsAttribute(name: string, values: readonly number[]): IAttributeProto {
  return { name, type: AttributeType.FLOATS, floats: [...values] };
}

export function stringAttribute(name: string, value: string): IAttributeProto {
  return { name, type: AttributeType.STRING, s: encoder.encode(value) };
}

export function stringsAttribute(name: string, values: readonly string[]): IAttributeProto {
  return { name, type: AttributeType.STRINGS, strings: values.map((value) => encoder.encode(value)) };
}

export function floatTensor(name: string, dims: number[], values: ArrayLike<number>): ITensorProto {
  const data = values instanceof Float32Array ? values : Float32Array.from(values);
  return {
    name,
    dims,
    dataType: DataType.FLOAT,
    rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
  };
}

export function int64Tensor(name: string, dims: number[], values: readonly number[]): ITensorProto {
  return { name, dims, dataType: DataType.INT64, int64Data: [...values] };
}

export function stringTensor(name: string, values: readonly string[]): ITensorProto {
  return {
    name,
    dims: [values.length],
    dataType: DataType.STRING,
    stringData: values.map((value) => encoder.encode(value)),
  };
}

/**
 * A tensor's type: a number is a fixed dimension, a string a symbolic one (`N`), undefined an
 * unknown one (no value, no name), as skl2onnx writes the batch.
 */
export function valueInfo(name: string, elemType: number, shape: (string | number | undefined)[]): IValueInfoProto {
  const dim = shape.map((size) =>
    size === undefined ? {} : typeof size === "string" ? { dimParam: size } : { dimValue: size },
  );
  return { name, type: { tensorType: { elemType, shape: { dim } } } };
}
