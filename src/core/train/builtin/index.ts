export { type FeatureEncoding, featureNames } from "./feature-encoding.js";
export { exportToOnnx } from "./onnx-export.js";
export { type BuiltinTrainingResult, type SolverReport, trainBuiltin } from "./train.js";
export { type LinearModelParameters, type Link, TrainedModel } from "./trained-model.js";
export type { ClassifierMetrics, RegressorMetrics, TrainingMetrics } from "./training-metrics.js";
export type * from "./types.js";
export { BUILTIN_TRAINERS } from "./types.js";
