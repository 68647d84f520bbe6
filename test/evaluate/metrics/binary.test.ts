import { describe, expect, it } from "vitest";
import {
  accuracy,
  averagePrecision,
  brierScore,
  calibrationBin,
  expectedCalibrationError,
  f1,
  logLoss,
  precision,
  predictLabels,
  rankOrder,
  recall,
  rocAuc,
} from "../../../src/core/evaluate/metrics/index.js";
import { expectClose, loadFixture, weightsOf } from "./fixtures.js";

interface BinaryCase {
  name: string;
  labels: number[];
  scores: number[];
  predicted: number[];
  weights: number[] | null;
  expected: Record<
    "accuracy" | "precision" | "recall" | "f1" | "roc_auc" | "average_precision" | "log_loss" | "brier" | "ece",
    number | null
  >;
}

const fixture = loadFixture<{ sklearn: string; cases: BinaryCase[] }>("binary.json");

const prepared = fixture.cases.map((c) => {
  const scores = Float64Array.from(c.scores);
  return {
    case: c,
    labels: Int32Array.from(c.labels),
    scores,
    predicted: Uint8Array.from(c.predicted),
    weights: weightsOf(c.weights),
    order: rankOrder(scores),
  };
});
const rows = prepared.map((p) => [p.case.name, p] as const);

describe("binary metrics against scikit-learn 1.2.1", () => {
  it("covers weighted and unweighted cases, ties, one-class and undefined values", () => {
    expect(fixture.sklearn).toBe("1.2.1");
    expect(fixture.cases.filter((c) => c.weights !== null).length).toBeGreaterThanOrEqual(10);
    expect(fixture.cases.filter((c) => c.weights?.includes(0)).length).toBeGreaterThanOrEqual(5);
    expect(fixture.cases.filter((c) => c.expected.roc_auc === null).length).toBeGreaterThanOrEqual(3);
    expect(fixture.cases.some((c) => c.labels.length >= 1000)).toBe(true);
  });

  it.each(rows)("%s: label metrics", (name, p) => {
    const e = p.case.expected;
    expectClose(accuracy(p.labels, p.predicted, p.weights), e.accuracy, `${name} accuracy`);
    expectClose(precision(p.labels, p.predicted, p.weights), e.precision, `${name} precision`);
    expectClose(recall(p.labels, p.predicted, p.weights), e.recall, `${name} recall`);
    expectClose(f1(p.labels, p.predicted, p.weights), e.f1, `${name} f1`);
  });

  it.each(rows)("%s: ranking metrics over the precomputed order", (name, p) => {
    const e = p.case.expected;
    expectClose(rocAuc(p.labels, p.scores, p.order, p.weights), e.roc_auc, `${name} roc_auc`);
    expectClose(averagePrecision(p.labels, p.scores, p.order, p.weights), e.average_precision, `${name} AP`);
  });

  it.each(rows)("%s: probability metrics", (name, p) => {
    const e = p.case.expected;
    expectClose(logLoss(p.labels, p.scores, p.weights), e.log_loss, `${name} log_loss`);
    expectClose(brierScore(p.labels, p.scores, p.weights), e.brier, `${name} brier`);
    expectClose(expectedCalibrationError(p.labels, p.scores, p.weights), e.ece, `${name} ece`);
  });

  it.each(rows)("%s: predictLabels(scores) gives the fixture's predictions (score > 0.5)", (_, p) => {
    expect(Array.from(predictLabels(p.scores))).toEqual(p.case.predicted);
  });

  it("takes Uint8Array labels as well as Int32Array", () => {
    const p = prepared.find((x) => x.case.name === "ties across classes") as (typeof prepared)[number];
    const labels = Uint8Array.from(p.case.labels);
    expectClose(rocAuc(labels, p.scores, p.order), p.case.expected.roc_auc, "roc_auc");
    expectClose(f1(labels, Int32Array.from(p.case.predicted)), p.case.expected.f1, "f1");
  });
});

describe("rankOrder", () => {
  it("sorts by score descending and keeps row order among ties", () => {
    const order = rankOrder(Float64Array.from([0.2, 0.9, 0.5, 0.9, 0.2, -0]));
    expect(Array.from(order)).toEqual([1, 3, 2, 0, 4, 5]);
  });

  it("rejects non-finite scores", () => {
    expect(() => rankOrder(Float64Array.from([0.1, Number.NaN]))).toThrow(/not finite/);
    expect(() => rankOrder(Float64Array.from([Number.POSITIVE_INFINITY]))).toThrow(/not finite/);
  });

  it("AUC and AP depend on the order only through tie groups", () => {
    const labels = Int32Array.from([1, 0, 1, 0]);
    const scores = Float64Array.from([0.5, 0.5, 0.5, 0.5]);
    // Any order of a single tie group gives the same (tie-aware) answer.
    expect(rocAuc(labels, scores, Int32Array.from([1, 3, 0, 2]))).toBe(0.5);
    expect(averagePrecision(labels, scores, Int32Array.from([1, 3, 0, 2]))).toBe(0.5);
  });

  it("checks the order's length", () => {
    expect(() => rocAuc(Int32Array.from([0, 1]), Float64Array.from([0.1, 0.2]), Int32Array.from([1]))).toThrow(
      /order has 1 entries/,
    );
  });
});

describe("expected calibration error bins", () => {
  it("are right-closed, the first one holding 0", () => {
    expect([0, 0.05, 0.1, 0.1000001, 0.3, 0.30000000000000004, 0.9, 0.95, 1].map(calibrationBin)).toEqual([
      0, 0, 0, 1, 2, 3, 8, 9, 9,
    ]);
  });

  it("is 0 for a perfectly calibrated bin and |label − score| for one row", () => {
    expect(expectedCalibrationError(Int32Array.from([1, 0]), Float64Array.from([0.5, 0.5]))).toBe(0);
    expect(expectedCalibrationError(Int32Array.from([1]), Float64Array.from([0.25]))).toBe(0.75);
  });
});

describe("undefined values", () => {
  it("are NaN for a zero total weight", () => {
    const labels = Int32Array.from([0, 1]);
    const scores = Float64Array.from([0.3, 0.6]);
    const zero = new Float64Array(2);
    const order = rankOrder(scores);
    for (const value of [
      accuracy(labels, labels, zero),
      logLoss(labels, scores, zero),
      brierScore(labels, scores, zero),
      expectedCalibrationError(labels, scores, zero),
      rocAuc(labels, scores, order, zero),
      averagePrecision(labels, scores, order, zero),
    ]) {
      expect(value).toBeNaN();
    }
  });

  it("roc_auc is NaN when weights leave one class (scikit-learn returns NaN there too)", () => {
    const labels = Int32Array.from([0, 1, 1]);
    const scores = Float64Array.from([0.3, 0.6, 0.2]);
    expect(rocAuc(labels, scores, rankOrder(scores), Float64Array.from([0, 1, 2]))).toBeNaN();
    expect(rocAuc(labels, scores, rankOrder(scores))).toBe(0.5);
  });
});
