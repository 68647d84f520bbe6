/**
 * How detectDrift decides: default tests by reference size, the `tests`, `threshold`, `driftShare`,
 * `correction` and `columns` options, columns missing on one side, date and retyped columns, severity order
 * and charts. Expected scores come from the fixtures (scipy); other expectations follow from how the small
 * CSV files written here are built.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openTable } from "../../src/core/data/index.js";
import {
  type ColumnDrift,
  type DriftResult,
  type DriftTestName,
  type DriftTestResult,
  detectDrift,
} from "../../src/core/drift/index.js";
import { type DatasetProfile, profileTable } from "../../src/core/profile/index.js";
import { tempDir } from "../support/temp.js";
import { columnOf, type ExactCase, type ExactColumn, expectClose, expected, profiles, testOf } from "./fixtures.js";

const loaded = new Map<string, Promise<{ reference: DatasetProfile; current: DatasetProfile }>>();

/** The profiles of an exact-regime case (profiled once; detectDrift does not change them). */
function load(name: string) {
  const fixture = expected.exact[name];
  if (!fixture) throw new Error(`no fixture case ${name}`);
  let pair = loaded.get(name);
  if (!pair) {
    pair = profiles(fixture);
    loaded.set(name, pair);
  }
  return pair;
}

function fixtureOf(name: string): ExactCase {
  const fixture = expected.exact[name];
  if (!fixture) throw new Error(`no fixture case ${name}`);
  return fixture;
}

async function drift(name: string, options: Parameters<typeof detectDrift>[2] = {}): Promise<DriftResult> {
  const { reference, current } = await load(name);
  return detectDrift(reference, current, options);
}

async function writeCsv(dir: string, file: string, header: string[], rows: (string | number)[][]) {
  await writeFile(join(dir, file), `${[header.join(","), ...rows.map((row) => row.join(","))].join("\n")}\n`);
  return profileTable(await openTable(file, { workspace: dir, env: {} }));
}

/** The next double above a positive number. */
function nextUp(x: number): number {
  const float = new Float64Array([x]);
  const bits = new BigInt64Array(float.buffer);
  bits[0] = (bits[0] as bigint) + 1n;
  return float[0] as number;
}

function decidingNames(column: ColumnDrift): DriftTestName[] {
  return column.tests
    .filter((t) => t.deciding)
    .map((t) => t.test)
    .sort();
}

/** The fixture's score of a test (scipy's value), for the tests the fixture records. */
function fixtureScore(column: ExactColumn, test: DriftTestName): { statistic: number; pValue?: number } {
  switch (test) {
    case "ks":
      return { statistic: column.ks?.statistic as number, pValue: column.ks?.pValue as number };
    case "chi-square":
      return { statistic: column.chiSquare?.statistic as number, pValue: column.chiSquare?.pValue as number };
    case "wasserstein":
      return { statistic: column.wasserstein as number };
    case "psi":
      return { statistic: column.psi as number };
    case "jensen-shannon":
      return { statistic: column.jensenShannon as number };
    case "l-infinity":
      return { statistic: column.lInfinity?.statistic as number };
    case "missing-rate":
      return { statistic: column.missingRateChange };
  }
}

const P_TESTS: readonly DriftTestName[] = ["ks", "chi-square"];

describe("default deciding tests", () => {
  // 1000 values (plus missing cells) is still a small reference; 1001 values is not
  async function sized(values: number) {
    const dir = await tempDir("mlgate-drift-");
    const rows = (n: number, missing: number) =>
      Array.from({ length: n + missing }, (_, i) => (i < n ? [(i % 97) * 0.5, `k${i % 7}`] : ["", ""]));
    const reference = await writeCsv(dir, "ref.csv", ["x", "c"], rows(values, 3));
    const current = await writeCsv(dir, "cur.csv", ["x", "c"], rows(800, 0));
    return detectDrift(reference, current);
  }

  it("a reference of at most 1000 values is decided by KS and χ² (and the missing rate)", async () => {
    const result = await sized(1000);
    expect(columnOf(result, "x").reference.values).toBe(1000);
    expect(decidingNames(columnOf(result, "x"))).toEqual(["ks", "missing-rate"]);
    expect(decidingNames(columnOf(result, "c"))).toEqual(["chi-square", "missing-rate"]);
  });

  it("a reference of more than 1000 values is decided by Wasserstein and JS (and the missing rate)", async () => {
    const result = await sized(1001);
    expect(columnOf(result, "x").reference.values).toBe(1001);
    expect(decidingNames(columnOf(result, "x"))).toEqual(["missing-rate", "wasserstein"]);
    expect(decidingNames(columnOf(result, "c"))).toEqual(["jensen-shannon", "missing-rate"]);
  });

  it("non-deciding tests are reported with their raw score and their own default verdict", async () => {
    for (const name of ["mean-shift", "scale-change", "large-asymp", "new-category"]) {
      const result = await drift(name);
      for (const [columnName, want] of Object.entries(fixtureOf(name).columns)) {
        const column = columnOf(result, columnName);
        const expectedTests =
          want.kind === "numeric"
            ? ["jensen-shannon", "ks", "missing-rate", "psi", "wasserstein"]
            : ["chi-square", "jensen-shannon", "l-infinity", "missing-rate", "psi"];
        expect(column.tests.map((t) => t.test).sort()).toEqual(expectedTests);
        for (const test of column.tests.filter((t) => !t.deciding)) {
          const score = fixtureScore(want, test.test);
          const verdict = P_TESTS.includes(test.test)
            ? (score.pValue as number) < 0.05
            : Math.abs(score.statistic) >= 0.1;
          expect(test.drifted, `${name}.${columnName} ${test.test}`).toBe(verdict);
          expect(test.adjustedPValue).toBeUndefined();
        }
      }
    }
  });
});

describe("the missing rate", () => {
  async function missingCase(refMissing: number, curMissing: number, options = {}) {
    const dir = await tempDir("mlgate-drift-");
    // an id column keeps rows with a missing x from being blank lines
    const rows = (missing: number) => Array.from({ length: 100 }, (_, i) => [i, i < missing ? "" : i % 10]);
    const reference = await writeCsv(dir, "ref.csv", ["id", "x"], rows(refMissing));
    const current = await writeCsv(dir, "cur.csv", ["id", "x"], rows(curMissing));
    return testOf(columnOf(detectDrift(reference, current, options), "x"), "missing-rate");
  }

  it("decides at a change of at least 0.1 either way", async () => {
    const at = await missingCase(0, 10);
    expect(at.statistic).toBe(10 / 100);
    expect(at.deciding).toBe(true);
    expect(at.drifted).toBe(true);
    expect((await missingCase(0, 9)).drifted).toBe(false);
    const down = await missingCase(10, 0);
    expect(down.statistic).toBe(-10 / 100);
    expect(down.drifted).toBe(true);
  });

  it("keeps its 0.1 threshold whatever `threshold` says", async () => {
    const test = await missingCase(0, 10, { threshold: 0.5 });
    expect(test.threshold).toBe(0.1);
    expect(test.drifted).toBe(true);
  });

  it("does not decide when `tests` leaves it out, but is still reported", async () => {
    const test = await missingCase(0, 30, { tests: ["ks"] });
    expect(test.deciding).toBe(false);
    expect(test.drifted).toBe(true);
  });

  it("a column empty in the current file drifts by its whole missing rate", async () => {
    const dir = await tempDir("mlgate-drift-");
    const reference = await writeCsv(
      dir,
      "ref.csv",
      ["x", "y"],
      Array.from({ length: 50 }, (_, i) => [i, i]),
    );
    const current = await writeCsv(
      dir,
      "cur.csv",
      ["x", "y"],
      Array.from({ length: 40 }, (_, i) => [i, ""]),
    );
    const column = columnOf(detectDrift(reference, current), "y");
    expect(column.kind).toBe("missing-rate only");
    expect(column.tests.map((t) => t.test)).toEqual(["missing-rate"]);
    expect(testOf(column, "missing-rate").statistic).toBe(1);
    expect(column.drifted).toBe(true);
  });
});

describe("the `tests` and `threshold` options", () => {
  it("`tests` chooses the deciding tests of every column they apply to", async () => {
    const fixture = fixtureOf("mean-shift");
    const result = await drift("mean-shift", { tests: ["psi"] });
    for (const [name, want] of Object.entries(fixture.columns)) {
      const column = columnOf(result, name);
      expect(decidingNames(column)).toEqual(["psi"]);
      expect(column.drifted, name).toBe((want.psi as number) >= 0.1);
    }
  });

  it("p-value tests decide a large reference when asked to", async () => {
    const fixture = fixtureOf("scale-change");
    const result = await drift("scale-change", { tests: ["ks", "chi-square", "missing-rate"] });
    for (const [name, want] of Object.entries(fixture.columns)) {
      const column = columnOf(result, name);
      const p = (want.ks ?? want.chiSquare)?.pValue as number;
      expect(column.drifted, name).toBe(p < 0.05 || Math.abs(want.missingRateChange) >= 0.1);
    }
  });

  it("a column none of the chosen tests applies to is not counted in the drift share", async () => {
    const result = await drift("mean-shift", { tests: ["l-infinity"] });
    const fixture = fixtureOf("mean-shift");
    const categorical = Object.entries(fixture.columns).filter(([, c]) => c.kind === "categorical");
    for (const column of result.columns) {
      const isCategorical = categorical.some(([name]) => name === column.column);
      expect(decidingNames(column)).toEqual(isCategorical ? ["l-infinity"] : []);
      if (!isCategorical) expect(column.drifted).toBe(false);
    }
    const drifted = categorical.filter(([, c]) => (c.lInfinity?.statistic as number) >= 0.1).length;
    expect(result.driftShare).toBe(drifted / categorical.length);

    const none = await drift("ties", { tests: ["chi-square"] });
    expect(none.drift).toBe(false);
    expect(none.driftShare).toBe(0);
    expect(none.driftedColumns).toEqual([]);
  });

  it("`threshold`: a distance drifts at a score equal to it, not just below", async () => {
    const base = await drift("scale-change");
    const score = testOf(columnOf(base, "x"), "wasserstein").statistic;
    const at = testOf(columnOf(await drift("scale-change", { threshold: score }), "x"), "wasserstein");
    expect(at.threshold).toBe(score);
    expect(at.drifted).toBe(true);
    const above = testOf(columnOf(await drift("scale-change", { threshold: nextUp(score) }), "x"), "wasserstein");
    expect(above.drifted).toBe(false);
  });

  it("`threshold`: a p-value drifts strictly below it", async () => {
    const base = await drift("graded-shifts");
    const p = testOf(columnOf(base, "s4"), "ks").pValue as number;
    expectClose(p, fixtureOf("graded-shifts").columns.s4?.ks?.pValue as number, "s4 KS p");
    const at = await drift("graded-shifts", { threshold: p });
    expect(testOf(columnOf(at, "s4"), "ks").drifted).toBe(false);
    expect(testOf(columnOf(await drift("graded-shifts", { threshold: nextUp(p) }), "s4"), "ks").drifted).toBe(true);
    // the deciding KS and χ² tests take it; non-deciding tests and the missing rate keep their defaults
    for (const column of at.columns) {
      for (const test of column.tests) {
        const replaced = test.deciding && test.test !== "missing-rate";
        expect(test.threshold, `${column.column} ${test.test}`).toBe(replaced ? p : 0.1);
        if (replaced) expect(P_TESTS).toContain(test.test);
      }
    }
  });
});

describe("multiple-testing corrections", () => {
  const withCorrections = Object.entries(expected.exact).filter(([, c]) => Object.keys(c.corrections).length > 0);

  it("the fixtures have cases where a correction changes the verdict", () => {
    const graded = fixtureOf("graded-shifts");
    const bh = graded.corrections["benjamini-hochberg"] ?? {};
    const raw = Object.entries(graded.columns).filter(([, c]) => ((c.ks ?? c.chiSquare)?.pValue as number) < 0.05);
    const adjusted = Object.values(bh).filter((p) => p < 0.05);
    expect(adjusted.length).toBeLessThan(raw.length);
  });

  for (const correction of ["bonferroni", "benjamini-hochberg"] as const) {
    it.each(withCorrections)(`${correction}: %s`, async (name, fixture) => {
      const result = await drift(name, { correction });
      expect(result.correction).toBe(correction);
      const want = fixture.corrections[correction] ?? {};
      for (const column of result.columns) {
        const deciding = column.tests.filter((t) => t.deciding && P_TESTS.includes(t.test));
        const adjusted = want[column.column];
        if (adjusted === undefined) {
          expect(deciding).toEqual([]);
        } else {
          expect(deciding).toHaveLength(1);
          expectClose(deciding[0]?.adjustedPValue, adjusted, `${name}.${column.column} ${correction}`);
          expect(deciding[0]?.drifted).toBe(adjusted < 0.05);
        }
        for (const test of column.tests.filter((t) => !deciding.includes(t))) {
          expect(test.adjustedPValue, `${column.column} ${test.test}`).toBeUndefined();
        }
        const missing = Math.abs(fixture.columns[column.column]?.missingRateChange as number) >= 0.1;
        expect(column.drifted).toBe((adjusted !== undefined && adjusted < 0.05) || missing);
      }
    });
  }

  it("no correction leaves the p-values alone", async () => {
    const result = await drift("graded-shifts", { correction: "none" });
    for (const column of result.columns) for (const test of column.tests) expect(test.adjustedPValue).toBeUndefined();
  });
});

describe("the dataset verdict", () => {
  it("drifts when the share of drifted columns reaches `driftShare`", async () => {
    const fixture = fixtureOf("graded-shifts");
    const base = await drift("graded-shifts");
    expectClose(base.driftShare, fixture.driftShare, "drift share");
    const at = await drift("graded-shifts", { driftShare: base.driftShare });
    expect(at.drift).toBe(true);
    expect(at.driftShareThreshold).toBe(base.driftShare);
    expect((await drift("graded-shifts", { driftShare: nextUp(base.driftShare) })).drift).toBe(false);
  });

  it("reports the profiles' rows and digests", async () => {
    const { reference, current } = await load("no-drift");
    const result = detectDrift(reference, current);
    expect(result.reference).toEqual({ rows: reference.rows, digest: reference.digest });
    expect(result.current).toEqual({ rows: current.rows, digest: current.digest });
    expect(result.reference.digest).not.toBe(result.current.digest);
  });
});

describe("which columns", () => {
  it("`columns` limits the comparison and the drift share to the columns named", async () => {
    const fixture = fixtureOf("graded-shifts");
    const chosen = ["s7", "s0", "c1"];
    const result = await drift("graded-shifts", { columns: chosen });
    expect(result.columns.map((c) => c.column).sort()).toEqual([...chosen].sort());
    const drifted = chosen.filter((name) => fixture.columns[name]?.drifted);
    expect([...result.driftedColumns].sort()).toEqual(drifted.sort());
    expect(result.driftShare).toBe(drifted.length / chosen.length);
  });

  it("a column gone from the current data drifts by its missing rate", async () => {
    const want = fixtureOf("schema-changes").columns.gone as ExactColumn;
    const column = columnOf(await drift("schema-changes"), "gone");
    expect(column.kind).toBe("missing-rate only");
    expect(column.note).toBe("not in the current data");
    expect(column.type).toBe("float");
    expect(column.tests.map((t) => t.test)).toEqual(["missing-rate"]);
    expectClose(testOf(column, "missing-rate").statistic, 1 - want.reference.missingRate, "gone: 1 − reference rate");
    expect(column.drifted).toBe(true);
    expect(column.chart).toBeUndefined();
  });

  it("a column only in the current data is reported only when named, and then not tested", async () => {
    const fixture = fixtureOf("schema-changes");
    expect(fixture.onlyInCurrent).toEqual(["extra"]);
    const all = await drift("schema-changes");
    expect(all.columns.some((c) => c.column === "extra")).toBe(false);
    const named = await drift("schema-changes", { columns: ["a", "extra"] });
    const extra = columnOf(named, "extra");
    expect(extra.note).toBe("not in the reference profile");
    expect(extra.type).toBeNull();
    expect(extra.tests).toEqual([]);
    expect(extra.drifted).toBe(false);
    // only "a" has deciding tests
    expect(named.driftShare).toBe(fixture.columns.a?.drifted ? 1 : 0);
  });

  it("date columns are tested on their missing rate only", async () => {
    const cases: [string, string][] = [
      ["no-drift", "day"],
      ["schema-changes", "when"],
    ];
    for (const [name, columnName] of cases) {
      const want = fixtureOf(name).columns[columnName] as ExactColumn;
      const column = columnOf(await drift(name), columnName);
      expect(column.type).toBe("date");
      expect(column.kind).toBe("missing-rate only");
      expect(column.note).toMatch(/date/);
      expect(column.tests.map((t) => t.test)).toEqual(["missing-rate"]);
      expectClose(testOf(column, "missing-rate").statistic, want.missingRateChange, `${name}.${columnName}`);
      expect(column.drifted).toBe(want.drifted);
    }
    // one case drifts on the missing rate, the other does not although its dates moved by months
    expect(fixtureOf("no-drift").columns.day?.drifted).toBe(false);
    expect(fixtureOf("schema-changes").columns.when?.drifted).toBe(true);
  });

  it("a column whose type changed is tested on its missing rate only, with a note", async () => {
    const column = columnOf(await drift("schema-changes"), "recoded");
    expect(column.kind).toBe("missing-rate only");
    expect(column.note).toBe("type changed from string to integer");
    expect(column.tests.map((t) => t.test)).toEqual(["missing-rate"]);
  });
});

describe("severity and order", () => {
  function exceedance(test: DriftTestName, score: { statistic: number; pValue?: number }, threshold: number) {
    if (P_TESTS.includes(test)) {
      const p = score.pValue as number;
      return p <= 0 ? 1e6 : Math.min(1e6, Math.log(p) / Math.log(threshold));
    }
    return Math.min(1e6, Math.abs(score.statistic) / threshold);
  }

  it.each(Object.keys(expected.exact))("%s: drifted first, then by severity, then by name", async (name) => {
    const fixture = fixtureOf(name);
    const result = await drift(name);
    for (const column of result.columns) {
      const want = fixture.columns[column.column] as ExactColumn;
      const expectedSeverity = Math.max(
        0,
        ...want.deciding.map((test) => exceedance(test, fixtureScore(want, test), P_TESTS.includes(test) ? 0.05 : 0.1)),
      );
      expectClose(column.severity, expectedSeverity, `${name}.${column.column} severity`);
      if (column.drifted) expect(column.severity).toBeGreaterThanOrEqual(1);
    }
    for (let i = 1; i < result.columns.length; i++) {
      const a = result.columns[i - 1] as ColumnDrift;
      const b = result.columns[i] as ColumnDrift;
      const key = (c: ColumnDrift) => [Number(!c.drifted), -c.severity] as const;
      const [ad, as] = key(a);
      const [bd, bs] = key(b);
      const ordered = ad < bd || (ad === bd && (as < bs || (as === bs && a.column < b.column)));
      expect(ordered, `${a.column} before ${b.column}`).toBe(true);
    }
  });
});

describe("charts", () => {
  function expectShares(shares: number[], context: string) {
    for (const share of shares) expect(share, context).toBeGreaterThanOrEqual(0);
    expectClose(
      shares.reduce((a, b) => a + b, 0),
      1,
      `${context} shares sum`,
      1e-12,
    );
  }

  it.each(Object.keys(expected.exact))(
    "%s: a histogram per numeric column, categories per categorical",
    async (name) => {
      const fixture = fixtureOf(name);
      const { reference, current } = await load(name);
      const result = detectDrift(reference, current);
      for (const column of result.columns) {
        const kind = fixture.columns[column.column]?.kind;
        const chart = column.chart;
        if (kind === "missing-rate only") {
          expect(chart, column.column).toBeUndefined();
        } else if (kind === "numeric") {
          if (chart?.kind !== "histogram") return expect.fail(`${column.column}: no histogram`);
          expect(chart.edges).toHaveLength(21);
          expect(chart.reference).toHaveLength(20);
          expect(chart.current).toHaveLength(20);
          const ref = reference.columns.get(column.column)?.numeric;
          const cur = current.columns.get(column.column)?.numeric;
          expect(chart.edges[0]).toBe(Math.min(ref?.min as number, cur?.min as number));
          expect(chart.edges[20]).toBe(Math.max(ref?.max as number, cur?.max as number));
          for (let i = 1; i < chart.edges.length; i++) {
            expect(chart.edges[i]).toBeGreaterThanOrEqual(chart.edges[i - 1] as number);
          }
          expectShares(chart.reference, `${name}.${column.column} reference`);
          expectShares(chart.current, `${name}.${column.column} current`);
        } else {
          if (chart?.kind !== "categories") return expect.fail(`${column.column}: no categories chart`);
          // a 2 × k table has k − 1 degrees of freedom: k values in all, at most 10 shown plus "(other)"
          const values = (fixture.columns[column.column]?.chiSquare?.dof as number) + 1;
          expect(new Set(chart.values).size).toBe(chart.values.length);
          expect(chart.values.length).toBe(values <= 10 ? values : 11);
          expectShares(chart.reference, `${name}.${column.column} reference`);
          expectShares(chart.current, `${name}.${column.column} current`);
        }
      }
    },
  );

  it("shows a new category with no reference share and a vanished one with no current share", async () => {
    const created = columnOf(await drift("new-category"), "city").chart;
    const vanished = columnOf(await drift("vanished-category"), "city").chart;
    if (created?.kind !== "categories" || vanished?.kind !== "categories") return expect.fail("no categories chart");
    const newValues = fixtureOf("new-category").columns.city?.onlyInCurrent ?? [];
    const goneValues = fixtureOf("vanished-category").columns.city?.onlyInReference ?? [];
    expect(newValues).toHaveLength(1);
    expect(goneValues).toHaveLength(1);
    const newIndex = created.values.indexOf(newValues[0] as string);
    expect(newIndex).toBeGreaterThanOrEqual(0);
    expect(created.reference[newIndex]).toBe(0);
    expect(created.current[newIndex]).toBeGreaterThan(0);
    const goneIndex = vanished.values.indexOf(goneValues[0] as string);
    expect(goneIndex).toBeGreaterThanOrEqual(0);
    expect(vanished.current[goneIndex]).toBe(0);
    expect(vanished.reference[goneIndex]).toBeGreaterThan(0);
  });
});

describe("the exactness boundary of numeric sketches", () => {
  async function withDistinct(referenceDistinct: number, currentDistinct: number) {
    const dir = await tempDir("mlgate-drift-");
    const rows = (distinct: number) => Array.from({ length: 2000 }, (_, i) => [((i % distinct) * 0.37 + 1).toFixed(2)]);
    const reference = await writeCsv(dir, "ref.csv", ["x"], rows(referenceDistinct));
    const current = await writeCsv(dir, "cur.csv", ["x"], rows(currentDistinct));
    return columnOf(detectDrift(reference, current), "x");
  }

  it("is exact with 1000 distinct values per side, and gives bounds from 1001 on", async () => {
    const exact = await withDistinct(1000, 1000);
    expect(exact.exact).toBe(true);
    for (const test of exact.tests) expect(test.bounds, test.test).toBeUndefined();
    const sketched = await withDistinct(1000, 1001);
    expect(sketched.exact).toBe(false);
    const ks: DriftTestResult = testOf(sketched, "ks");
    expect(ks.bounds?.low).toBe(ks.statistic);
    expect(ks.bounds?.high).toBeGreaterThanOrEqual(ks.statistic);
    expect(testOf(sketched, "wasserstein").bounds).toBeDefined();
  });
});
