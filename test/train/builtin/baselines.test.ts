import { describe, expect, it } from "vitest";
import { InputError } from "../../../src/core/errors.js";
import {
  type ClassifierPrediction,
  type RegressorPrediction,
  trainBuiltin,
} from "../../../src/core/train/builtin/index.js";
import { outputOf, runOnnx } from "./support.js";

const columns = {
  numeric: { x: Float64Array.of(1, 2, Number.NaN, 4, 5, 6) },
  categorical: { group: ["a", "b", "a", "c", "b", "a"] },
};
const fresh = {
  numeric: { x: Float64Array.of(100, Number.NaN, -3) },
  categorical: { group: ["a", "unseen", "c"] },
};

describe("baselines", () => {
  it("mean predicts the training mean for every row, in TypeScript and ONNX", async () => {
    const target = Float64Array.of(1, 2, 3, 4, 5, 9);
    const { model, onnx, metrics } = trainBuiltin({ trainer: "mean" }, { ...columns, target });
    expect([...model.parameters.coefficients].every((weight) => weight === 0)).toBe(true);
    expect([...(model.predict(fresh) as RegressorPrediction).values]).toEqual([4, 4, 4]);
    expect(metrics).toMatchObject({ r2: 0 });
    const outputs = await runOnnx(onnx, fresh);
    expect([...(outputOf(outputs, "variable").data as Float32Array)]).toEqual([4, 4, 4]);
  });

  it("majority predicts the most frequent class with the training frequencies as probabilities", async () => {
    const target = [7, 3, 7, 11, 7, 3];
    const { model, onnx, metrics } = trainBuiltin({ trainer: "majority" }, { ...columns, target });
    const prediction = model.predict(fresh) as ClassifierPrediction;
    expect(prediction.labels).toEqual([7, 7, 7]);
    expect([...prediction.probabilities.subarray(0, 3)].map((p) => p.toFixed(12))).toEqual(
      [2 / 6, 3 / 6, 1 / 6].map((p) => p.toFixed(12)),
    );
    expect(metrics).toMatchObject({ accuracy: 0.5 });
    const outputs = await runOnnx(onnx, fresh);
    expect(outputOf(outputs, "label").type).toBe("int64");
    expect([...(outputOf(outputs, "label").data as BigInt64Array)]).toEqual([7n, 7n, 7n]);
  });

  it("majority breaks a tie toward the first class in sorted order, as sklearn's argmax does", () => {
    const { model } = trainBuiltin(
      { trainer: "majority" },
      { ...columns, target: ["yes", "no", "yes", "no", "no", "yes"] },
    );
    expect((model.predict(fresh) as ClassifierPrediction).labels).toEqual(["no", "no", "no"]);
  });

  it("majority accepts a single class, where logistic regression has nothing to separate", () => {
    const target = ["only", "only", "only", "only", "only", "only"];
    const { model } = trainBuiltin({ trainer: "majority" }, { ...columns, target });
    expect((model.predict(fresh) as ClassifierPrediction).labels).toEqual(["only", "only", "only"]);
    expect(() => trainBuiltin({ trainer: "logistic" }, { ...columns, target })).toThrow(/at least two classes/);
  });
});

describe("bad input is an InputError naming the key", () => {
  const cases: [string, () => unknown, RegExp][] = [
    [
      "columns of different lengths",
      () =>
        trainBuiltin(
          { trainer: "mean" },
          { numeric: { x: Float64Array.of(1, 2) }, categorical: { g: ["a"] }, target: [1, 2] },
        ),
      /'g': has 1 rows but 'x' has 2/,
    ],
    [
      "a target of the wrong length",
      () => trainBuiltin({ trainer: "mean" }, { ...columns, target: [1, 2] }),
      /'target': has 2 values for 6 rows/,
    ],
    [
      "fractional class labels",
      () => trainBuiltin({ trainer: "logistic" }, { ...columns, target: [0.5, 1, 0.5, 1, 0.5, 1] }),
      /'target': class labels must be integers or strings/,
    ],
    [
      "a missing regression target",
      () => trainBuiltin({ trainer: "ridge" }, { ...columns, target: Float64Array.of(1, 2, 3, 4, 5, Number.NaN) }),
      /'target': regression targets must be finite/,
    ],
    [
      "a negative alpha",
      () => trainBuiltin({ trainer: "ridge", alpha: -1 }, { ...columns, target: Float64Array.of(1, 2, 3, 4, 5, 6) }),
      /'alpha': must be a non-negative number/,
    ],
    ["no rows", () => trainBuiltin({ trainer: "mean" }, { target: [] }), /no training rows/],
    [
      "a column named like a graph output",
      () => trainBuiltin({ trainer: "mean" }, { numeric: { label: Float64Array.of(1, 2) }, target: [1, 2] }),
      /'label': this column name is taken/,
    ],
  ];
  it.each(cases)("%s", (_title, run, message) => {
    expect(run).toThrow(InputError);
    expect(run).toThrow(message);
  });

  it("predicting without a column the model was trained on", () => {
    const { model } = trainBuiltin({ trainer: "mean" }, { ...columns, target: Float64Array.of(1, 2, 3, 4, 5, 6) });
    expect(() => model.predict({ numeric: fresh.numeric })).toThrow(/'group': the model needs this categorical column/);
  });
});
