import { readFileSync } from "node:fs";
import { expect } from "vitest";

/** Reads test/fixtures/stats/<name>, written by scripts/fixtures/make_stats_fixtures.py from scipy 1.10.1. */
export function loadFixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../fixtures/stats/${name}`, import.meta.url), "utf8")) as T;
}

// Results below this are treated as zero: scipy's own deep tails are subnormal or underflow there.
const ABSOLUTE_FLOOR = 1e-300;

/** |actual − expected| ≤ floor + rtol·|expected|; `null` in a fixture stands for scipy's NaN. */
export function expectClose(actual: number, expected: number | null, rtol = 1e-9, context = ""): void {
  if (expected === null) {
    expect(actual, context).toBeNaN();
    return;
  }
  const tolerance = ABSOLUTE_FLOOR + rtol * Math.abs(expected);
  if (!(Math.abs(actual - expected) <= tolerance)) {
    expect.fail(`${context}: expected ${expected}, got ${actual} (rtol ${rtol})`);
  }
}
