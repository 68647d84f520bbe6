/**
 * onnxruntime-node returns tensors only, but skl2onnx classifiers end in a ZipMap node whose output
 * is `seq(map(label, float))`. This rewrites such models to expose the probability tensor that feeds
 * the ZipMap instead, and reports which output it replaced and the class labels it carried.
 */
import onnxProto from "onnx-proto";
import { toInt } from "../signature.js";

type ModelProto = onnxProto.onnx.ModelProto;
type IGraphProto = onnxProto.onnx.IGraphProto;
type INodeProto = onnxProto.onnx.INodeProto;
type IValueInfoProto = onnxProto.onnx.IValueInfoProto;

const { onnx } = onnxProto;
const utf8 = new TextDecoder();

export interface ZipMapOutput {
  /** The model's original output name (the ZipMap's). */
  output: string;
  /** The float [batch, classes] tensor now exposed in its place. */
  tensor: string;
  /** Class labels in column order of `tensor`. */
  labels: string[] | number[];
}

/**
 * The model with every ZipMap graph output replaced by the ZipMap's input tensor. Models without
 * one, and bytes that do not decode (left for ONNX Runtime to reject), come back as the same bytes.
 */
export function withTensorOutputs(modelBytes: Uint8Array): { bytes: Uint8Array; zipMaps: ZipMapOutput[] } {
  let model: ModelProto;
  try {
    model = onnx.ModelProto.decode(modelBytes);
  } catch {
    return { bytes: modelBytes, zipMaps: [] };
  }
  const graph = model.graph;
  const zipMaps = graph ? stripZipMaps(graph) : [];
  if (zipMaps.length === 0) return { bytes: modelBytes, zipMaps };
  return { bytes: onnx.ModelProto.encode(model).finish(), zipMaps };
}

function stripZipMaps(graph: IGraphProto): ZipMapOutput[] {
  const nodes = graph.node ?? [];
  const outputs = graph.output ?? [];
  const zipMaps: ZipMapOutput[] = [];
  for (const node of [...nodes]) {
    const output = node.output?.[0];
    const tensor = node.input?.[0];
    if (!isZipMap(node) || !output || !tensor) continue;
    const position = outputs.findIndex((info) => info.name === output);
    // another node reading the map would lose its input
    if (position < 0 || nodes.some((other) => other.input?.includes(output))) continue;

    const labels = classLabels(node);
    nodes.splice(nodes.indexOf(node), 1);
    const valueInfo = graph.valueInfo ?? [];
    const declared = valueInfo.find((info) => info.name === tensor && info.type?.tensorType);
    graph.valueInfo = valueInfo.filter((info) => info.name !== output && info.name !== tensor);
    if (outputs.some((info) => info.name === tensor)) outputs.splice(position, 1);
    else outputs.splice(position, 1, declared ?? probabilityInfo(tensor, labels.length));
    zipMaps.push({ output, tensor, labels });
  }
  return zipMaps;
}

function isZipMap(node: INodeProto): boolean {
  return node.opType === "ZipMap" && node.domain === "ai.onnx.ml";
}

function classLabels(node: INodeProto): string[] | number[] {
  const attributes = node.attribute ?? [];
  const strings = attributes.find((attribute) => attribute.name === "classlabels_strings")?.strings;
  if (strings?.length) return strings.map((label) => utf8.decode(label));
  const ints = attributes.find((attribute) => attribute.name === "classlabels_int64s")?.ints;
  return (ints ?? []).map(toInt);
}

/** float [unknown batch, classes], as ZipMap requires of its input */
function probabilityInfo(name: string, classes: number): IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: onnx.TensorProto.DataType.FLOAT,
        shape: { dim: [{}, { dimValue: classes }] },
      },
    },
  };
}
