import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  accuracy,
  averagePrecision,
  brierScore,
  confusionMatrix,
  expectedCalibrationError,
  f1,
  f1Macro,
  f1Weighted,
  logLoss,
  logLossMulticlass,
  mae,
  mape,
  precision,
  r2,
  rankOrder,
  recall,
  rmse,
  rocAuc,
} from "../../../src/core/evaluate/metrics/index.js";
import { expectClose } from "./fixtures.js";

// Integer weights must give exactly the metric of the rows repeated that many times (weight 0 = row absent):
// the paired bootstrap relies on it. Values are dyadic (k/64, k/4) so that sums are exact and the comparison
// can be tight; NaN on both sides (e.g. every weight 0, one class left) counts as equal.
const RTOL = 1e-12;
const ATOL = 1e-12;

function same(weighted: number, repeated: number, context: string): void {
  expectClose(weighted, Number.isNaN(repeated) ? null : repeated, context, RTOL, ATOL);
}

/** Repeats each row's `width` consecutive entries weights[i] times. */
function repeat<T extends Int32Array | Float64Array>(values: T, weights: number[], width = 1): T {
  const out: number[] = [];
  weights.forEach((w, i) => {
    for (let r = 0; r < w; r++) for (let j = 0; j < width; j++) out.push(values[i * width + j] as number);
  });
  return (values instanceof Int32Array ? Int32Array.from(out) : Float64Array.from(out)) as T;
}

const counts = (n: number) => fc.array(fc.integer({ min: 0, max: 3 }), { minLength: n, maxLength: n });

const binaryRows = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 64 }), fc.integer({ min: 0, max: 1 })), {
    minLength: 1,
    maxLength: 30,
  })
  .chain((rows) => fc.tuple(fc.constant(rows), counts(rows.length)));

describe("integer weights equal repeated rows", () => {
  it("for every binary metric", () => {
    fc.assert(
      fc.property(binaryRows, ([rows, w]) => {
        const labels = Int32Array.from(rows.map((r) => r[0]));
        const scores = Float64Array.from(rows.map((r) => r[1] / 64));
        const predicted = Int32Array.from(rows.map((r) => r[2]));
        const weights = Float64Array.from(w);
        const rl = repeat(labels, w);
        const rs = repeat(scores, w);
        const rp = repeat(predicted, w);
        const pairs: [string, number, number][] = [
          ["accuracy", accuracy(labels, predicted, weights), accuracy(rl, rp)],
          ["precision", precision(labels, predicted, weights), precision(rl, rp)],
          ["recall", recall(labels, predicted, weights), recall(rl, rp)],
          ["f1", f1(labels, predicted, weights), f1(rl, rp)],
          ["roc_auc", rocAuc(labels, scores, rankOrder(scores), weights), rocAuc(rl, rs, rankOrder(rs))],
          [
            "average_precision",
            averagePrecision(labels, scores, rankOrder(scores), weights),
            averagePrecision(rl, rs, rankOrder(rs)),
          ],
          ["log_loss", logLoss(labels, scores, weights), logLoss(rl, rs)],
          ["brier", brierScore(labels, scores, weights), brierScore(rl, rs)],
          ["ece", expectedCalibrationError(labels, scores, weights), expectedCalibrationError(rl, rs)],
        ];
        for (const [name, weighted, repeated] of pairs) same(weighted, repeated, name);
      }),
      { numRuns: 300 },
    );
  });

  it("for every multiclass metric", () => {
    const k = 4;
    const rowsArb = fc
      .array(
        fc.tuple(
          fc.integer({ min: 0, max: k - 1 }),
          fc.integer({ min: 0, max: k - 1 }),
          fc.array(fc.integer({ min: 0, max: 64 }), { minLength: k, maxLength: k }),
        ),
        { minLength: 1, maxLength: 30 },
      )
      .chain((rows) => fc.tuple(fc.constant(rows), counts(rows.length)));
    fc.assert(
      fc.property(rowsArb, ([rows, w]) => {
        const labels = Int32Array.from(rows.map((r) => r[0]));
        const predicted = Int32Array.from(rows.map((r) => r[1]));
        const probabilities = Float64Array.from(rows.flatMap((r) => r[2].map((v) => v / 64)));
        const weights = Float64Array.from(w);
        const rl = repeat(labels, w);
        const rp = repeat(predicted, w);
        const rq = repeat(probabilities, w, k);
        same(accuracy(labels, predicted, weights), accuracy(rl, rp), "accuracy");
        same(f1Macro(labels, predicted, k, weights), f1Macro(rl, rp, k), "f1_macro");
        same(f1Weighted(labels, predicted, k, weights), f1Weighted(rl, rp, k), "f1_weighted");
        same(logLossMulticlass(labels, probabilities, k, weights), logLossMulticlass(rl, rq, k), "log_loss");
        expect(Array.from(confusionMatrix(labels, predicted, k, weights))).toEqual(
          Array.from(confusionMatrix(rl, rp, k)),
        );
      }),
      { numRuns: 300 },
    );
  });

  it("for every regression metric", () => {
    const rowsArb = fc
      .array(fc.tuple(fc.integer({ min: -40, max: 40 }), fc.integer({ min: -40, max: 40 })), {
        minLength: 1,
        maxLength: 30,
      })
      .chain((rows) => fc.tuple(fc.constant(rows), counts(rows.length)));
    fc.assert(
      fc.property(rowsArb, ([rows, w]) => {
        const y = Float64Array.from(rows.map((r) => r[0] / 4));
        const p = Float64Array.from(rows.map((r) => r[1] / 4));
        const weights = Float64Array.from(w);
        const ry = repeat(y, w);
        const rp = repeat(p, w);
        same(rmse(y, p, weights), rmse(ry, rp), "rmse");
        same(mae(y, p, weights), mae(ry, rp), "mae");
        same(r2(y, p, weights), r2(ry, rp), "r2");
        same(mape(y, p, weights), mape(ry, rp), "mape");
      }),
      { numRuns: 300 },
    );
  });

  it("the example of the brief: weights [2, 0, 1]", () => {
    const labels = Int32Array.from([1, 0, 0]);
    const scores = Float64Array.from([0.25, 0.5, 0.375]);
    const weights = Float64Array.from([2, 0, 1]);
    const rl = Int32Array.from([1, 1, 0]);
    const rs = Float64Array.from([0.25, 0.25, 0.375]);
    expect(rocAuc(labels, scores, rankOrder(scores), weights)).toBe(0);
    expect(rocAuc(rl, rs, rankOrder(rs))).toBe(0);
    expect(rocAuc(labels, scores, rankOrder(scores))).toBe(0); // the positive ranks below every negative
    expect(brierScore(labels, scores, weights)).toBe(brierScore(rl, rs));
    expect(brierScore(labels, scores, weights)).not.toBe(brierScore(labels, scores));
  });
});
