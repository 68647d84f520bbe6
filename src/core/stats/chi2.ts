// Chi-square survival function and Pearson's test of independence, matching scipy.stats.chi2.sf and
// scipy.stats.chi2_contingency (lambda_ = None).

import { upperIncompleteGamma } from "./incomplete-gamma.js";
import { numpySum } from "./numpy-sum.js";

/** P(X > x) for X ~ χ²(dof); dof > 0 (not necessarily an integer). NaN for an invalid dof. */
export function chi2Sf(x: number, dof: number): number {
  if (Number.isNaN(x) || !(dof > 0) || dof === Number.POSITIVE_INFINITY) return Number.NaN;
  if (x <= 0) return 1;
  if (x === Number.POSITIVE_INFINITY) return 0;
  return upperIncompleteGamma(dof / 2, x / 2);
}

export interface Chi2ContingencyResult {
  statistic: number;
  pValue: number;
  dof: number;
  expected: number[][];
}

/**
 * Chi-square test of independence on an r×c table of non-negative counts. With `correction` (the default)
 * and one degree of freedom, Yates' continuity correction moves each observed count towards its expected
 * count by at most 0.5, as scipy does.
 *
 * Like scipy, this throws when an expected frequency is zero, i.e. when a whole row or column is zero:
 * callers should drop categories that are empty on both sides before testing.
 */
export function chi2Contingency(
  table: readonly (readonly number[])[],
  { correction = true }: { correction?: boolean } = {},
): Chi2ContingencyResult {
  const rows = table.length;
  const columns = table[0]?.length ?? 0;
  if (rows === 0 || columns === 0) throw new Error("chi2Contingency: the table is empty");
  const flat = new Float64Array(rows * columns);
  table.forEach((row, i) => {
    if (row.length !== columns) throw new Error("chi2Contingency: rows have different lengths");
    row.forEach((value, j) => {
      if (!(value >= 0) || !Number.isFinite(value)) {
        throw new Error(`chi2Contingency: counts must be finite and non-negative, got ${value} at [${i}, ${j}]`);
      }
      flat[i * columns + j] = value;
    });
  });

  // numpy's margin sums: along a row pairwise, down a column one row at a time.
  const rowSums = table.map((row) => numpySum(row));
  const columnSums = new Float64Array(columns);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < columns; j++) columnSums[j] = (columnSums[j] as number) + (flat[i * columns + j] as number);
  }
  const total = numpySum(flat);
  const expected = rowSums.map((rowSum, i) =>
    Array.from(columnSums, (columnSum, j) => {
      const value = (rowSum * columnSum) / total;
      if (value === 0) {
        throw new Error(
          `chi2Contingency: the expected frequency at [${i}, ${j}] is zero (an all-zero row or column); ` +
            "drop empty categories before testing",
        );
      }
      return value;
    }),
  );

  const dof = rows * columns - (rows + columns) + 2 - 1;
  if (dof === 0) return { statistic: 0, pValue: 1, dof, expected };

  const terms = new Float64Array(rows * columns);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < columns; j++) {
      const e = (expected[i] as number[])[j] as number;
      let observed = flat[i * columns + j] as number;
      if (dof === 1 && correction) {
        const diff = e - observed;
        observed += Math.min(0.5, Math.abs(diff)) * Math.sign(diff);
      }
      const deviation = observed - e;
      terms[i * columns + j] = (deviation * deviation) / e;
    }
  }
  const statistic = numpySum(terms);
  return { statistic, pValue: chi2Sf(statistic, dof), dof, expected };
}
