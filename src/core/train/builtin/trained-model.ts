/**
 * A trained builtin model: the feature encoding plus a linear predictor and its link. Baselines are
 * the same shape with zero weights, so one predictor and one ONNX layout serve every trainer.
 */
import { encodeFeatures, type FeatureEncoding, featureNames } from "./feature-encoding.js";
import type { FeatureMatrix } from "./feature-matrix.js";
import type { BuiltinTrainer, Labels, Prediction, TabularColumns } from "./types.js";

/** identity: regression; sigmoid: two classes, one score for the second; softmax: one score per class. */
export type Link = "identity" | "sigmoid" | "softmax";

export interface LinearModelParameters {
  trainer: BuiltinTrainer;
  encoding: FeatureEncoding;
  link: Link;
  /** Row-major [score vectors × features], in the order of `featureNames`. */
  coefficients: Float64Array;
  /** [score vectors] */
  intercepts: Float64Array;
  /** Classifiers only: the classes in probability-column order. */
  classes?: Labels;
}

export class TrainedModel {
  readonly featureNames: string[];

  constructor(readonly parameters: LinearModelParameters) {
    this.featureNames = featureNames(parameters.encoding);
  }

  get kind(): "classifier" | "regressor" {
    return this.parameters.link === "identity" ? "regressor" : "classifier";
  }

  predict(columns: TabularColumns): Prediction {
    return this.predictEncoded(encodeFeatures(this.parameters.encoding, columns));
  }

  /** Predictions for rows already encoded with this model's encoding (the training rows). */
  predictEncoded(features: FeatureMatrix): Prediction {
    const scores = this.scoresOf(features);
    const { link, classes } = this.parameters;
    if (link === "identity" || !classes) return { kind: "regressor", values: scores[0] as Float64Array };
    const rows = (scores[0] as Float64Array).length;
    const classCount = classes.length;
    const probabilities = new Float64Array(rows * classCount);
    for (let i = 0; i < rows; i++) {
      const row = probabilities.subarray(i * classCount, (i + 1) * classCount);
      if (link === "sigmoid") {
        const positive = 1 / (1 + Math.exp(-((scores[0] as Float64Array)[i] as number)));
        row[0] = 1 - positive;
        row[1] = positive;
      } else {
        softmaxInto(scores, i, row);
      }
    }
    const labels = Array.from(
      { length: rows },
      (_, i) => classes[firstLargest(probabilities, i * classCount, classCount)],
    );
    return { kind: "classifier", labels: labels as Labels, probabilities };
  }

  /** The linear scores, one Float64Array per score vector. */
  private scoresOf(features: FeatureMatrix): Float64Array[] {
    const { coefficients, intercepts } = this.parameters;
    return Array.from(intercepts, (intercept, k) => {
      const scores = new Float64Array(features.rows).fill(intercept);
      features.addProduct(coefficients, k * features.width, scores);
      return scores;
    });
  }
}

function softmaxInto(scores: Float64Array[], row: number, out: Float64Array): void {
  let largest = Number.NEGATIVE_INFINITY;
  for (const column of scores) largest = Math.max(largest, column[row] as number);
  let total = 0;
  scores.forEach((column, k) => {
    out[k] = Math.exp((column[row] as number) - largest);
    total += out[k] as number;
  });
  for (let k = 0; k < out.length; k++) out[k] = (out[k] as number) / total;
}

/** ArgMax with ONNX's default tie rule: the first largest. */
function firstLargest(values: Float64Array, start: number, length: number): number {
  let best = 0;
  for (let k = 1; k < length; k++) if ((values[start + k] as number) > (values[start + best] as number)) best = k;
  return best;
}
