/**
 * The profile of committed CSV files against pandas/numpy (test/fixtures/profile/mixed.json, written by
 * scripts/fixtures/make_profile_fixtures.py): read whole through openTable, and as the merge of each file's
 * profile. Exact statistics to 1e-9; quantiles exact while the sketch is, else within RELATIVE_ACCURACY of the
 * value at that rank; distinct counts within 4 standard errors once estimated; frequent items within their bound.
 */
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { openTable } from "../../src/core/data/index.js";
import {
  type ColumnType,
  DatasetProfile,
  DISTINCT_STANDARD_ERROR,
  EXACT_CAPACITY,
  FREQUENT_CAPACITY,
  type ProfiledSource,
  profileTable,
  RELATIVE_ACCURACY,
} from "../../src/core/profile/index.js";
import { summarizeColumn } from "../../src/core/profile/summary.js";
import { columnOf, expectClose, expectFrequentWithinBound, FIXTURES, keptItems, loadFixture } from "./support.js";

interface NumericExpected {
  type: ColumnType;
  rows: number;
  missing: number;
  invalid: number;
  invalidExamples: { value: string; source: string; line: number }[];
  nan: number;
  positiveInfinity: number;
  negativeInfinity: number;
  count: number;
  mean: number;
  variance: number;
  meanAbs: number;
  min: number;
  max: number;
  quantiles: number[];
  distinct: number;
  histogram: number[];
}

interface TextExpected {
  type: ColumnType;
  rows: number;
  missing: number;
  invalid: number;
  count: number;
  distinct: number;
  counts: [string, number][];
}

interface MixedFixture {
  batchRows: number;
  rows: number;
  sources: ProfiledSource[];
  quantiles: number[];
  histogramBins: number;
  columns: Record<string, NumericExpected | TextExpected>;
}

const fixture = loadFixture<MixedFixture>("mixed.json");
const numericColumns = Object.entries(fixture.columns).filter(
  (entry): entry is [string, NumericExpected] => "quantiles" in entry[1],
);
const textColumns = Object.entries(fixture.columns).filter(
  (entry): entry is [string, TextExpected] => "counts" in entry[1],
);

async function profileOf(spec: string): Promise<DatasetProfile> {
  const table = await openTable(spec, { workspace: FIXTURES, env: {}, batchRows: fixture.batchRows });
  return profileTable(table);
}

/** |q̂ − x| ≤ α|x| for the true (inverted-CDF) quantile x, with room for the rounding of log and pow. */
function expectWithinRelativeAccuracy(actual: number, expected: number, context: string): void {
  expectClose(actual, expected, RELATIVE_ACCURACY * (1 + 1e-9), 0, context);
}

const profiles: Record<string, DatasetProfile> = {};

beforeAll(async () => {
  profiles.whole = await profileOf("mixed-*.csv");
  const merged = await profileOf("mixed-1.csv");
  merged.merge(await profileOf("mixed-2.csv"));
  profiles.merged = merged;
});

describe.each(["whole", "merged"])("the profile of the fixture files (%s) against pandas/numpy", (how) => {
  const profile = () => profiles[how] as DatasetProfile;

  it("has every row, column and source: name, sha256, bytes and rows", () => {
    const p = profile();
    expect(p.rows).toBe(fixture.rows);
    expect([...p.columns.keys()]).toEqual(Object.keys(fixture.columns));
    expect(p.sources).toEqual(fixture.sources);
    const digests = fixture.sources.map((source) => source.digest).sort();
    expect(p.digest).toBe(`sha256:${createHash("sha256").update(digests.join("\n")).digest("hex")}`);
  });

  it.each(numericColumns)("%s: type, counts, invalid examples, moments, min and max", (name, e) => {
    const column = columnOf(profile(), name);
    expect({ type: column.type, rows: column.rows, missing: column.missing, invalid: column.invalid }).toEqual({
      type: e.type,
      rows: e.rows,
      missing: e.missing,
      invalid: e.invalid,
    });
    expect(column.invalidExamples).toEqual(e.invalidExamples);
    const stats = column.numeric;
    if (!stats) return expect.fail("no numeric statistics");
    expect({
      nan: stats.nan,
      positiveInfinity: stats.positiveInfinity,
      negativeInfinity: stats.negativeInfinity,
    }).toEqual({ nan: e.nan, positiveInfinity: e.positiveInfinity, negativeInfinity: e.negativeInfinity });
    expect(stats.moments.count).toBe(e.count);
    expect(stats.sketch.count).toBe(e.count);
    expect(stats.min).toBe(e.min);
    expect(stats.max).toBe(e.max);
    expectClose(stats.moments.mean, e.mean, 1e-9, 0, "mean");
    expectClose(stats.moments.variance, e.variance, 1e-9, 0, "variance");
    expectClose(stats.moments.meanAbs, e.meanAbs, 1e-9, 0, "meanAbs");
  });

  it.each(numericColumns)("%s: quantiles, distinct count and histogram", (name, e) => {
    const stats = columnOf(profile(), name).numeric;
    if (!stats) return expect.fail("no numeric statistics");
    const exact = e.distinct <= EXACT_CAPACITY;
    expect(stats.sketch.isExact).toBe(exact);
    expect(stats.isDistinctExact).toBe(exact);
    fixture.quantiles.forEach((q, i) => {
      const actual = stats.sketch.quantile(q) as number;
      const expected = e.quantiles[i] as number;
      if (exact) expect(actual, `q=${q}`).toBe(expected);
      else expectWithinRelativeAccuracy(actual, expected, `q=${q}`);
    });
    if (exact) expect(stats.distinctEstimate()).toBe(e.distinct);
    else expectClose(stats.distinctEstimate(), e.distinct, 4 * DISTINCT_STANDARD_ERROR, 0, "distinct");
    const histogram = summarizeColumn(columnOf(profile(), name)).histogram;
    if (!histogram) return expect.fail("no histogram");
    expect(histogram.edges).toHaveLength(fixture.histogramBins + 1);
    expect(histogram.edges[0]).toBe(e.min);
    expect(histogram.edges[fixture.histogramBins]).toBe(e.max);
    if (exact) expect(histogram.counts).toEqual(e.histogram);
    else expect(histogram.counts.reduce((sum, count) => sum + count, 0)).toBe(e.count);
  });

  it.each(numericColumns)("%s: the summary agrees with the state and with numpy", (name, e) => {
    const column = columnOf(profile(), name);
    const summary = summarizeColumn(column);
    const exact = e.distinct <= EXACT_CAPACITY;
    expect(summary.presence).toBe((e.rows - e.missing - e.invalid) / e.rows);
    expect(summary.distinctExact).toBe(exact);
    expect(summary.quantileRelativeError).toBe(exact ? 0 : RELATIVE_ACCURACY);
    expectClose(summary.mean as number, e.mean, 1e-9, 0, "mean");
    expectClose(summary.std as number, Math.sqrt(e.variance), 1e-9, 0, "std");
    const quantiles = summary.quantiles ?? {};
    for (const [key, value] of Object.entries(quantiles)) {
      const q = Number(key.slice(1)) / 100;
      const i = fixture.quantiles.indexOf(q);
      expect(i, `${key} is one of the fixture's quantiles`).toBeGreaterThanOrEqual(0);
      if (exact) expect(value, key).toBe(e.quantiles[i]);
      else expectWithinRelativeAccuracy(value, e.quantiles[i] as number, key);
    }
    expect(Object.keys(quantiles)).toEqual(["p1", "p5", "p25", "p50", "p75", "p95", "p99"]);
  });

  it.each(textColumns)("%s: type, counts and frequent items", (name, e) => {
    const column = columnOf(profile(), name);
    expect({ type: column.type, rows: column.rows, missing: column.missing, invalid: column.invalid }).toEqual({
      type: e.type,
      rows: e.rows,
      missing: e.missing,
      invalid: e.invalid,
    });
    const items = column.text;
    if (!items) return expect.fail("no frequent items");
    const truth = new Map(e.counts);
    expectFrequentWithinBound(items, truth, name);
    const summary = summarizeColumn(column);
    if (e.distinct <= FREQUENT_CAPACITY) {
      expect(items.isExact).toBe(true);
      expect(items.items()).toEqual(e.counts);
      expect(summary.top).toEqual(e.counts.slice(0, 10));
      expect(summary.distinct).toBe(e.distinct);
      expect(summary.distinctExact).toBe(true);
    } else {
      expect(items.isExact).toBe(false);
      expect(items.errorBound).toBeGreaterThan(0);
      expectClose(items.distinctEstimate(), e.distinct, 4 * DISTINCT_STANDARD_ERROR, 0, "distinct");
      expect(summary.distinctExact).toBe(false);
      // a value whose count minus the bound beats the 11th true count outranks every value outside the true
      // top 10 (their kept counts never exceed their true counts), so the summary's top 10 must list it
      const cutoff = e.counts[10]?.[1] ?? 0;
      const sure = e.counts.slice(0, 10).filter(([, count]) => count - items.errorBound > cutoff);
      expect(sure.length).toBeGreaterThan(0);
      const top = (summary.top ?? []).map(([value]) => value);
      expect(top).toHaveLength(10);
      for (const [value] of sure) expect(top).toContain(value);
      expect(keptItems(items).size).toBeLessThanOrEqual(FREQUENT_CAPACITY);
    }
  });
});

describe("profiling a file as one shard", () => {
  it("merging into an empty profile changes nothing", async () => {
    const empty = new DatasetProfile();
    const one = await profileOf("mixed-2.csv");
    empty.merge(one);
    const again = await profileOf("mixed-2.csv");
    expect(empty.rows).toBe(again.rows);
    for (const [name, column] of again.columns) {
      const merged = columnOf(empty, name);
      expect(merged.type).toBe(column.type);
      expect(merged.missing).toBe(column.missing);
      expect(merged.numeric?.sketch.toState()).toEqual(column.numeric?.sketch.toState());
      expect(merged.text?.items()).toEqual(column.text?.items());
    }
  });
});
