/**
 * The output that holds a model's prediction: the class probabilities (the tensor behind a ZipMap,
 * or a float output named like probabilities), else the model's float prediction. Evaluation and
 * serving read the same one.
 */
import { InputError } from "../../errors.js";
import type { OnnxModelInfo } from "../onnx.js";
import { declaredClasses } from "./declared-classes.js";
import type { ScoringSession } from "./session.js";

export interface PredictionOutput {
  name: string;
  /** the class labels in column order, when the model declares them */
  classes?: string[];
}

export interface ModelFile {
  /** what messages call it: `model.onnx`, `churn@7` */
  label: string;
  bytes: Uint8Array;
  info: OnnxModelInfo;
}

const FLOAT_TYPES = new Set(["float32", "float64", "float16"]);

export function choosePredictionOutput(model: ModelFile, session: ScoringSession): PredictionOutput {
  const [zipMap] = session.zipMaps;
  if (zipMap) return { name: zipMap.tensor, classes: zipMap.labels.map(String) };
  const floats = model.info.outputs.filter(
    (output) =>
      output.kind === "tensor" && FLOAT_TYPES.has(output.elemType) && session.outputNames.includes(output.name),
  );
  const chosen =
    floats.find((output) => /prob/i.test(output.name)) ??
    floats.find((output) => output.kind === "tensor" && output.shape?.length === 2 && Number(output.shape[1]) >= 2) ??
    floats[0];
  if (!chosen) {
    throw new InputError(
      `model ${model.label} has no float output to read (outputs: ${session.outputNames.join(", ")})`,
      {},
      "export the class probabilities (classifiers) or the prediction (regressors) as a float tensor",
    );
  }
  const classes = declaredClasses(model.bytes);
  return { name: chosen.name, ...(classes ? { classes } : {}) };
}
