import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chi2Contingency } from "../../src/core/stats/index.js";
import { expectClose, loadFixture } from "./fixtures.js";

interface ContingencyCase {
  table: number[][];
  correction: boolean;
  statistic: number;
  pValue: number;
  dof: number;
  expected: number[][];
}

const fixture = loadFixture<{ cases: ContingencyCase[]; zeroExpected: number[][][] }>("chi2-contingency.json");

describe("chi2Contingency against scipy.stats.chi2_contingency", () => {
  it.each(fixture.cases.map((c) => [JSON.stringify(c.table), c.correction, c] as const))(
    "%s correction=%s",
    (name, correction, c) => {
      const result = chi2Contingency(c.table, { correction });
      expect(result.dof).toBe(c.dof);
      expectClose(result.statistic, c.statistic, 1e-12, `${name} statistic`);
      expectClose(result.pValue, c.pValue, 1e-11, `${name} p-value`);
      expect(result.expected).toHaveLength(c.expected.length);
      c.expected.forEach((row, i) => {
        row.forEach((value, j) => {
          expectClose(result.expected[i]?.[j] as number, value, 1e-15, `${name} expected[${i}][${j}]`);
        });
      });
    },
  );

  it("applies Yates' correction by default on 2×2 tables", () => {
    const table = [
      [12, 5],
      [7, 7],
    ];
    expect(chi2Contingency(table).statistic).toBeLessThan(chi2Contingency(table, { correction: false }).statistic);
  });

  it.each(fixture.zeroExpected.map((t) => [JSON.stringify(t), t] as const))(
    "throws on a zero expected frequency, like scipy: %s",
    (_, table) => {
      expect(() => chi2Contingency(table)).toThrow(/expected frequency .* is zero/);
    },
  );

  it("rejects negative, ragged and empty tables", () => {
    expect(() => chi2Contingency([[1, -1]])).toThrow(/non-negative/);
    expect(() => chi2Contingency([[1, 2], [3]])).toThrow(/lengths/);
    expect(() => chi2Contingency([])).toThrow(/empty/);
  });

  it("returns p-values in [0, 1] for random 2×k tables", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 10_000 })), {
          minLength: 2,
          maxLength: 12,
        }),
        fc.boolean(),
        (columns, correction) => {
          const table = [columns.map(([r]) => r), columns.map(([, c]) => c)];
          const { statistic, pValue } = chi2Contingency(table, { correction });
          expect(statistic).toBeGreaterThanOrEqual(0);
          expect(pValue).toBeGreaterThanOrEqual(0);
          expect(pValue).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});
