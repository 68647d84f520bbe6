/**
 * The sketches on their own: the quantile sketch's stated accuracy against sorted data (exact while at most
 * EXACT_CAPACITY distinct values, else within RELATIVE_ACCURACY of the value at that rank), its merge, and the
 * HyperLogLog's error and merge.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DistinctSketch, hashNumber, hashString } from "../../src/core/profile/distinct-sketch.js";
import {
  DISTINCT_STANDARD_ERROR,
  EXACT_CAPACITY,
  QuantileSketch,
  RELATIVE_ACCURACY,
} from "../../src/core/profile/index.js";
import { expectClose } from "./support.js";

/** Finite values from 1e-300 to 1e300 in magnitude, and zero (no -0: it is the same value as 0). */
const value = fc
  .oneof(
    fc.double({ min: -1e300, max: 1e300, noNaN: true }),
    fc.integer({ min: -50, max: 50 }),
    fc.double({ min: 1, max: 1e6, noNaN: true }),
  )
  .map((x) => (Math.abs(x) < 1e-300 ? 0 : x));

/** A few values, or enough distinct ones to leave the exact phase. */
const sample = fc.oneof(
  fc.array(value, { maxLength: 60 }),
  fc.array(value, { minLength: EXACT_CAPACITY, maxLength: 2500 }),
);

/** The inverted-CDF (lower) quantile of sorted values: the value at rank max(1, ⌈q·n⌉). */
function trueQuantile(sorted: readonly number[], q: number): number {
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] as number;
}

function sketchOf(values: readonly number[]): QuantileSketch {
  const sketch = new QuantileSketch();
  sketch.addAll(Float64Array.from(values), values.length);
  return sketch;
}

describe("the quantile sketch", () => {
  it("is exact up to EXACT_CAPACITY distinct values, then within RELATIVE_ACCURACY at every rank", () => {
    let bucketed = 0;
    fc.assert(
      fc.property(sample, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 5 }), (values, qs) => {
        const sketch = sketchOf(values);
        const sorted = [...values].sort((a, b) => a - b);
        const distinct = new Set(values).size;
        expect(sketch.count).toBe(values.length);
        expect(sketch.isExact).toBe(distinct <= EXACT_CAPACITY);
        if (!sketch.isExact) bucketed++;
        if (values.length === 0) {
          expect(sketch.quantile(0.5)).toBeUndefined();
          return;
        }
        for (const q of [0, 0.001, 0.01, 0.25, 0.5, 0.75, 0.99, 1, ...qs]) {
          const actual = sketch.quantile(q) as number;
          const expected = trueQuantile(sorted, q);
          if (sketch.isExact) expect(actual, `q=${q}`).toBe(expected);
          else expectClose(actual, expected, RELATIVE_ACCURACY * (1 + 1e-9), 0, `q=${q}`);
        }
        const { values: points, counts, total } = sketch.distribution();
        expect(total).toBe(values.length);
        expect(counts.reduce((sum, count) => sum + count, 0)).toBe(values.length);
        const descending = points.findIndex((point, i) => i > 0 && !(point > (points[i - 1] as number)));
        expect(descending, "distribution points ascend strictly").toBe(-1);
      }),
      { numRuns: 40 },
    );
    expect(bucketed).toBeGreaterThan(0);
  });

  it("merged from parts has the state of the whole, and reads back from its state", () => {
    fc.assert(
      fc.property(sample, fc.array(fc.nat(), { maxLength: 4 }), (values, cuts) => {
        const bounds = [0, ...cuts.map((cut) => cut % (values.length + 1)).sort((a, b) => a - b), values.length];
        const merged = new QuantileSketch();
        for (let k = bounds.length - 2; k >= 0; k--) {
          merged.merge(sketchOf(values.slice(bounds[k], bounds[k + 1])));
        }
        const whole = sketchOf(values);
        expect(merged.toState()).toEqual(whole.toState());
        expect(merged.count).toBe(whole.count);
        expect(QuantileSketch.fromState(JSON.parse(JSON.stringify(whole.toState()))).toState()).toEqual(
          whole.toState(),
        );
      }),
      { numRuns: 40 },
    );
  });

  it("puts an exact sketch on the bucket grid to compare it with a bucketed one", () => {
    const values = Array.from({ length: 500 }, (_, i) => (i - 250) * 0.37);
    const exact = sketchOf(values);
    expect(exact.isExact).toBe(true);
    const grid = exact.bucketDistribution();
    expect(grid.exact).toBe(false);
    expect(grid.total).toBe(500);
    const bucketed = sketchOf([...values, ...Array.from({ length: EXACT_CAPACITY + 1 }, (_, i) => 1e6 + i)]);
    const reference = bucketed.distribution();
    // the first buckets of the bucketed sketch hold exactly the 500 values, as on the exact sketch's grid
    expect(Array.from(reference.values.slice(0, grid.values.length))).toEqual(Array.from(grid.values));
    expect(Array.from(reference.counts.slice(0, grid.counts.length))).toEqual(Array.from(grid.counts));
  });
});

describe("the distinct-count sketch", () => {
  it.each([0, 1, 10, 300, 3000, 20_000, 150_000])("estimates %i distinct values within 4 standard errors", (n) => {
    const numbers = new DistinctSketch();
    const strings = new DistinctSketch();
    for (let i = 0; i < n; i++) {
      numbers.addHash(hashNumber(i * 0.37 - 5));
      strings.addHash(hashString(`value ${i}`));
      if (i % 3 === 0) strings.addHash(hashString(`value ${i}`)); // repeats do not count
    }
    expectClose(numbers.estimate(), n, 4 * DISTINCT_STANDARD_ERROR, 0, "numbers");
    expectClose(strings.estimate(), n, 4 * DISTINCT_STANDARD_ERROR, 0, "strings");
  });

  it("treats -0 and 0 as one value", () => {
    expect(hashNumber(-0)).toBe(hashNumber(0));
    expect(hashNumber(1)).not.toBe(hashNumber(-1));
  });

  it("merges to the sketch of the union, in any order, and reads back from its state", () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 200 }), fc.array(fc.string(), { maxLength: 200 }), (a, b) => {
        const of = (values: readonly string[]) => {
          const sketch = new DistinctSketch();
          for (const v of values) sketch.addHash(hashString(v));
          return sketch;
        };
        const ab = of(a);
        ab.merge(of(b));
        const ba = of(b);
        ba.merge(of(a));
        const union = of([...a, ...b]);
        // base64 of the registers: one string comparison instead of 4096 element comparisons
        expect(ab.toState()).toBe(union.toState());
        expect(ba.toState()).toBe(union.toState());
        expect(DistinctSketch.fromState(union.toState())?.toState()).toBe(union.toState());
      }),
      { numRuns: 30 },
    );
    expect(DistinctSketch.fromState("AAAA")).toBeUndefined();
  });
});
