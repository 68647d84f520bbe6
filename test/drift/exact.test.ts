/**
 * The exact regime: every numeric column has at most 1000 distinct values per side and every categorical one
 * at most 512, so both sketches keep every value and each score must be what scipy computes on the raw data.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { type DriftResult, detectDrift } from "../../src/core/drift/index.js";
import { type ExactCase, type ExactColumn, expectClose, expected, profiles, testOf } from "./fixtures.js";

const cases = Object.entries(expected.exact);

describe.each(cases)("exact regime: %s", (name, fixture: ExactCase) => {
  let result: DriftResult;
  beforeAll(async () => {
    const { reference, current } = await profiles(fixture);
    result = detectDrift(reference, current);
  });

  const columns = Object.entries(fixture.columns);

  it("reports every reference column once, and no column only in the current data", () => {
    expect(result.columns.map((c) => c.column).sort()).toEqual(Object.keys(fixture.columns).sort());
    for (const only of fixture.onlyInCurrent) expect(result.columns.some((c) => c.column === only)).toBe(false);
    expect(result.reference.rows).toBe(fixture.rows.reference);
    expect(result.current.rows).toBe(fixture.rows.current);
  });

  it.each(columns)("%s: rows, values and missing rates of both sides", (column, want: ExactColumn) => {
    const got = result.columns.find((c) => c.column === column);
    expect(got?.kind).toBe(want.kind);
    expect(got?.reference.rows).toBe(want.reference.rows);
    expect(got?.reference.values).toBe(want.reference.values);
    expectClose(got?.reference.missingRate, want.reference.missingRate, `${name}.${column} reference missing rate`);
    const current = want.current ?? { rows: fixture.rows.current, values: 0, missingRate: 1 };
    expect(got?.current.rows).toBe(current.rows);
    expect(got?.current.values).toBe(current.values);
    expectClose(got?.current.missingRate, current.missingRate, `${name}.${column} current missing rate`);
    const missing = got && testOf(got, "missing-rate");
    expectClose(missing?.statistic, want.missingRateChange, `${name}.${column} missing-rate change`);
  });

  const numeric = columns.filter(([, c]) => c.kind === "numeric");
  const categorical = columns.filter(([, c]) => c.kind === "categorical");

  if (numeric.length > 0) {
    it.each(numeric)("%s: KS, Wasserstein, PSI and JS equal scipy's on the raw values", (column, want) => {
      const got = result.columns.find((c) => c.column === column);
      if (!got) return expect.fail(`${column} missing`);
      expect(got.exact).toBe(true);
      const ks = testOf(got, "ks");
      expectClose(ks.statistic, want.ks?.statistic as number, `${name}.${column} KS D`);
      expectClose(ks.pValue, want.ks?.pValue as number, `${name}.${column} KS p`);
      expect(ks.method).toBe(want.ks?.method);
      expectClose(testOf(got, "wasserstein").statistic, want.wasserstein as number, `${name}.${column} Wasserstein`);
      expectClose(testOf(got, "psi").statistic, want.psi as number, `${name}.${column} PSI`);
      expectClose(testOf(got, "jensen-shannon").statistic, want.jensenShannon as number, `${name}.${column} JS`);
      for (const test of got.tests) expect(test.bounds, `${column} ${test.test}`).toBeUndefined();
    });
  }

  if (categorical.length > 0) {
    it.each(categorical)("%s: χ², JS, PSI and L∞ equal scipy's on the raw values", (column, want) => {
      const got = result.columns.find((c) => c.column === column);
      if (!got) return expect.fail(`${column} missing`);
      expect(got.exact).toBe(true);
      const chi = testOf(got, "chi-square");
      expectClose(chi.statistic, want.chiSquare?.statistic as number, `${name}.${column} χ²`);
      expectClose(chi.pValue, want.chiSquare?.pValue as number, `${name}.${column} χ² p`);
      expect(chi.dof).toBe(want.chiSquare?.dof);
      expectClose(testOf(got, "jensen-shannon").statistic, want.jensenShannon as number, `${name}.${column} JS`);
      expectClose(testOf(got, "psi").statistic, want.psi as number, `${name}.${column} PSI`);
      const lInfinity = testOf(got, "l-infinity");
      expectClose(lInfinity.statistic, want.lInfinity?.statistic as number, `${name}.${column} L∞`);
      expect(want.lInfinity?.values).toContain(lInfinity.value);
      for (const test of got.tests) expect(test.bounds, `${column} ${test.test}`).toBeUndefined();
    });
  }

  it.each(columns)("%s: deciding tests and verdict under the defaults", (column, want) => {
    const got = result.columns.find((c) => c.column === column);
    if (!got) return expect.fail(`${column} missing`);
    expect(
      got.tests
        .filter((t) => t.deciding)
        .map((t) => t.test)
        .sort(),
    ).toEqual([...want.deciding].sort());
    expect(got.drifted).toBe(want.drifted);
    // a column drifts exactly when one of its deciding tests does
    expect(got.drifted).toBe(got.tests.some((t) => t.deciding && t.drifted));
  });

  it("dataset verdict: drifted columns, their share and the 0.5 rule", () => {
    expect([...result.driftedColumns].sort()).toEqual(fixture.driftedColumns);
    expectClose(result.driftShare, fixture.driftShare, `${name} drift share`);
    expect(result.drift).toBe(fixture.drift);
    expect(result.driftShareThreshold).toBe(0.5);
    expect(result.correction).toBe("none");
  });
});
