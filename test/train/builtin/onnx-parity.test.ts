import { describe, expect, it } from "vitest";
import { inspectOnnxModel } from "../../../src/core/model/onnx.js";
import {
  type BuiltinSpec,
  type ClassifierPrediction,
  type RegressorPrediction,
  type Target,
  trainBuiltin,
} from "../../../src/core/train/builtin/index.js";
import { generateTable, normal, outputOf, runOnnx, seededRandom } from "./support.js";

const training = generateTable(1, 3000, false);
const scoring = generateTable(2, 800, true);
const random = seededRandom(3);

const regressionTarget = Float64Array.from(training.signal, (value) => 3 + 2 * value + 0.3 * normal(random));
const binaryTarget = Array.from(training.signal, (value) => (random() < 1 / (1 + Math.exp(-value)) ? 1 : 0));
const multiclassTarget = Array.from(training.signal, (value) => {
  const scores = [value, -value, 0.3].map((score) => score - Math.log(-Math.log(random())));
  return ["low", "high", "middle"][scores.indexOf(Math.max(...scores))] as string;
});

const cases: { title: string; spec: BuiltinSpec; target: Target }[] = [
  { title: "ridge", spec: { trainer: "ridge", alpha: 2 }, target: regressionTarget },
  { title: "linear", spec: { trainer: "linear" }, target: regressionTarget },
  { title: "mean", spec: { trainer: "mean" }, target: regressionTarget },
  { title: "binary logistic, integer labels", spec: { trainer: "logistic" }, target: binaryTarget },
  { title: "multinomial logistic, string labels", spec: { trainer: "logistic", C: 0.5 }, target: multiclassTarget },
  { title: "majority, two classes", spec: { trainer: "majority" }, target: binaryTarget },
  { title: "majority, three classes", spec: { trainer: "majority" }, target: multiclassTarget },
];

describe("builtin models predict the same in TypeScript and in onnxruntime-node", () => {
  it.each(cases)("$title", async ({ spec, target }) => {
    const { model, onnx } = trainBuiltin(spec, { ...training.columns, target });
    const expected = model.predict(scoring.columns);
    const outputs = await runOnnx(onnx, scoring.columns);
    const rows = scoring.signal.length;

    if (expected.kind === "regressor") {
      const variable = outputOf(outputs, "variable");
      expect(variable.dims).toEqual([rows, 1]);
      const actual = variable.data as Float32Array;
      const worst = Math.max(...Array.from(expected.values, (value, i) => relativeError(actual[i] as number, value)));
      expect(worst).toBeLessThan(1e-5);
      return;
    }
    const classes = model.parameters.classes ?? [];
    expect(outputOf(outputs, "probabilities").dims).toEqual([rows, classes.length]);
    const probabilities = outputOf(outputs, "probabilities").data as Float32Array;
    const worst = Math.max(
      ...Array.from(expected.probabilities, (value, i) => Math.abs((probabilities[i] as number) - value)),
    );
    expect(worst).toBeLessThan(1e-5);
    const labels = Array.from(outputOf(outputs, "label").data as ArrayLike<string | bigint>, (label) =>
      typeof label === "bigint" ? Number(label) : label,
    );
    expect(labels).toEqual([...expected.labels]);
  });

  it("predicts something sensible: the trained models beat their baselines on fresh rows", () => {
    const fresh = generateTable(4, 2000, true);
    const freshRandom = seededRandom(5);
    const freshBinary = Array.from(fresh.signal, (value) => (freshRandom() < 1 / (1 + Math.exp(-value)) ? 1 : 0));
    const accuracy = (trainer: "logistic" | "majority") => {
      const { model } = trainBuiltin({ trainer }, { ...training.columns, target: binaryTarget });
      const prediction = model.predict(fresh.columns) as ClassifierPrediction;
      return prediction.labels.filter((label, i) => label === freshBinary[i]).length / fresh.signal.length;
    };
    expect(accuracy("logistic")).toBeGreaterThan(accuracy("majority") + 0.1);

    const freshValues = Float64Array.from(fresh.signal, (value) => 3 + 2 * value + 0.3 * normal(freshRandom));
    const meanSquaredError = (trainer: "ridge" | "mean") => {
      const { model } = trainBuiltin({ trainer }, { ...training.columns, target: regressionTarget });
      const { values } = model.predict(fresh.columns) as RegressorPrediction;
      return values.reduce((sum, value, i) => sum + (value - (freshValues[i] as number)) ** 2, 0) / values.length;
    };
    expect(meanSquaredError("ridge")).toBeLessThan(0.5 * meanSquaredError("mean"));
  });

  it("declares one input per raw column and plain tensor outputs", () => {
    const { onnx } = trainBuiltin({ trainer: "logistic" }, { ...training.columns, target: multiclassTarget });
    const info = inspectOnnxModel(Buffer.from(onnx), "model.onnx");
    expect(info.irVersion).toBeLessThanOrEqual(9);
    expect(info.inputs.map((input) => [input.name, "elemType" in input ? input.elemType : input.kind])).toEqual([
      ["age", "float32"],
      ["income", "float32"],
      ["score", "float32"],
      ["plan", "string"],
      ["region", "string"],
    ]);
    expect(info.outputs.map((output) => [output.name, "elemType" in output ? output.elemType : output.kind])).toEqual([
      ["label", "string"],
      ["probabilities", "float32"],
    ]);
  });
});

/** Relative to the value, but not below an absolute 1e-5 for values near zero. */
function relativeError(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.max(1, Math.abs(expected));
}
