import { describe, expect, it } from "vitest";
import {
  accuracy,
  confusionMatrix,
  f1Macro,
  f1Weighted,
  logLossMulticlass,
} from "../../../src/core/evaluate/metrics/index.js";
import { expectClose, loadFixture, weightsOf } from "./fixtures.js";

interface MulticlassCase {
  name: string;
  k: number;
  labels: number[];
  probabilities: number[];
  predicted: number[];
  weights: number[] | null;
  expected: {
    accuracy: number | null;
    f1_macro: number | null;
    f1_macro_all_rows: number | null;
    f1_weighted: number | null;
    log_loss: number | null;
    confusion_matrix: number[];
  };
}

const fixture = loadFixture<{ sklearn: string; cases: MulticlassCase[] }>("multiclass.json");

const rows = fixture.cases.map(
  (c) =>
    [
      c.name,
      {
        case: c,
        labels: Int32Array.from(c.labels),
        predicted: Int32Array.from(c.predicted),
        probabilities: Float64Array.from(c.probabilities),
        weights: weightsOf(c.weights),
      },
    ] as const,
);

describe("multiclass metrics against scikit-learn 1.2.1", () => {
  it("covers weighted cases, several K, and an absent class", () => {
    expect(fixture.sklearn).toBe("1.2.1");
    expect(new Set(fixture.cases.map((c) => c.k)).size).toBeGreaterThanOrEqual(4);
    expect(fixture.cases.filter((c) => c.weights?.includes(0)).length).toBeGreaterThanOrEqual(5);
  });

  it.each(rows)("%s", (name, p) => {
    const { k, expected: e } = p.case;
    expectClose(accuracy(p.labels, p.predicted, p.weights), e.accuracy, `${name} accuracy`);
    expectClose(f1Macro(p.labels, p.predicted, k, p.weights), e.f1_macro, `${name} f1_macro`);
    expectClose(f1Weighted(p.labels, p.predicted, k, p.weights), e.f1_weighted, `${name} f1_weighted`);
    expectClose(logLossMulticlass(p.labels, p.probabilities, k, p.weights), e.log_loss, `${name} log_loss`);
    const matrix = confusionMatrix(p.labels, p.predicted, k, p.weights);
    expect(Array.from(matrix)).toEqual(e.confusion_matrix);
  });

  it.each(rows.filter(([, p]) => p.weights === undefined))(
    "%s: unweighted f1_macro is exactly scikit-learn's (labels=None)",
    (name, p) => {
      expectClose(f1Macro(p.labels, p.predicted, p.case.k), p.case.expected.f1_macro_all_rows, name);
    },
  );

  it("f1_macro follows the resample where scikit-learn counts a class seen only in zero-weight rows", () => {
    const c = fixture.cases.find((x) => x.name === "class only in a zero-weight row [given weights]");
    if (c === undefined) throw new Error("fixture case missing");
    const value = f1Macro(Int32Array.from(c.labels), Int32Array.from(c.predicted), c.k, weightsOf(c.weights));
    expectClose(value, c.expected.f1_macro, "f1_macro");
    expect(c.expected.f1_macro_all_rows).not.toBeCloseTo(value, 3);
    // The same as scikit-learn on the rows actually drawn.
    expectClose(
      value,
      f1Macro(Int32Array.from([0, 0, 1, 0, 1]), Int32Array.from([0, 0, 1, 1, 1]), c.k),
      "vs repeated rows",
    );
  });

  it("writes the confusion matrix into a given buffer, clearing it first", () => {
    const out = new Float64Array(4).fill(7);
    const result = confusionMatrix(Int32Array.from([0, 1, 1]), Int32Array.from([1, 1, 0]), 2, undefined, out);
    expect(result).toBe(out);
    expect(Array.from(out)).toEqual([0, 1, 1, 1]);
  });

  it("rejects labels outside 0..K-1 and a probability matrix of the wrong size", () => {
    expect(() => f1Macro(Int32Array.from([0, 3]), Int32Array.from([0, 1]), 3)).toThrow(/label 3 at row 1/);
    expect(() => confusionMatrix(Int32Array.from([0]), Int32Array.from([-1]), 2)).toThrow(/prediction -1/);
    expect(() => logLossMulticlass(Int32Array.from([0, 1]), new Float64Array(5), 3)).toThrow(/probabilities/);
  });

  it("is NaN for a zero total weight", () => {
    const labels = Int32Array.from([0, 1]);
    const zero = new Float64Array(2);
    expect(f1Macro(labels, labels, 2, zero)).toBeNaN();
    expect(f1Weighted(labels, labels, 2, zero)).toBeNaN();
    expect(logLossMulticlass(labels, Float64Array.from([0.5, 0.5, 0.5, 0.5]), 2, zero)).toBeNaN();
  });
});
