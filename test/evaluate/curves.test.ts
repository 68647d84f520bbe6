import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { calibrationCurve, precisionRecallCurve, rocCurve, thinCurve } from "../../src/core/evaluate/curves.js";
import { averagePrecision, rankOrder, rocAuc } from "../../src/core/evaluate/metrics/index.js";
import { expectClose, weightsOf } from "./metrics/fixtures.js";

type Values = (number | null)[];

interface CurveCase {
  name: string;
  labels: number[];
  scores: number[];
  weights: number[] | null;
  expected: {
    roc: { fpr: Values; tpr: Values; thresholds: Values };
    pr: { precision: Values; recall: Values; thresholds: Values };
    calibration: { mean_predicted: Values; fraction_positive: Values; counts: Values } | null;
  };
}

/** test/fixtures/curves/binary.json, written by scripts/fixtures/make_curve_fixtures.py from scikit-learn 1.2.1. */
const fixture = JSON.parse(readFileSync(new URL("../fixtures/curves/binary.json", import.meta.url), "utf8")) as {
  sklearn: string;
  cases: CurveCase[];
};

const prepared = fixture.cases.map((c) => {
  const scores = Float64Array.from(c.scores as number[]);
  return {
    case: c,
    labels: Int32Array.from(c.labels),
    scores,
    weights: weightsOf(c.weights),
    order: rankOrder(scores),
  };
});
const rows = prepared.map((p) => [p.case.name, p] as const);

/** Same length, and each value within 1e-9 relative (null: NaN). */
function expectCloseArray(actual: Float64Array, expected: Values, context: string): void {
  expect(actual.length, `${context} length`).toBe(expected.length);
  expected.forEach((value, index) => {
    expectClose(actual[index] as number, value, `${context}[${index}]`);
  });
}

describe("curves against scikit-learn 1.2.1", () => {
  it("covers weighted and unweighted cases, ties, one-class and undefined values", () => {
    expect(fixture.sklearn).toBe("1.2.1");
    expect(fixture.cases.filter((c) => c.weights !== null).length).toBeGreaterThanOrEqual(10);
    expect(fixture.cases.filter((c) => c.weights?.includes(0)).length).toBeGreaterThanOrEqual(5);
    expect(fixture.cases.filter((c) => c.weights?.some((w) => !Number.isInteger(w))).length).toBeGreaterThanOrEqual(2);
    expect(fixture.cases.filter((c) => c.expected.roc.fpr.includes(null)).length).toBeGreaterThanOrEqual(2);
    expect(fixture.cases.filter((c) => c.expected.roc.tpr.includes(null)).length).toBeGreaterThanOrEqual(2);
    expect(fixture.cases.filter((c) => c.expected.calibration === null).length).toBeGreaterThanOrEqual(1);
    expect(fixture.cases.some((c) => c.labels.length >= 1000)).toBe(true);
    expect(fixture.cases.every((c) => c.labels.length <= 2000)).toBe(true);
  });

  it.each(rows)("%s: roc_curve(drop_intermediate=False)", (name, p) => {
    const curve = rocCurve(p.labels, p.scores, p.order, p.weights);
    const e = p.case.expected.roc;
    expectCloseArray(curve.fpr, e.fpr, `${name} fpr`);
    expectCloseArray(curve.tpr, e.tpr, `${name} tpr`);
    expectCloseArray(curve.thresholds, e.thresholds, `${name} thresholds`);
  });

  it.each(rows)("%s: precision_recall_curve", (name, p) => {
    const curve = precisionRecallCurve(p.labels, p.scores, p.order, p.weights);
    const e = p.case.expected.pr;
    expectCloseArray(curve.precision, e.precision, `${name} precision`);
    expectCloseArray(curve.recall, e.recall, `${name} recall`);
    expectCloseArray(curve.thresholds, e.thresholds, `${name} thresholds`);
  });

  it.each(rows)("%s: calibration_curve(n_bins=10, strategy='uniform'), or its weighted analogue", (name, p) => {
    const e = p.case.expected.calibration;
    if (e === null) {
      expect(() => calibrationCurve(p.labels, p.scores, p.weights)).toThrow(/outside \[0, 1\]/);
      return;
    }
    const curve = calibrationCurve(p.labels, p.scores, p.weights);
    expectCloseArray(curve.meanPredicted, e.mean_predicted, `${name} meanPredicted`);
    expectCloseArray(curve.fractionPositive, e.fraction_positive, `${name} fractionPositive`);
    expectCloseArray(curve.counts, e.counts, `${name} counts`);
  });

  it.each(rows)("%s: the curves agree with rocAuc and averagePrecision", (name, p) => {
    const { fpr, tpr } = rocCurve(p.labels, p.scores, p.order, p.weights);
    let area = 0;
    for (let j = 1; j < fpr.length; j++) {
      area += (((fpr[j] as number) - (fpr[j - 1] as number)) * ((tpr[j] as number) + (tpr[j - 1] as number))) / 2;
    }
    const auc = rocAuc(p.labels, p.scores, p.order, p.weights);
    expectClose(area, Number.isNaN(auc) ? null : auc, `${name} trapezoid under roc`);

    const { precision, recall } = precisionRecallCurve(p.labels, p.scores, p.order, p.weights);
    let ap = 0;
    for (let j = 0; j < recall.length - 1; j++) {
      ap += ((recall[j] as number) - (recall[j + 1] as number)) * (precision[j] as number);
    }
    // average_precision_score is 0, not −Σ…, when no row is positive (recall is set to 1 there)
    if ((p.case.expected.roc.tpr[0] ?? null) === null) ap = 0;
    expectClose(ap, averagePrecision(p.labels, p.scores, p.order, p.weights), `${name} AP from the pr curve`);
  });
});

describe("curve edge cases", () => {
  const labels = Int32Array.from([0, 1, 1]);
  const scores = Float64Array.from([0.3, 0.6, 0.2]);
  const order = rankOrder(scores);

  it("returns empty curves when no row has weight (scikit-learn raises)", () => {
    const zero = new Float64Array(3);
    const roc = rocCurve(labels, scores, order, zero);
    expect([roc.fpr.length, roc.tpr.length, roc.thresholds.length]).toEqual([0, 0, 0]);
    const pr = precisionRecallCurve(labels, scores, order, zero);
    expect([Array.from(pr.precision), Array.from(pr.recall), pr.thresholds.length]).toEqual([[1], [0], 0]);
    const calibration = calibrationCurve(labels, scores, zero);
    expect(calibration.counts.length).toBe(0);
  });

  it("takes Uint32Array bootstrap counts and Uint8Array labels", () => {
    const counts = Uint32Array.from([2, 0, 1]);
    const roc = rocCurve(Uint8Array.from(labels), scores, order, counts);
    expect(Array.from(roc.thresholds)).toEqual([1.3, 0.3, 0.2]);
    expect(Array.from(roc.fpr)).toEqual([0, 1, 1]);
    expect(Array.from(roc.tpr)).toEqual([0, 0, 1]);
    const calibration = calibrationCurve(labels, scores, counts);
    expect(Array.from(calibration.counts)).toEqual([1, 2]);
  });

  it("checks lengths and rejects scores outside [0, 1] for calibration", () => {
    expect(() => rocCurve(labels, scores, Int32Array.from([0]))).toThrow(/order has 1 entries/);
    expect(() => precisionRecallCurve(labels, scores, order, new Float64Array(2))).toThrow(/weights has 2 entries/);
    expect(() => calibrationCurve(labels, Float64Array.from([0.1, Number.NaN, 0.2]))).toThrow(
      "score NaN at row 1 is outside [0, 1]",
    );
  });
});

describe("thinCurve", () => {
  /** A concave ROC-like curve of n points from (0, 0) to (1, 1), both coordinates non-decreasing. */
  function monotoneCurve(n: number, power = 0.2): { x: Float64Array; y: Float64Array } {
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = i / (n - 1);
      y[i] = (i / (n - 1)) ** power;
    }
    return { x, y };
  }

  it("returns curves of at most maxPoints points whole", () => {
    const x = Float64Array.from([0, 0, 0.5, 1]);
    const y = Float64Array.from([0, 0.5, 0.5, 1]);
    expect(thinCurve(x, y, 4)).toEqual({ x: [0, 0, 0.5, 1], y: [0, 0.5, 0.5, 1] });
  });

  it("keeps the endpoints and at most maxPoints points of a 1M-point ROC curve, monotone", () => {
    const scores = new Float64Array(1_000_000);
    const labels = new Uint8Array(scores.length);
    let seed = 12345;
    /** mulberry32: a small seeded generator, so the curve is the same on every run */
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    for (let i = 0; i < scores.length; i++) {
      labels[i] = random() < 0.3 ? 1 : 0;
      scores[i] = Math.min(1, Math.max(0, random() * 0.7 + (labels[i] as number) * 0.3));
    }
    const order = rankOrder(scores);
    const { fpr, tpr } = rocCurve(labels, scores, order);
    expect(fpr.length).toBeGreaterThan(100_000);
    const thin = thinCurve(fpr, tpr);
    expect(thin.x.length).toBeLessThanOrEqual(200);
    expect(thin.x.length).toBeGreaterThan(100);
    expect([thin.x[0], thin.y[0], thin.x.at(-1), thin.y.at(-1)]).toEqual([0, 0, 1, 1]);
    for (let j = 1; j < thin.x.length; j++) {
      expect(thin.x[j]).toBeGreaterThanOrEqual(thin.x[j - 1] as number);
      expect(thin.y[j]).toBeGreaterThanOrEqual(thin.y[j - 1] as number);
    }

    const pr = precisionRecallCurve(labels, scores, order);
    const thinPr = thinCurve(pr.recall, pr.precision, 100);
    expect(thinPr.x.length).toBeLessThanOrEqual(100);
    expect([thinPr.x[0], thinPr.x.at(-1), thinPr.y.at(-1)]).toEqual([1, 0, 1]);
  });

  it("stays close to the curve: every dropped point is near a kept segment", () => {
    const { x, y } = monotoneCurve(5000);
    const thin = thinCurve(x, y, 200);
    // the kept points are a subsequence, so between two kept points the curve moves < 2/(maxPoints − 2) in L1
    let k = 0;
    for (let i = 0; i < x.length; i++) {
      while (k < thin.x.length - 1 && (thin.x[k + 1] as number) <= (x[i] as number)) k++;
      const gap =
        Math.abs((x[i] as number) - (thin.x[k] as number)) + Math.abs((y[i] as number) - (thin.y[k] as number));
      expect(gap).toBeLessThan(2 / 198 + 1e-12);
    }
  });

  it("leaves out non-finite points (an undefined ROC rate)", () => {
    const nan = Number.NaN;
    expect(thinCurve(Float64Array.from([nan, nan]), Float64Array.from([0, 1]))).toEqual({ x: [], y: [] });
    const { x, y } = monotoneCurve(1000);
    x[0] = nan;
    y[999] = Number.POSITIVE_INFINITY;
    const thin = thinCurve(x, y, 50);
    expect(thin.x[0]).toBe(x[1]);
    expect(thin.y.at(-1)).toBe(y[998]);
    expect(thin.x.every(Number.isFinite) && thin.y.every(Number.isFinite)).toBe(true);
  });

  it("keeps endpoints and the bound for any curve in the unit square, zigzags included (property)", () => {
    const unit = fc.double({ min: 0, max: 1, noNaN: true });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(unit, unit), { minLength: 1, maxLength: 3000 }),
        fc.integer({ min: 2, max: 300 }),
        (points, maxPoints) => {
          const x = Float64Array.from(points.map(([a]) => a));
          const y = Float64Array.from(points.map(([, b]) => b));
          const thin = thinCurve(x, y, maxPoints);
          expect(thin.x.length).toBe(thin.y.length);
          expect(thin.x.length).toBeLessThanOrEqual(Math.max(maxPoints, 1));
          expect([thin.x[0], thin.y[0]]).toEqual([x[0], y[0]]);
          expect([thin.x.at(-1), thin.y.at(-1)]).toEqual([x.at(-1), y.at(-1)]);
          if (points.length <= maxPoints) expect(thin.x).toEqual(Array.from(x));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("keeps monotone curves monotone (property)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.double({ min: 0, max: 1e-2, noNaN: true }), fc.double({ min: 0, max: 1e-2, noNaN: true })),
          {
            minLength: 2,
            maxLength: 2000,
          },
        ),
        fc.integer({ min: 3, max: 100 }),
        (steps, maxPoints) => {
          let cx = 0;
          let cy = 0;
          const x = Float64Array.from(steps.map(([dx]) => (cx += dx)));
          const y = Float64Array.from(steps.map(([, dy]) => (cy += dy)));
          const thin = thinCurve(x, y, maxPoints);
          expect(thin.x.length).toBeLessThanOrEqual(maxPoints);
          for (let j = 1; j < thin.x.length; j++) {
            expect(thin.x[j]).toBeGreaterThanOrEqual(thin.x[j - 1] as number);
            expect(thin.y[j]).toBeGreaterThanOrEqual(thin.y[j - 1] as number);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it("rejects a maxPoints below 2 and mismatched lengths", () => {
    expect(() => thinCurve(new Float64Array(3), new Float64Array(3), 1)).toThrow(/at least 2/);
    expect(() => thinCurve(new Float64Array(3), new Float64Array(2))).toThrow(/y has 2 entries/);
  });
});
