/**
 * `trainer: builtin`: tabular baselines trained in-process and exported to ONNX with their
 * preprocessing inside the graph.
 */
import { InputError } from "../../errors.js";
import { encodeFeatures, fitFeatureEncoding, rowCount } from "./feature-encoding.js";
import { encodeLabels } from "./labels.js";
import { fitLeastSquares } from "./least-squares.js";
import { fitLogistic } from "./logistic.js";
import { exportToOnnx } from "./onnx-export.js";
import { type LinearModelParameters, TrainedModel } from "./trained-model.js";
import { type TrainingMetrics, trainingMetrics } from "./training-metrics.js";
import { BUILTIN_TRAINERS, type BuiltinSpec, type TrainingData } from "./types.js";

export interface SolverReport {
  iterations: number;
  converged: boolean;
}

export interface BuiltinTrainingResult {
  model: TrainedModel;
  onnx: Uint8Array;
  /** On the training rows. */
  metrics: TrainingMetrics;
  /** Iterative solvers only (logistic). */
  solver?: SolverReport;
}

export function trainBuiltin(spec: BuiltinSpec, data: TrainingData): BuiltinTrainingResult {
  if (!(BUILTIN_TRAINERS as readonly string[]).includes(spec.trainer)) {
    throw new InputError(
      `unknown builtin trainer '${spec.trainer}'`,
      { key: "trainer" },
      `use one of ${BUILTIN_TRAINERS.join(", ")}`,
    );
  }
  const rows = rowCount(data);
  if (rows === 0) throw new InputError("no training rows", {}, "give at least one row");
  if (data.target.length !== rows) {
    throw new InputError(
      `has ${data.target.length} values for ${rows} rows`,
      { key: "target" },
      "align target and columns",
    );
  }
  const encoding = fitFeatureEncoding(data);
  const features = encodeFeatures(encoding, data);
  const width = features.width;
  let parameters: LinearModelParameters;
  let solver: SolverReport | undefined;
  let target: Float64Array | Int32Array;

  if (spec.trainer === "ridge" || spec.trainer === "linear" || spec.trainer === "mean") {
    target = numericTarget(data);
    const alpha = spec.trainer === "ridge" ? positive(spec.alpha ?? 1, "alpha", true) : 0;
    const fit =
      spec.trainer === "mean"
        ? { coefficients: new Float64Array(width), intercept: target.reduce((sum, value) => sum + value, 0) / rows }
        : fitLeastSquares(features, target, alpha);
    parameters = {
      trainer: spec.trainer,
      encoding,
      link: "identity",
      coefficients: fit.coefficients,
      intercepts: Float64Array.of(fit.intercept),
    };
  } else {
    const { classes, indices } = encodeLabels(data.target);
    target = indices;
    const binary = classes.length === 2;
    const link = binary ? "sigmoid" : "softmax";
    if (spec.trainer === "logistic") {
      if (classes.length < 2) {
        throw new InputError(
          "logistic regression needs at least two classes",
          { key: "target" },
          "use trainer majority",
        );
      }
      const fit = fitLogistic(features, indices, classes.length, {
        C: positive(spec.C ?? 1, "C", false),
        tolerance: positive(spec.tolerance ?? 1e-4, "tolerance", false),
        maxIterations: Math.max(1, Math.floor(spec.maxIterations ?? 1000)),
      });
      parameters = {
        trainer: "logistic",
        encoding,
        link,
        coefficients: fit.coefficients,
        intercepts: fit.intercepts,
        classes,
      };
      solver = { iterations: fit.iterations, converged: fit.converged };
    } else {
      parameters = { trainer: "majority", encoding, link, classes, ...priorScores(indices, classes.length, width) };
    }
  }

  const model = new TrainedModel(parameters);
  const metrics = trainingMetrics(model.predictEncoded(features), target, parameters.classes);
  return { model, onnx: exportToOnnx(model), metrics, ...(solver ? { solver } : {}) };
}

/** Zero weights and intercepts whose sigmoid/softmax gives back the training class frequencies. */
function priorScores(indices: Int32Array, classCount: number, width: number) {
  const counts = new Float64Array(classCount);
  for (const index of indices) counts[index] = (counts[index] as number) + 1;
  const logCounts = Array.from(counts, Math.log);
  const intercepts =
    classCount === 2
      ? Float64Array.of((logCounts[1] as number) - (logCounts[0] as number))
      : Float64Array.from(logCounts);
  return { coefficients: new Float64Array(intercepts.length * width), intercepts };
}

function numericTarget(data: TrainingData): Float64Array {
  const target = Float64Array.from(data.target as ArrayLike<number>, Number);
  if (target.some((value) => !Number.isFinite(value))) {
    throw new InputError("regression targets must be finite numbers", { key: "target" }, "drop rows without a target");
  }
  return target;
}

function positive(value: number, key: string, allowZero: boolean): number {
  if (!(value > 0 || (allowZero && value === 0)) || !Number.isFinite(value)) {
    throw new InputError(`must be a ${allowZero ? "non-negative" : "positive"} number, got ${value}`, { key });
  }
  return value;
}
