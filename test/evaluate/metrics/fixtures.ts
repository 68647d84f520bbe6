import { readFileSync } from "node:fs";
import { expect } from "vitest";

/** Reads test/fixtures/metrics/<name>, written by scripts/fixtures/make_metric_fixtures.py from scikit-learn 1.2.1. */
export function loadFixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../fixtures/metrics/${name}`, import.meta.url), "utf8")) as T;
}

export const RTOL = 1e-9;
export const ATOL = 1e-12;

/** |actual − expected| ≤ atol + rtol·|expected|; `null` in a fixture stands for scikit-learn's NaN or error. */
export function expectClose(actual: number, expected: number | null, context = "", rtol = RTOL, atol = ATOL): void {
  if (expected === null) {
    if (!Number.isNaN(actual)) expect.fail(`${context}: expected NaN (undefined in scikit-learn), got ${actual}`);
    return;
  }
  if (!(Math.abs(actual - expected) <= atol + rtol * Math.abs(expected))) {
    expect.fail(`${context}: expected ${expected}, got ${actual} (rtol ${rtol}, atol ${atol})`);
  }
}

export const weightsOf = (weights: number[] | null): Float64Array | undefined =>
  weights === null ? undefined : Float64Array.from(weights);
