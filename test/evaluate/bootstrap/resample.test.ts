import { describe, expect, it } from "vitest";
import { resampleCounts } from "../../../src/core/evaluate/bootstrap/index.js";
import { seededRandom } from "../../../src/core/seeded-random.js";
import { chi2Sf } from "../../../src/core/stats/index.js";

function sum(counts: Uint32Array): number {
  let total = 0;
  for (const c of counts) total += c;
  return total;
}

describe("resampleCounts", () => {
  it.each([1, 2, 37, 1000])("draws exactly n rows per replicate (n = %d), reusing the buffer", (n) => {
    const counts = new Uint32Array(n).fill(9);
    const random = seededRandom(n);
    for (let replicate = 0; replicate < 20; replicate++) {
      resampleCounts(counts, random);
      expect(sum(counts)).toBe(n);
    }
  });

  it("is reproducible from the seed", () => {
    const a = new Uint32Array(100);
    const b = new Uint32Array(100);
    resampleCounts(a, seededRandom(5));
    resampleCounts(b, seededRandom(5));
    expect(b).toEqual(a);
    resampleCounts(b, seededRandom(6));
    expect(b).not.toEqual(a);
  });

  it("draws every row equally often (chi-square over the total draws of 2000 replicates)", () => {
    const n = 37;
    const replicates = 2000;
    const counts = new Uint32Array(n);
    const totals = new Float64Array(n);
    const random = seededRandom(20240601);
    for (let replicate = 0; replicate < replicates; replicate++) {
      resampleCounts(counts, random);
      for (let i = 0; i < n; i++) totals[i] = (totals[i] as number) + (counts[i] as number);
    }
    const expected = replicates; // n·replicates draws over n rows
    let statistic = 0;
    for (const total of totals) statistic += (total - expected) ** 2 / expected;
    // Under uniformity the statistic is χ² with n − 1 = 36 degrees of freedom (mean 36).
    expect(chi2Sf(statistic, n - 1)).toBeGreaterThan(0.01);
    expect(statistic).toBeGreaterThan(10); // not suspiciously even: the draws are random
  });

  it("leaves out about 1/e of the rows in each replicate, as sampling with replacement does", () => {
    const n = 1000;
    const counts = new Uint32Array(n);
    const random = seededRandom(77);
    let drawnFraction = 0;
    const replicates = 200;
    for (let replicate = 0; replicate < replicates; replicate++) {
      resampleCounts(counts, random);
      let drawn = 0;
      for (const c of counts) if (c > 0) drawn++;
      drawnFraction += drawn / n / replicates;
    }
    // E[fraction drawn] = 1 − (1 − 1/n)^n ≈ 0.6323 at n = 1000
    expect(drawnFraction).toBeCloseTo(1 - (1 - 1 / n) ** n, 2);
  });
});
