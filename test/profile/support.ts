/** Shared helpers of the profile tests: batches from memory, tolerances, and profile-to-profile comparisons. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import type { Cell, RecordBatch } from "../../src/core/data/table.js";
import { KEPT_AFTER_REDUCTION } from "../../src/core/profile/frequent-items.js";
import {
  type CellExample,
  type ColumnProfile,
  type DatasetProfile,
  FrequentItems,
  type NumericStats,
} from "../../src/core/profile/index.js";

export const FIXTURES = fileURLToPath(new URL("../fixtures/profile/", import.meta.url));

/** Reads test/fixtures/profile/<name>, written by scripts/fixtures/make_profile_fixtures.py. */
export function loadFixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../fixtures/profile/${name}`, import.meta.url), "utf8")) as T;
}

/** A batch of rows given column-major, as a reader yields it; `firstLine` is the file line of the first row. */
export function batchOf(columns: Record<string, readonly Cell[]>, source = "memory.csv", firstLine = 2): RecordBatch {
  const names = Object.keys(columns);
  const cells = names.map((name) => columns[name] as readonly Cell[]);
  const rowCount = cells[0]?.length ?? 0;
  return { names, columns: cells, rowCount, source, lines: Array.from({ length: rowCount }, (_, i) => firstLine + i) };
}

/** |actual − expected| ≤ rtol·|expected| + atol. */
export function expectClose(actual: number, expected: number, rtol: number, atol = 0, context = ""): void {
  const tolerance = rtol * Math.abs(expected) + atol;
  if (!(Math.abs(actual - expected) <= tolerance)) {
    expect.fail(`${context}: expected ${expected} ± ${tolerance}, got ${actual}`);
  }
}

/** The profile's column, failing the test when it is absent. */
export function columnOf(profile: DatasetProfile, name: string): ColumnProfile {
  const column = profile.columns.get(name);
  if (!column) expect.fail(`no column '${name}' in the profile (has ${[...profile.columns.keys()].join(", ")})`);
  return column;
}

/** Every kept value and count. */
export function keptItems(items: FrequentItems): Map<string, number> {
  return new Map(items.items(Number.POSITIVE_INFINITY));
}

/** HyperLogLog registers (base64) of a summary past its exact phase, read from a copy so the summary stays untouched. */
export function frequentRegisters(items: FrequentItems): string | undefined {
  const copy = new FrequentItems();
  copy.merge(items);
  return copy.toState().distinct;
}

/**
 * The Misra–Gries guarantee against the true counts: the error bound is at most ⌊n / (KEPT_AFTER_REDUCTION + 1)⌋,
 * every kept count is within it below the true count (never above), and every value whose true count exceeds
 * it is kept. While exact, the kept counts are the true counts.
 */
export function expectFrequentWithinBound(
  items: FrequentItems,
  truth: ReadonlyMap<string, number>,
  context = "",
): void {
  let total = 0;
  for (const count of truth.values()) total += count;
  expect(items.count, `${context} total`).toBe(total);
  const bound = items.errorBound;
  expect(bound, `${context} errorBound`).toBeLessThanOrEqual(Math.floor(total / (KEPT_AFTER_REDUCTION + 1)));
  const kept = keptItems(items);
  for (const [value, count] of kept) {
    const real = truth.get(value) ?? 0;
    if (!(count <= real && count >= real - bound)) {
      expect.fail(`${context}: '${value}' kept with ${count}, true count ${real}, error bound ${bound}`);
    }
  }
  for (const [value, count] of truth) {
    if (count > bound && !kept.has(value)) expect.fail(`${context}: '${value}' (count ${count} > ${bound}) dropped`);
  }
  if (items.isExact) {
    expect(bound, `${context} exact errorBound`).toBe(0);
    expect(kept, `${context} exact counts`).toEqual(new Map(truth));
  }
}

/**
 * Moments agree up to rounding: mean within 1e-9 of the data's scale (mean |x|: a mean near zero of large
 * values carries the rounding of the values' size), variance within 1e-9 relative plus 1e-12·scale² (the
 * floor matters only for a constant column, whose rounding leaves a variance near ε²·x² instead of 0).
 */
export function expectSameMoments(actual: NumericStats, expected: NumericStats, context = ""): void {
  const a = actual.moments;
  const e = expected.moments;
  expect(a.count, `${context} count`).toBe(e.count);
  if (e.count === 0) return;
  const scale = e.meanAbs;
  expectClose(a.mean, e.mean, 1e-9, 1e-12 * scale, `${context} mean`);
  expectClose(a.variance, e.variance, 1e-9, 1e-12 * scale * scale, `${context} variance`);
  expectClose(a.meanAbs, e.meanAbs, 1e-9, 0, `${context} meanAbs`);
}

export interface EquivalenceOptions {
  /** Require identical frequent items even once they are no longer exact (merge commutes exactly). */
  identicalFrequent?: boolean;
  /** True value counts per text column, to check inexact summaries against. */
  truth?: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** Every invalid cell per column: examples must be drawn from them. */
  invalidCells?: ReadonlyMap<string, readonly CellExample[]>;
}

/**
 * `actual` (typically merged from shards) describes the same rows as `expected` (typically profiled whole):
 * counts, min, max, NaN/±Inf and sketch states identical, HyperLogLog registers identical, moments to 1e-9,
 * frequent items identical while exact and within their error bound otherwise.
 */
export function expectEquivalentProfiles(
  actual: DatasetProfile,
  expected: DatasetProfile,
  options: EquivalenceOptions = {},
): void {
  expect(actual.rows).toBe(expected.rows);
  expect([...actual.columns.keys()].sort()).toEqual([...expected.columns.keys()].sort());
  for (const [name, e] of expected.columns) {
    const a = columnOf(actual, name);
    const counts = (c: ColumnProfile) => ({ type: c.type, rows: c.rows, missing: c.missing, invalid: c.invalid });
    expect(counts(a), name).toEqual(counts(e));
    expectExamples(a, e, options.invalidCells?.get(name));
    if (e.numeric) {
      const an = a.numeric;
      if (!an) expect.fail(`${name}: no numeric statistics`);
      expectSameNumeric(an, e.numeric, name);
    } else {
      expect(a.numeric, name).toBeUndefined();
    }
    if (e.text) {
      const at = a.text;
      if (!at) expect.fail(`${name}: no frequent items`);
      expectSameFrequent(at, e.text, name, options.identicalFrequent === true, options.truth?.get(name));
    } else {
      expect(a.text, name).toBeUndefined();
    }
  }
}

function expectExamples(actual: ColumnProfile, expected: ColumnProfile, all: readonly CellExample[] | undefined): void {
  expect(actual.invalidExamples.length, `${actual.name} examples`).toBe(expected.invalidExamples.length);
  expect(actual.invalidExamples.length).toBe(Math.min(5, actual.invalid));
  if (!all) return;
  for (const example of [...actual.invalidExamples, ...expected.invalidExamples]) expect(all).toContainEqual(example);
}

function expectSameNumeric(actual: NumericStats, expected: NumericStats, context: string): void {
  const exact = (s: NumericStats) => ({
    nan: s.nan,
    positiveInfinity: s.positiveInfinity,
    negativeInfinity: s.negativeInfinity,
    min: s.min,
    max: s.max,
    sketchCount: s.sketch.count,
    sketchExact: s.sketch.isExact,
    distinctExact: s.isDistinctExact,
    distinct: s.distinctEstimate(),
  });
  expect(exact(actual), context).toEqual(exact(expected));
  expect(actual.sketch.toState(), `${context} sketch`).toEqual(expected.sketch.toState());
  expect(actual.toState().distinct, `${context} HyperLogLog`).toBe(expected.toState().distinct);
  expectSameMoments(actual, expected, context);
}

function expectSameFrequent(
  actual: FrequentItems,
  expected: FrequentItems,
  context: string,
  identical: boolean,
  truth: ReadonlyMap<string, number> | undefined,
): void {
  expect(actual.count, `${context} count`).toBe(expected.count);
  expect(actual.isExact, `${context} exact`).toBe(expected.isExact);
  if (expected.isExact || identical) {
    expect(actual.errorBound, `${context} errorBound`).toBe(expected.errorBound);
    expect(actual.items(Number.POSITIVE_INFINITY), `${context} items`).toEqual(
      expected.items(Number.POSITIVE_INFINITY),
    );
  }
  expect(actual.distinctEstimate(), `${context} distinct`).toBe(expected.distinctEstimate());
  if (!expected.isExact) expect(frequentRegisters(actual), `${context} HyperLogLog`).toBe(frequentRegisters(expected));
  if (truth) {
    expectFrequentWithinBound(actual, truth, `${context} (actual)`);
    expectFrequentWithinBound(expected, truth, `${context} (expected)`);
  }
}
