/**
 * The holdout rows of `npm run bench -- evaluate`: 19 float features `f0`…`f18`, each loc + scale · z with
 * z standard normal (locations and scales differ, so a tree's thresholds are on each column's own scale),
 * and a binary `label` drawn as Bernoulli(sigmoid(b + w·z + 0.6 z0 z1 − 0.4 (z2² − 1))): 14 informative
 * features of decreasing weight, an interaction and a curvature (that trees can catch and the challenger's
 * linear-like MLP cannot), 5 pure-noise ones. Deterministic per (rows, seed).
 *
 * Every value is a float32 stored as a double, so the Parquet file (DOUBLE columns, as pandas writes
 * float64) and the row-major float32 matrix the raw-inference anchor feeds hold the very same numbers.
 */
import { parquetWriteFile } from "hyparquet-writer";
import { seededRandom } from "../../src/core/seeded-random.js";
import { NormalDraws } from "../normal-draws.js";

export const FEATURE_COUNT = 19;
export const FEATURES: readonly string[] = Array.from({ length: FEATURE_COUNT }, (_, j) => `f${j}`);
export const LABEL = "label";

const WEIGHTS = [1.0, -0.8, 0.7, 0.6, -0.5, 0.45, 0.4, -0.35, 0.3, 0.25, -0.2, 0.15, 0.1, -0.1, 0, 0, 0, 0, 0];
export const INTERCEPT = -0.3;
/** weight of z0 · z1 in the logit */
const INTERACTION = 0.6;
/** weight of z2² − 1 in the logit */
const CURVATURE = -0.4;

export interface FeatureSpec {
  loc: number;
  scale: number;
  /** weight of z in the label's logit */
  weight: number;
}

export const FEATURE_SPECS: readonly FeatureSpec[] = WEIGHTS.map((weight, j) => ({
  loc: Math.round(200 * Math.sin(0.7 * j + 0.3)) / 10,
  scale: 0.25 + 3 * ((j * 7) % 5),
  weight,
}));

/** Rows in memory: the features row-major (what one [N, 19] tensor holds) and the 0/1 labels. */
export interface Sample {
  rows: number;
  matrix: Float32Array;
  labels: Uint8Array;
}

export function drawSample(rows: number, seed: number): Sample {
  const uniform = seededRandom(seed);
  const normals = new NormalDraws(uniform);
  const matrix = new Float32Array(rows * FEATURE_COUNT);
  const labels = new Uint8Array(rows);
  const z = new Float64Array(FEATURE_COUNT);
  for (let i = 0; i < rows; i++) {
    let logit = INTERCEPT;
    for (let j = 0; j < FEATURE_COUNT; j++) {
      const spec = FEATURE_SPECS[j] as FeatureSpec;
      const draw = normals.next();
      z[j] = draw;
      logit += spec.weight * draw;
      matrix[i * FEATURE_COUNT + j] = spec.loc + spec.scale * draw;
    }
    const [z0 = 0, z1 = 0, z2 = 0] = z;
    logit += INTERACTION * z0 * z1 + CURVATURE * (z2 * z2 - 1);
    labels[i] = uniform() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
  }
  return { rows, matrix, labels };
}

/**
 * The sample as Parquet: `f0`…`f18` DOUBLE then `label` INT64 (pandas' float64 and int64), optional
 * columns as pyarrow writes them, snappy pages, `rowGroupRows` rows per row group.
 */
export function writeParquet(file: string, sample: Sample, rowGroupRows: number): void {
  const { rows, matrix, labels } = sample;
  const columns = FEATURES.map((name, j) => {
    const data = new Float64Array(rows);
    for (let i = 0; i < rows; i++) data[i] = matrix[i * FEATURE_COUNT + j] as number;
    return { name, data, type: "DOUBLE" as const };
  });
  const label = new BigInt64Array(rows);
  for (let i = 0; i < rows; i++) label[i] = BigInt(labels[i] as number);
  parquetWriteFile({
    filename: file,
    columnData: [...columns, { name: LABEL, data: label, type: "INT64" }],
    rowGroupSize: rowGroupRows,
    createdBy: "mlgate bench (hyparquet-writer)",
  });
}
