/**
 * Categorical drift when the frequency summaries hold many values: exact up to FREQUENT_CAPACITY
 * distinct values, unchanged by writing the profile, and L∞ taken over real values with bounds
 * that hold. The exact answers are computed here from the raw rows.
 */
import { describe, expect, it } from "vitest";
import type { RecordBatch } from "../../src/core/data/table.js";
import { detectDrift } from "../../src/core/drift/index.js";
import {
  DatasetProfile,
  FREQUENT_CAPACITY,
  readProfileDocument,
  toProfileDocument,
} from "../../src/core/profile/index.js";
import { chi2Contingency, jensenShannonDistance } from "../../src/core/stats/index.js";

function profileOf(values: readonly string[], source: string): DatasetProfile {
  const profile = new DatasetProfile();
  const batch: RecordBatch = { names: ["v"], columns: [values], rowCount: values.length, source };
  profile.addBatch(batch, { types: new Map([["v", "string"]]) });
  return profile;
}

function counts(values: readonly string[]): Map<string, number> {
  const found = new Map<string, number>();
  for (const value of values) found.set(value, (found.get(value) ?? 0) + 1);
  return found;
}

/** v0…v599, value k repeated (k % 7) + 1 times; the current data moves every 50th row to v599. */
function manyCategories(): { reference: string[]; current: string[] } {
  const reference = Array.from({ length: 600 }, (_, k) => Array<string>((k % 7) + 1).fill(`v${k}`)).flat();
  const current = reference.map((value, i) => (i % 50 === 0 ? "v599" : value));
  return { reference, current };
}

describe("categorical drift over frequency summaries", () => {
  it("is exact for 600 distinct values (within FREQUENT_CAPACITY): χ² and JS equal the raw contingency's", () => {
    expect(FREQUENT_CAPACITY).toBeGreaterThanOrEqual(600);
    const { reference, current } = manyCategories();
    const result = detectDrift(profileOf(reference, "r.csv"), profileOf(current, "c.csv"));
    const column = result.columns[0];
    expect(column?.exact).toBe(true);
    const values = [...new Set([...reference, ...current])];
    const refCounts = counts(reference);
    const curCounts = counts(current);
    const table = [values.map((v) => refCounts.get(v) ?? 0), values.map((v) => curCounts.get(v) ?? 0)];
    const expected = chi2Contingency(table);
    const chi = column?.tests.find((t) => t.test === "chi-square");
    expect(chi?.dof).toBe(expected.dof);
    expect(chi?.statistic).toBeCloseTo(expected.statistic, 9);
    const js = column?.tests.find((t) => t.test === "jensen-shannon");
    expect(js?.statistic).toBeCloseTo(jensenShannonDistance(table[0] as number[], table[1] as number[], 2), 12);
  });

  it("gives the same drift before writing the profile, after, and from the document read back", () => {
    const { reference, current } = manyCategories();
    const wide = [...reference, ...Array.from({ length: 900 }, (_, i) => `w${i}`)];
    const ref = profileOf(wide, "r.csv");
    const cur = profileOf(current, "c.csv");
    const before = detectDrift(ref, cur);
    const document = JSON.parse(JSON.stringify(toProfileDocument(ref)));
    const after = detectDrift(ref, cur);
    const readBack = detectDrift(readProfileDocument(document, "ref.json"), cur);
    expect(after.columns).toEqual(before.columns);
    expect(readBack.columns).toEqual(before.columns);
  });

  it("takes L∞ over real values, with bounds that hold the exact value when most values are folded into (other)", () => {
    const reference = Array.from({ length: 16_000 }, (_, i) => (i % 2 === 0 ? "head" : `t${(i - 1) / 2}`));
    const current = Array.from({ length: 16_000 }, (_, i) => (i % 2 === 0 ? "head" : `u${((i - 1) / 2) % 400}`));
    const refCounts = counts(reference);
    const curCounts = counts(current);
    let exact = 0;
    for (const value of new Set([...reference, ...current])) {
      const change = Math.abs(
        (curCounts.get(value) ?? 0) / current.length - (refCounts.get(value) ?? 0) / reference.length,
      );
      exact = Math.max(exact, change);
    }
    const result = detectDrift(profileOf(reference, "r.csv"), profileOf(current, "c.csv"));
    const lInfinity = result.columns[0]?.tests.find((t) => t.test === "l-infinity");
    expect(lInfinity?.value).not.toBe("(other)");
    expect(lInfinity?.bounds?.low).toBeLessThanOrEqual(exact);
    expect(lInfinity?.bounds?.high).toBeGreaterThanOrEqual(exact);
  });
});
