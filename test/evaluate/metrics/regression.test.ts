import { describe, expect, it } from "vitest";
import { mae, mape, r2, rmse } from "../../../src/core/evaluate/metrics/index.js";
import { expectClose, loadFixture, weightsOf } from "./fixtures.js";

interface RegressionCase {
  name: string;
  y: number[];
  predicted: number[];
  weights: number[] | null;
  expected: Record<"rmse" | "mae" | "r2" | "mape", number | null>;
}

const fixture = loadFixture<{ sklearn: string; cases: RegressionCase[] }>("regression.json");

const rows = fixture.cases.map(
  (c) =>
    [
      c.name,
      { case: c, y: Float64Array.from(c.y), p: Float64Array.from(c.predicted), w: weightsOf(c.weights) },
    ] as const,
);

describe("regression metrics against scikit-learn 1.2.1", () => {
  it("covers constant targets, zero targets and weights", () => {
    expect(fixture.sklearn).toBe("1.2.1");
    expect(fixture.cases.some((c) => c.y.includes(0) && (c.expected.mape ?? 0) > 1e12)).toBe(true);
    expect(fixture.cases.some((c) => new Set(c.y).size === 1 && c.expected.r2 === 0)).toBe(true);
    expect(fixture.cases.some((c) => new Set(c.y).size === 1 && c.expected.r2 === 1)).toBe(true);
    expect(fixture.cases.filter((c) => c.weights?.includes(0)).length).toBeGreaterThanOrEqual(5);
  });

  it.each(rows)("%s", (name, { case: c, y, p, w }) => {
    expectClose(rmse(y, p, w), c.expected.rmse, `${name} rmse`);
    expectClose(mae(y, p, w), c.expected.mae, `${name} mae`);
    expectClose(r2(y, p, w), c.expected.r2, `${name} r2`);
    expectClose(mape(y, p, w), c.expected.mape, `${name} mape`);
  });

  it("r2 counts samples as the total weight: one row drawn twice is a resample of two", () => {
    const y = Float64Array.from([3, 5]);
    const p = Float64Array.from([3, 4]);
    expect(r2(y, p, Float64Array.from([2, 0]))).toBe(1);
    expect(r2(y, p, Float64Array.from([0, 2]))).toBe(0);
    expect(r2(y, p, Float64Array.from([0, 1]))).toBeNaN();
  });

  it("is NaN for a zero total weight", () => {
    const y = Float64Array.from([1, 2]);
    const zero = new Float64Array(2);
    for (const f of [rmse, mae, r2, mape]) expect(f(y, y, zero)).toBeNaN();
  });

  it("checks lengths", () => {
    expect(() => rmse(Float64Array.from([1, 2]), Float64Array.from([1]))).toThrow(/predicted has 1 entries/);
    expect(() => mae(Float64Array.from([1]), Float64Array.from([1]), new Float64Array(3))).toThrow(/weights/);
  });
});
