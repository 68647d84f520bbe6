/**
 * The sketched regime: columns with thousands of distinct values, where the profile keeps log-spaced buckets
 * (numeric) or a Misra–Gries summary (categorical) instead of the values. The fixture holds scipy's exact
 * scores on the raw data and the same quantities recomputed in numpy on the sketch's bucket grid.
 *
 * What is checked, per numeric column:
 * - KS: the reported D is the grid lower bound and [low, high] are the grid bounds (recomputed from the raw
 *   values); scipy's exact D lies in [low, high]; the p-value is kstwo's for D = low.
 * - Wasserstein: the reported score is the distance between the bucket representatives (exact values on a
 *   side the sketch keeps exactly); the bounds are ± the documented slack; scipy's exact score lies inside.
 * - PSI and JS: the bins are the reference deciles snapped up to bucket edges, so the scores must equal those
 *   computed from the raw values on the snapped cuts (to 1e-9). Against scipy on the unsnapped deciles there
 *   is no bound: a cut may move by up to 2 % of its value, which for data far from zero (a mean of 100 with a
 *   std of 15) shifts several percent of a side's mass between neighbouring bins. The scores are only checked
 *   to stay within SNAP_TOLERANCE of scipy's, a fifth of the default 0.1 threshold (at most a third of it is
 *   used by these columns).
 * Per categorical column: the exact L∞ lies in the reported bounds.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { type DriftResult, detectDrift } from "../../src/core/drift/index.js";
import {
  columnOf,
  expectClose,
  expected,
  profiles,
  type SketchedCategorical,
  type SketchedNumeric,
  testOf,
} from "./fixtures.js";

const SNAP_TOLERANCE = 0.02;

const fixture = expected.sketched;
const numeric = Object.entries(fixture.columns).filter((entry): entry is [string, SketchedNumeric] => {
  return entry[1].kind === "numeric";
});
const categorical = Object.entries(fixture.columns).filter((entry): entry is [string, SketchedCategorical] => {
  return entry[1].kind === "categorical";
});

let result: DriftResult;
beforeAll(async () => {
  const { reference, current } = await profiles(fixture);
  result = detectDrift(reference, current);
});

describe("sketched numeric columns", () => {
  it("the fixture holds sketched columns, some with one exact side", () => {
    expect(numeric.length).toBeGreaterThanOrEqual(4);
    expect(numeric.some(([, c]) => c.exactSides.reference !== c.exactSides.current)).toBe(true);
    for (const [name, c] of numeric) {
      expect(columnOf(result, name).exact, name).toBe(false);
      expect(Math.max(c.distinct.reference, c.distinct.current), name).toBeGreaterThan(1000);
    }
  });

  it.each(numeric)("%s: KS bounds contain scipy's D, and the p-value is that of the lower bound", (name, want) => {
    const ks = testOf(columnOf(result, name), "ks");
    expectClose(ks.bounds?.low, want.ks.gridLow, `${name} KS low`);
    expectClose(ks.bounds?.high, want.ks.gridHigh, `${name} KS high`);
    expect(ks.statistic).toBe(ks.bounds?.low);
    expect(want.ks.statistic).toBeGreaterThanOrEqual(ks.bounds?.low as number);
    expect(want.ks.statistic).toBeLessThanOrEqual(ks.bounds?.high as number);
    expectClose(ks.pValue, want.ks.gridPValue, `${name} KS p of the lower bound`);
    expect(ks.method).toBe("asymp");
  });

  it.each(numeric)("%s: Wasserstein on the bucket representatives, bounds contain scipy's", (name, want) => {
    const wasserstein = testOf(columnOf(result, name), "wasserstein");
    expectClose(wasserstein.statistic, want.wasserstein.reported, `${name} Wasserstein`);
    expectClose(wasserstein.bounds?.high, want.wasserstein.reported + want.wasserstein.slack, `${name} high`);
    expectClose(
      wasserstein.bounds?.low,
      Math.max(0, want.wasserstein.reported - want.wasserstein.slack),
      `${name} low`,
    );
    expect(want.wasserstein.exact).toBeGreaterThanOrEqual(wasserstein.bounds?.low as number);
    expect(want.wasserstein.exact).toBeLessThanOrEqual(wasserstein.bounds?.high as number);
  });

  it.each(numeric)("%s: PSI and JS are exact on the snapped decile bins", (name, want) => {
    const column = columnOf(result, name);
    expectClose(testOf(column, "psi").statistic, want.snapped.psi, `${name} PSI (snapped bins)`);
    expectClose(testOf(column, "jensen-shannon").statistic, want.snapped.jensenShannon, `${name} JS (snapped bins)`);
  });

  it.each(numeric)("%s: PSI and JS stay near scipy's on the unsnapped deciles", (name, want) => {
    const column = columnOf(result, name);
    expect(Math.abs(testOf(column, "psi").statistic - want.deciles.psi)).toBeLessThanOrEqual(SNAP_TOLERANCE);
    expect(Math.abs(testOf(column, "jensen-shannon").statistic - want.deciles.jensenShannon)).toBeLessThanOrEqual(
      SNAP_TOLERANCE,
    );
  });

  it.each(numeric)("%s: missing rates stay exact", (name, want) => {
    const column = columnOf(result, name);
    expect(column.reference.values).toBe(want.reference.values);
    expect(column.current.values).toBe(want.current.values);
    expectClose(
      testOf(column, "missing-rate").statistic,
      want.current.missingRate - want.reference.missingRate,
      `${name} missing-rate change`,
    );
  });
});

describe("sketched categorical columns", () => {
  it("the fixture's categorical columns are reduced on both sides", () => {
    expect(categorical.length).toBeGreaterThanOrEqual(2);
    for (const [name] of categorical) expect(columnOf(result, name).exact, name).toBe(false);
  });

  it.each(categorical)("%s: the exact L∞ lies in the reported bounds", (name, want) => {
    const lInfinity = testOf(columnOf(result, name), "l-infinity");
    const bounds = lInfinity.bounds;
    if (!bounds) return expect.fail(`${name}: a sketched L∞ needs bounds`);
    expect(bounds.low).toBeLessThanOrEqual(lInfinity.statistic);
    expect(bounds.high).toBeGreaterThanOrEqual(lInfinity.statistic);
    expect(want.lInfinity.statistic).toBeGreaterThanOrEqual(bounds.low);
    expect(want.lInfinity.statistic).toBeLessThanOrEqual(bounds.high);
  });

  it("names the value whose share changed most when one value dominates the change", () => {
    const [name, want] = categorical.find(([, c]) => c.lInfinity.statistic > 0.1) ?? [];
    if (!name || !want) return expect.fail("the fixture needs a categorical column with a large L∞");
    expect(want.lInfinity.values).toContain(testOf(columnOf(result, name), "l-infinity").value);
  });

  it.each(categorical)("%s: every test still reports a score", (name) => {
    const column = columnOf(result, name);
    expect(column.tests.map((t) => t.test).sort()).toEqual(
      ["chi-square", "jensen-shannon", "l-infinity", "missing-rate", "psi"].sort(),
    );
    for (const test of column.tests) expect(Number.isFinite(test.statistic), test.test).toBe(true);
  });
});

describe("charts of sketched columns", () => {
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

  it.each(numeric)("%s: histogram shares of each side sum to 1", (name) => {
    const chart = columnOf(result, name).chart;
    if (chart?.kind !== "histogram") return expect.fail(`${name}: no histogram`);
    expect(chart.reference).toHaveLength(chart.edges.length - 1);
    expectClose(sum(chart.reference), 1, `${name} reference shares`, 1e-12);
    expectClose(sum(chart.current), 1, `${name} current shares`, 1e-12);
  });

  it.each(categorical)("%s: the ten largest values and the rest as (other)", (name) => {
    const chart = columnOf(result, name).chart;
    if (chart?.kind !== "categories") return expect.fail(`${name}: no categories chart`);
    expect(chart.values).toHaveLength(11);
    expect(chart.values[10]).toBe("(other)");
    expectClose(sum(chart.reference), 1, `${name} reference shares`, 1e-12);
    expectClose(sum(chart.current), 1, `${name} current shares`, 1e-12);
  });
});
