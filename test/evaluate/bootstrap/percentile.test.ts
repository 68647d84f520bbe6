import { describe, expect, it } from "vitest";
import {
  intervalPercents,
  percentileOfSorted,
  sampleStandardDeviation,
} from "../../../src/core/evaluate/bootstrap/index.js";

// numpy's default (method="linear"): virtual index h = (n − 1)·q with q = p/100,
// then x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]), interpolated from the upper neighbour when the fraction is ≥ 0.5.
describe("percentileOfSorted equals np.percentile (linear)", () => {
  it.each([
    // [1,2,3,4] at 2.5: h = 3·0.025 = 0.075 → 1 + 0.075·(2 − 1) = 1.075
    [[1, 2, 3, 4], 2.5, 1.075],
    // [1,2,3,4] at 97.5: h = 3·0.975 = 2.925 → between 3 and 4, fraction 0.925 → 4 − 0.075·1 = 3.925
    [[1, 2, 3, 4], 97.5, 3.925],
    // median of four: h = 1.5 → (2 + 3)/2
    [[1, 2, 3, 4], 50, 2.5],
    // the ends are the minimum and the maximum (h = 0, h = 3)
    [[1, 2, 3, 4], 0, 1],
    [[1, 2, 3, 4], 100, 4],
    // one value: h = 0 whatever the percentile
    [[7], 2.5, 7],
    [[7], 97.5, 7],
    // sorted [3,1,4,1,5] = [1,1,3,4,5]: 25 → h = 4·0.25 = 1 → x[1] = 1 exactly (no interpolation)
    [[1, 1, 3, 4, 5], 25, 1],
    // 2.5 → h = 0.1, between the two 1s → 1
    [[1, 1, 3, 4, 5], 2.5, 1],
    // 97.5 → h = 3.9, between 4 and 5, fraction 0.9 → 5 − 0.1·1 = 4.9
    [[1, 1, 3, 4, 5], 97.5, 4.9],
    // [0.1,0.2,0.7] at 2.5: h = 0.05 → 0.1 + 0.05·0.1 = 0.105, which numpy prints as 0.10500000000000001
    [[0.1, 0.2, 0.7], 2.5, 0.10500000000000001],
    // at 97.5: h = 1.95 → 0.7 − 0.05·0.5 = 0.675, which numpy prints as 0.6749999999999999 (the upper-side lerp)
    [[0.1, 0.2, 0.7], 97.5, 0.6749999999999999],
  ])("%j at %s → %s", (values, q, expected) => {
    expect(percentileOfSorted(Float64Array.from(values), q)).toBe(expected);
  });

  it("is NaN on an empty array and rejects a percentile outside [0, 100]", () => {
    expect(percentileOfSorted(new Float64Array(0), 50)).toBeNaN();
    expect(() => percentileOfSorted([1, 2], -1)).toThrow(RangeError);
    expect(() => percentileOfSorted([1, 2], 100.5)).toThrow(RangeError);
    expect(() => percentileOfSorted([1, 2], Number.NaN)).toThrow(RangeError);
  });
});

describe("sampleStandardDeviation", () => {
  it("uses ddof 1 (np.std(x, ddof=1))", () => {
    // mean 5, squared deviations sum to 32, 32/7 → √(32/7)
    expect(sampleStandardDeviation([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(Math.sqrt(32 / 7), 15);
    expect(sampleStandardDeviation([3])).toBeNaN();
    expect(sampleStandardDeviation([])).toBeNaN();
  });
});

describe("intervalPercents", () => {
  it("gives the two tails without binary noise", () => {
    expect(intervalPercents(0.95)).toEqual([2.5, 97.5]);
    expect(intervalPercents(0.9)).toEqual([5, 95]);
    expect(intervalPercents(0.99)).toEqual([0.5, 99.5]);
  });
});
