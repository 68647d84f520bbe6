/**
 * Moments of data far from zero (test/fixtures/profile/moments.json: numpy's mean, population variance and
 * mean |x| of 1e9 + noise and similar samples). In one pass the variance is within 1e-6 of numpy's. Combining
 * many small batches (Chan et al.) rounds each running mean to the data's ulp, so there the bound is
 * max(1e-6, ε·|mean|/std): the relative size of one ulp of the data against its spread.
 */
import { describe, expect, it } from "vitest";
import { DatasetProfile } from "../../src/core/profile/index.js";
import { Moments } from "../../src/core/profile/moments.js";
import { seededRandom } from "../../src/core/seeded-random.js";
import { batchOf, columnOf, expectClose, loadFixture } from "./support.js";

interface MomentsCase {
  name: string;
  values: number[];
  mean: number;
  variance: number;
  meanAbs: number;
}

const { cases } = loadFixture<{ cases: MomentsCase[] }>("moments.json");

function momentsOf(values: readonly number[], sizes: readonly number[]): Moments {
  const moments = new Moments();
  for (let start = 0, k = 0; start < values.length; k++) {
    const size = sizes[k % sizes.length] as number;
    const part = Float64Array.from(values.slice(start, start + size));
    moments.addBatch(part, part.length);
    start += size;
  }
  return moments;
}

function expectNumpy(moments: Moments, c: MomentsCase, varianceTolerance: number): void {
  expect(moments.count).toBe(c.values.length);
  expectClose(moments.mean, c.mean, 0, 1e-12 * c.meanAbs, "mean");
  expectClose(moments.meanAbs, c.meanAbs, 1e-12, 0, "meanAbs");
  expectClose(moments.variance, c.variance, varianceTolerance, 0, "variance");
  const n = c.values.length;
  expectClose(moments.sampleVariance, (c.variance * n) / (n - 1), varianceTolerance, 0, "sample variance");
}

/** One ulp of the data relative to its standard deviation, or 1e-6 if that is larger. */
function combinedTolerance(c: MomentsCase): number {
  return Math.max(1e-6, (Number.EPSILON * Math.abs(c.mean)) / Math.sqrt(c.variance));
}

const farFromZero = cases.filter((c) => Math.abs(c.mean) > 1e6 * Math.sqrt(c.variance));

it("has cases far from zero, where the textbook E[x²] − E[x]² is off by more than 1%", () => {
  expect(farFromZero.length).toBeGreaterThanOrEqual(3);
  for (const c of farFromZero) {
    let sumSquares = 0;
    for (const value of c.values) sumSquares += value * value;
    const naive = sumSquares / c.values.length - c.mean * c.mean;
    expect(Math.abs(naive - c.variance) / c.variance, c.name).toBeGreaterThan(1e-2);
  }
});

describe.each(cases.map((c) => [c.name, c] as const))("moments of %s against numpy", (_, c) => {
  it("in one batch: variance within 1e-6", () => {
    expectNumpy(momentsOf(c.values, [c.values.length]), c, 1e-6);
  });

  it.each([[[1]], [[7]], [[100]], [[2000]], [[1, 500, 13, 3000]]])(
    "in batches of %j: within max(1e-6, ε·|mean|/std)",
    (sizes) => {
      expectNumpy(momentsOf(c.values, sizes), c, combinedTolerance(c));
    },
  );

  it("through the profile: text cells in the reader's default batches, and as merged shards", () => {
    const cells = c.values.map((value) => String(value));
    const whole = new DatasetProfile();
    for (let start = 0; start < cells.length; start += 16_384) {
      whole.addBatch(batchOf({ v: cells.slice(start, start + 16_384) }));
    }
    const stats = columnOf(whole, "v").numeric;
    if (!stats) return expect.fail("no numeric statistics");
    expectNumpy(stats.moments, c, 1e-6);
    expect(stats.min).toBe(Math.min(...c.values));
    expect(stats.max).toBe(Math.max(...c.values));

    const random = seededRandom(c.values.length);
    const merged = new DatasetProfile();
    for (let start = 0; start < cells.length; ) {
      const size = 1 + Math.floor(random() * 1500);
      const shard = new DatasetProfile();
      shard.addBatch(batchOf({ v: cells.slice(start, start + size) }));
      merged.merge(shard);
      start += size;
    }
    const mergedStats = columnOf(merged, "v").numeric;
    if (!mergedStats) return expect.fail("no numeric statistics");
    expectNumpy(mergedStats.moments, c, combinedTolerance(c));
  });
});

describe("combining moments", () => {
  it("from state gives the same moments, and combining an empty state changes nothing", () => {
    const c = cases[0] as MomentsCase;
    const moments = momentsOf(c.values, [333]);
    const copy = Moments.fromState(moments.toState());
    expect(copy.toState()).toEqual(moments.toState());
    copy.combine(new Moments().toState());
    expect(copy.toState()).toEqual(moments.toState());
    expect(new Moments().variance).toBeNaN();
    expect(momentsOf([5], [1]).sampleVariance).toBeNaN();
    expect(momentsOf([5], [1]).variance).toBe(0);
  });
});
