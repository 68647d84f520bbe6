/**
 * The class labels a classifier declares, in probability column order, for models without a ZipMap:
 * an ai.onnx.ml classifier node's `classlabels_*` attribute (skl2onnx with zipmap=False, onnxmltools),
 * or the constant a label output is gathered from (mlgate's builtin trainers: ArgMax → Gather).
 */
import onnxProto from "onnx-proto";
import { toInt } from "../signature.js";

type IGraphProto = onnxProto.onnx.IGraphProto;
type INodeProto = onnxProto.onnx.INodeProto;

const { onnx } = onnxProto;
const utf8 = new TextDecoder();
const CLASSIFIERS = new Set(["LinearClassifier", "TreeEnsembleClassifier", "SVMClassifier"]);

export function declaredClasses(modelBytes: Uint8Array): string[] | undefined {
  let graph: IGraphProto | null | undefined;
  try {
    graph = onnx.ModelProto.decode(modelBytes).graph;
  } catch {
    return undefined;
  }
  const nodes = graph?.node ?? [];
  const classifier = nodes.find((node) => CLASSIFIERS.has(node.opType ?? ""));
  if (classifier) return attributeLabels(classifier);
  const outputs = new Set((graph?.output ?? []).map((output) => output.name));
  const gather = nodes.find((node) => node.opType === "Gather" && outputs.has(node.output?.[0] ?? ""));
  const constant = gather && graph?.initializer?.find((tensor) => tensor.name === gather.input?.[0]);
  if (!constant) return undefined;
  if (constant.stringData?.length) return constant.stringData.map((label) => utf8.decode(label));
  if (constant.int64Data?.length) return constant.int64Data.map((label) => String(toInt(label)));
  return undefined;
}

function attributeLabels(node: INodeProto): string[] | undefined {
  const attributes = node.attribute ?? [];
  const strings = attributes.find((attribute) => attribute.name === "classlabels_strings")?.strings;
  if (strings?.length) return strings.map((label) => utf8.decode(label));
  const ints = attributes.find((attribute) => attribute.name === "classlabels_int64s")?.ints;
  return ints?.length ? ints.map((label) => String(toInt(label))) : undefined;
}
