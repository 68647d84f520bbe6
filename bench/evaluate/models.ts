/**
 * The two models of `npm run bench -- evaluate`, built in TypeScript and written as ONNX with onnx-proto,
 * each with a plain-JS reference prediction to check ONNX Runtime against:
 *
 *  - champion: a random forest of 200 full trees of depth 6 in the shape skl2onnx gives a scikit-learn
 *    RandomForestClassifier: `float_input` float [N, 19] → ai.onnx.ml TreeEnsembleClassifier (`label`,
 *    `probabilities`) → Cast → `output_label` int64 [N], and ZipMap → `output_probability`
 *    seq(map(int64, float)). Every split is on a random feature at a random quantile (20–80%) of the
 *    fitting rows that reach the node (ExtraTrees-like); each leaf holds the smoothed share of positives
 *    among them, so the forest is a real, if weak, model. Leaf weights are each class's probability ÷ 200
 *    (aggregate SUM, post_transform NONE), as skl2onnx writes a forest's average; as it does for two classes,
 *    only class 1's weight is kept.
 *  - challenger: an MLP 19 → 64 → 64 → 2 (MatMul, Add, Relu; Softmax) with output `probabilities` float
 *    [N, 2], no ZipMap. Its weights are seeded, not trained, and built so it scores like a noisy copy of the
 *    label's linear part: 32 hidden units compute noisy copies of w·z + b and 32 their negatives (the
 *    standardisation z = (x − loc) / scale is folded into the first layer), the second layer is the identity
 *    plus noise, and the output logit gap is the mean of the pairs' differences.
 */
import onnxProto from "onnx-proto";
import {
  floatsAttribute,
  floatTensor,
  intAttribute,
  intsAttribute,
  node,
  stringAttribute,
  stringsAttribute,
  valueInfo,
} from "../../src/core/model/onnx-graph.js";
import { seededRandom } from "../../src/core/seeded-random.js";
import { ML_DOMAIN, ONNX_IR_VERSION, ONNX_OPSET } from "../../src/core/train/builtin/onnx-export.js";
import { NormalDraws } from "../normal-draws.js";
import { FEATURE_COUNT, FEATURE_SPECS, INTERCEPT, type Sample } from "./data.js";

const { onnx } = onnxProto;
type INodeProto = onnxProto.onnx.INodeProto;
type ITensorProto = onnxProto.onnx.ITensorProto;
type IGraphProto = onnxProto.onnx.IGraphProto;

const DataType = onnx.TensorProto.DataType;

/** TreeEnsembleClassifier-3 and ZipMap-1 */
const ML_OPSET = 3;
/** the input name skl2onnx gives a float [N, F] input */
export const INPUT_NAME = "float_input";

export const TREES = 200;
export const DEPTH = 6;
/** the fitting rows each tree draws (with replacement) from the fitting sample */
const TREE_ROWS = 20_000;
/** values drawn from a node's rows to pick its threshold among */
const THRESHOLD_DRAWS = 31;
export const HIDDEN = 64;
/** standard deviation of the noise on the challenger's first-layer weights, second layer and biases */
const MLP_WEIGHT_NOISE = 0.3;
const MLP_MIX_NOISE = 0.05;
const MLP_BIAS_NOISE = 0.1;

// ── champion: a random forest ─────────────────────────────────────────────────────────────────

/** Full trees in heap order: internal node i has children 2i+1 (x ≤ threshold) and 2i+2; leaves follow. */
export interface Forest {
  depth: number;
  /** per tree, per internal node */
  features: Int32Array[];
  /** per tree, per internal node: float32 values */
  thresholds: Float32Array[];
  /** per tree, per leaf: P(label = 1) */
  leaves: Float64Array[];
}

export function fitForest(sample: Sample, seed: number, trees = TREES, depth = DEPTH): Forest {
  const random = seededRandom(seed);
  const internal = 2 ** depth - 1;
  const forest: Forest = { depth, features: [], thresholds: [], leaves: [] };
  const { matrix, labels, rows } = sample;
  for (let t = 0; t < trees; t++) {
    const features = new Int32Array(internal);
    const thresholds = new Float32Array(internal);
    let level: Int32Array[] = [Int32Array.from({ length: TREE_ROWS }, () => Math.floor(random() * rows))];
    let node = 0;
    for (let d = 0; d < depth; d++) {
      const next: Int32Array[] = [];
      for (const group of level) {
        const feature = Math.floor(random() * FEATURE_COUNT);
        const threshold = pickThreshold(group, feature, sample, random);
        features[node] = feature;
        thresholds[node] = threshold;
        node++;
        const left: number[] = [];
        const right: number[] = [];
        for (const row of group) {
          if ((matrix[row * FEATURE_COUNT + feature] as number) <= threshold) left.push(row);
          else right.push(row);
        }
        next.push(Int32Array.from(left), Int32Array.from(right));
      }
      level = next;
    }
    const leaves = new Float64Array(level.length);
    level.forEach((group, leaf) => {
      let positives = 0;
      for (const row of group) positives += labels[row] as number;
      leaves[leaf] = (positives + 1) / (group.length + 2);
    });
    forest.features.push(features);
    forest.thresholds.push(thresholds);
    forest.leaves.push(leaves);
  }
  return forest;
}

/** A random quantile in [20%, 80%] of `feature` among a few of the node's rows (any fitting row when it has none). */
function pickThreshold(group: Int32Array, feature: number, sample: Sample, random: () => number): number {
  const values = new Float32Array(THRESHOLD_DRAWS);
  for (let k = 0; k < THRESHOLD_DRAWS; k++) {
    const row =
      group.length > 0 ? (group[Math.floor(random() * group.length)] as number) : Math.floor(random() * sample.rows);
    values[k] = sample.matrix[row * FEATURE_COUNT + feature] as number;
  }
  values.sort();
  return values[Math.floor((0.2 + 0.6 * random()) * THRESHOLD_DRAWS)] as number;
}

/** P(label = 1) of one row of a row-major float32 matrix, the forest's average of its leaves. */
export function forestScore(forest: Forest, matrix: Float32Array, row: number): number {
  const internal = 2 ** forest.depth - 1;
  let sum = 0;
  for (let t = 0; t < forest.leaves.length; t++) {
    const features = forest.features[t] as Int32Array;
    const thresholds = forest.thresholds[t] as Float32Array;
    let node = 0;
    while (node < internal) {
      const value = matrix[row * FEATURE_COUNT + (features[node] as number)] as number;
      node = value <= (thresholds[node] as number) ? 2 * node + 1 : 2 * node + 2;
    }
    sum += (forest.leaves[t] as Float64Array)[node - internal] as number;
  }
  return sum / forest.leaves.length;
}

export function forestOnnx(forest: Forest): Uint8Array {
  const internal = 2 ** forest.depth - 1;
  const nodes = 2 * internal + 1;
  const trees = forest.leaves.length;
  const tree = {
    treeIds: [] as number[],
    nodeIds: [] as number[],
    featureIds: [] as number[],
    values: [] as number[],
    modes: [] as string[],
    trueIds: [] as number[],
    falseIds: [] as number[],
  };
  const leaf = { treeIds: [] as number[], nodeIds: [] as number[], classIds: [] as number[], weights: [] as number[] };
  for (let t = 0; t < trees; t++) {
    for (let n = 0; n < nodes; n++) {
      const branch = n < internal;
      tree.treeIds.push(t);
      tree.nodeIds.push(n);
      tree.featureIds.push(branch ? ((forest.features[t] as Int32Array)[n] as number) : 0);
      tree.values.push(branch ? ((forest.thresholds[t] as Float32Array)[n] as number) : 0);
      tree.modes.push(branch ? "BRANCH_LEQ" : "LEAF");
      tree.trueIds.push(branch ? 2 * n + 1 : 0);
      tree.falseIds.push(branch ? 2 * n + 2 : 0);
      if (branch) continue;
      // skl2onnx keeps only the positive class's weight of a binary classifier, as class id 0: ONNX Runtime
      // then reads the one score as P(class 1) and gives [1 − p, p]
      leaf.treeIds.push(t);
      leaf.nodeIds.push(n);
      leaf.classIds.push(0);
      leaf.weights.push(((forest.leaves[t] as Float64Array)[n - internal] as number) / trees);
    }
  }
  const classes = [0, 1];
  const graph: IGraphProto = {
    name: "random_forest_classifier",
    node: [
      node(
        "TreeEnsembleClassifier",
        [INPUT_NAME],
        ["label", "probabilities"],
        [
          intsAttribute("classlabels_int64s", classes),
          intsAttribute("nodes_treeids", tree.treeIds),
          intsAttribute("nodes_nodeids", tree.nodeIds),
          intsAttribute("nodes_featureids", tree.featureIds),
          floatsAttribute("nodes_values", tree.values),
          stringsAttribute("nodes_modes", tree.modes),
          intsAttribute("nodes_truenodeids", tree.trueIds),
          intsAttribute("nodes_falsenodeids", tree.falseIds),
          floatsAttribute(
            "nodes_hitrates",
            tree.treeIds.map(() => 1),
          ),
          intsAttribute(
            "nodes_missing_value_tracks_true",
            tree.treeIds.map(() => 0),
          ),
          intsAttribute("class_treeids", leaf.treeIds),
          intsAttribute("class_nodeids", leaf.nodeIds),
          intsAttribute("class_ids", leaf.classIds),
          floatsAttribute("class_weights", leaf.weights),
          stringAttribute("post_transform", "NONE"),
        ],
        ML_DOMAIN,
      ),
      node("Cast", ["label"], ["output_label"], [intAttribute("to", DataType.INT64)]),
      node(
        "ZipMap",
        ["probabilities"],
        ["output_probability"],
        [intsAttribute("classlabels_int64s", classes)],
        ML_DOMAIN,
      ),
    ],
    input: [valueInfo(INPUT_NAME, DataType.FLOAT, [undefined, FEATURE_COUNT])],
    output: [
      valueInfo("output_label", DataType.INT64, [undefined]),
      {
        name: "output_probability",
        type: {
          sequenceType: {
            elemType: { mapType: { keyType: DataType.INT64, valueType: { tensorType: { elemType: DataType.FLOAT } } } },
          },
        },
      },
    ],
  };
  return model(graph, "skl2onnx-like random forest");
}

// ── challenger: an MLP ────────────────────────────────────────────────────────────────────────

/** Dense layers: `weights` row-major [inputs, outputs], as MatMul takes them. */
export interface Layer {
  inputs: number;
  outputs: number;
  weights: Float32Array;
  bias: Float32Array;
}

export interface Mlp {
  layers: [Layer, Layer, Layer];
}

export function buildMlp(seed: number): Mlp {
  const random = seededRandom(seed);
  const normals = new NormalDraws(random);
  const half = HIDDEN / 2;
  const first = layer(FEATURE_COUNT, HIDDEN);
  for (let k = 0; k < half; k++) {
    // unit k: v·z + c, unit k + half: −(v·z + c); z = (x − loc) / scale folded in
    let shift = INTERCEPT + MLP_BIAS_NOISE * normals.next();
    for (let j = 0; j < FEATURE_COUNT; j++) {
      const spec = FEATURE_SPECS[j] as (typeof FEATURE_SPECS)[number];
      const v = spec.weight + MLP_WEIGHT_NOISE * normals.next();
      first.weights[j * HIDDEN + k] = v / spec.scale;
      first.weights[j * HIDDEN + k + half] = -v / spec.scale;
      shift -= (v * spec.loc) / spec.scale;
    }
    first.bias[k] = shift;
    first.bias[k + half] = -shift;
  }
  const second = layer(HIDDEN, HIDDEN);
  for (let i = 0; i < HIDDEN; i++) {
    for (let k = 0; k < HIDDEN; k++)
      second.weights[i * HIDDEN + k] = (i === k ? 1 : 0) + MLP_MIX_NOISE * normals.next();
  }
  const output = layer(HIDDEN, 2);
  for (let i = 0; i < HIDDEN; i++) {
    const sign = i < half ? 1 : -1;
    output.weights[i * 2] = (-0.5 * sign) / half;
    output.weights[i * 2 + 1] = (0.5 * sign) / half;
  }
  return { layers: [first, second, output] };
}

function layer(inputs: number, outputs: number): Layer {
  return { inputs, outputs, weights: new Float32Array(inputs * outputs), bias: new Float32Array(outputs) };
}

/** P(label = 1) of one row: the forward pass in float64 over the float32 weights. */
export function mlpScore(mlp: Mlp, matrix: Float32Array, row: number): number {
  let values = Float64Array.from(matrix.subarray(row * FEATURE_COUNT, (row + 1) * FEATURE_COUNT));
  mlp.layers.forEach((dense, index) => {
    const next = Float64Array.from(dense.bias);
    for (let i = 0; i < dense.inputs; i++) {
      const value = values[i] as number;
      if (value === 0) continue;
      for (let k = 0; k < dense.outputs; k++)
        next[k] = (next[k] as number) + value * (dense.weights[i * dense.outputs + k] as number);
    }
    if (index < mlp.layers.length - 1) for (let k = 0; k < next.length; k++) next[k] = Math.max(0, next[k] as number);
    values = next;
  });
  return 1 / (1 + Math.exp((values[0] as number) - (values[1] as number)));
}

export function mlpOnnx(mlp: Mlp): Uint8Array {
  const nodes: INodeProto[] = [];
  const initializers: ITensorProto[] = [];
  let input = INPUT_NAME;
  mlp.layers.forEach((dense, index) => {
    const name = `layer${index}`;
    initializers.push(
      floatTensor(`${name}/weights`, [dense.inputs, dense.outputs], dense.weights),
      floatTensor(`${name}/bias`, [dense.outputs], dense.bias),
    );
    nodes.push(
      node("MatMul", [input, `${name}/weights`], [`${name}/product`]),
      node("Add", [`${name}/product`, `${name}/bias`], [`${name}/logits`]),
    );
    input = `${name}/logits`;
    if (index < mlp.layers.length - 1) {
      nodes.push(node("Relu", [input], [`${name}/relu`]));
      input = `${name}/relu`;
    }
  });
  nodes.push(node("Softmax", [input], ["probabilities"], [intAttribute("axis", 1)]));
  return model(
    {
      name: "mlp_classifier",
      node: nodes,
      initializer: initializers,
      input: [valueInfo(INPUT_NAME, DataType.FLOAT, [undefined, FEATURE_COUNT])],
      output: [valueInfo("probabilities", DataType.FLOAT, [undefined, 2])],
    },
    "seeded MLP",
  );
}

// ── ONNX building blocks ──────────────────────────────────────────────────────────────────────

function model(graph: IGraphProto, docString: string): Uint8Array {
  return onnx.ModelProto.encode({
    irVersion: ONNX_IR_VERSION,
    producerName: "mlgate-bench",
    producerVersion: "1",
    docString,
    opsetImport: [
      { domain: "", version: ONNX_OPSET },
      { domain: ML_DOMAIN, version: ML_OPSET },
    ],
    graph,
  }).finish();
}
