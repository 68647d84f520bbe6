/**
 * Writes a trained builtin model as an ONNX graph that takes the raw columns and repeats the whole
 * pipeline, so the file is the model: no preprocessing lives outside it.
 *
 * Inputs, one per raw column, in training order: numeric columns as float [N,1] (NaN = missing),
 * categorical columns as string [N,1].
 * Outputs: regressors `variable` float [N,1]; classifiers `label` [N] (int64 or string, as the
 * training labels were) and `probabilities` float [N, classes] in class order. Plain tensors, no
 * ZipMap, so onnxruntime-node can return them.
 *
 * Nodes: Concat numeric inputs → Where(IsNaN, mean) → Sub mean → Div scale; per categorical column
 * ai.onnx.ml OneHotEncoder(zeros=1: unseen categories are all zeros) → Reshape [N, categories];
 * Concat → Gemm; then Sigmoid (two classes) or Softmax, ArgMax and a Gather on the class constant.
 */
import onnxProto from "onnx-proto";
import { InputError } from "../../errors.js";
import {
  floatTensor,
  int64Tensor,
  intAttribute,
  node,
  stringsAttribute,
  stringTensor,
  valueInfo,
} from "../../model/onnx-graph.js";
import type { TrainedModel } from "./trained-model.js";

const { onnx } = onnxProto;
type INodeProto = onnxProto.onnx.INodeProto;
type ITensorProto = onnxProto.onnx.ITensorProto;
type IValueInfoProto = onnxProto.onnx.IValueInfoProto;

const DataType = onnx.TensorProto.DataType;
export const ONNX_IR_VERSION = 8;
export const ONNX_OPSET = 15;
export const ML_DOMAIN = "ai.onnx.ml";
const ML_OPSET = 3;
const INTERNAL = "mlgate/";
const OUTPUT_NAMES = ["variable", "label", "probabilities"];

export function exportToOnnx(model: TrainedModel, producerVersion = "0.1.0"): Uint8Array {
  const { encoding, coefficients, intercepts, link, classes } = model.parameters;
  const columnNames = [...encoding.numeric, ...encoding.categorical].map((column) => column.name);
  for (const name of columnNames) {
    if (OUTPUT_NAMES.includes(name) || name.startsWith(INTERNAL)) {
      throw new InputError("this column name is taken by the ONNX graph", { key: name }, "rename the column");
    }
  }

  const nodes: INodeProto[] = [];
  const initializers: ITensorProto[] = [];
  const inputs: IValueInfoProto[] = [];
  const blocks: string[] = [];

  if (encoding.numeric.length > 0) {
    for (const column of encoding.numeric) inputs.push(valueInfo(column.name, DataType.FLOAT, ["N", 1]));
    initializers.push(
      floatTensor(
        `${INTERNAL}means`,
        [encoding.numeric.length],
        encoding.numeric.map((column) => column.mean),
      ),
      floatTensor(
        `${INTERNAL}scales`,
        [encoding.numeric.length],
        encoding.numeric.map((column) => column.scale),
      ),
    );
    nodes.push(
      node(
        "Concat",
        encoding.numeric.map((column) => column.name),
        [`${INTERNAL}numeric`],
        [intAttribute("axis", 1)],
      ),
      node("IsNaN", [`${INTERNAL}numeric`], [`${INTERNAL}missing`]),
      node("Where", [`${INTERNAL}missing`, `${INTERNAL}means`, `${INTERNAL}numeric`], [`${INTERNAL}imputed`]),
      node("Sub", [`${INTERNAL}imputed`, `${INTERNAL}means`], [`${INTERNAL}centered`]),
      node("Div", [`${INTERNAL}centered`, `${INTERNAL}scales`], [`${INTERNAL}standardized`]),
    );
    blocks.push(`${INTERNAL}standardized`);
  }

  encoding.categorical.forEach((column, index) => {
    inputs.push(valueInfo(column.name, DataType.STRING, ["N", 1]));
    const prefix = `${INTERNAL}onehot${index}`;
    initializers.push(int64Tensor(`${prefix}/shape`, [2], [-1, column.categories.length]));
    nodes.push(
      node(
        "OneHotEncoder",
        [column.name],
        [`${prefix}/3d`],
        [stringsAttribute("cats_strings", column.categories), intAttribute("zeros", 1)],
        ML_DOMAIN,
      ),
      node("Reshape", [`${prefix}/3d`, `${prefix}/shape`], [prefix]),
    );
    blocks.push(prefix);
  });

  const width = model.featureNames.length;
  const scoreCount = intercepts.length;
  const scores = link === "identity" ? "variable" : `${INTERNAL}scores`;
  initializers.push(
    floatTensor(`${INTERNAL}coefficients`, [scoreCount, width], Array.from(coefficients)),
    floatTensor(`${INTERNAL}intercepts`, [scoreCount], Array.from(intercepts)),
  );
  nodes.push(
    node("Concat", blocks, [`${INTERNAL}features`], [intAttribute("axis", 1)]),
    node(
      "Gemm",
      [`${INTERNAL}features`, `${INTERNAL}coefficients`, `${INTERNAL}intercepts`],
      [scores],
      [intAttribute("transB", 1)],
    ),
  );

  const outputs: IValueInfoProto[] = [];
  if (link === "identity" || !classes) {
    outputs.push(valueInfo("variable", DataType.FLOAT, ["N", 1]));
  } else {
    if (link === "sigmoid") {
      initializers.push(floatTensor(`${INTERNAL}one`, [1], [1]));
      nodes.push(
        node("Sigmoid", [scores], [`${INTERNAL}positive`]),
        node("Sub", [`${INTERNAL}one`, `${INTERNAL}positive`], [`${INTERNAL}negative`]),
        node("Concat", [`${INTERNAL}negative`, `${INTERNAL}positive`], ["probabilities"], [intAttribute("axis", 1)]),
      );
    } else {
      nodes.push(node("Softmax", [scores], ["probabilities"], [intAttribute("axis", 1)]));
    }
    const stringLabels = typeof classes[0] === "string";
    initializers.push(
      stringLabels
        ? stringTensor(`${INTERNAL}classes`, classes as readonly string[])
        : int64Tensor(`${INTERNAL}classes`, [classes.length], classes as readonly number[]),
    );
    nodes.push(
      node(
        "ArgMax",
        ["probabilities"],
        [`${INTERNAL}class_index`],
        [intAttribute("axis", 1), intAttribute("keepdims", 0)],
      ),
      node("Gather", [`${INTERNAL}classes`, `${INTERNAL}class_index`], ["label"], [intAttribute("axis", 0)]),
    );
    outputs.push(
      valueInfo("label", stringLabels ? DataType.STRING : DataType.INT64, ["N"]),
      valueInfo("probabilities", DataType.FLOAT, ["N", classes.length]),
    );
  }

  const modelProto = onnx.ModelProto.create({
    irVersion: ONNX_IR_VERSION,
    producerName: "mlgate",
    producerVersion,
    opsetImport: [
      { domain: "", version: ONNX_OPSET },
      { domain: ML_DOMAIN, version: ML_OPSET },
    ],
    metadataProps: [
      { key: "mlgate.trainer", value: model.parameters.trainer },
      { key: "mlgate.features", value: JSON.stringify(model.featureNames) },
    ],
    graph: {
      name: `mlgate-builtin-${model.parameters.trainer}`,
      node: nodes,
      initializer: initializers,
      input: inputs,
      output: outputs,
    },
  });
  return onnx.ModelProto.encode(modelProto).finish();
}
