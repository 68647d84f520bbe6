/** The drift fixtures: CSV pairs and scipy's scores, written by scripts/fixtures/make_drift_fixtures.py. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { openTable } from "../../src/core/data/index.js";
import type { ColumnDrift, DriftResult, DriftTestName, DriftTestResult } from "../../src/core/drift/index.js";
import { type DatasetProfile, profileTable } from "../../src/core/profile/index.js";

export const FIXTURES = fileURLToPath(new URL("../fixtures/drift/", import.meta.url));

export interface SideExpected {
  rows: number;
  values: number;
  missingRate: number;
}

export interface CategoricalExpected {
  distinct: { reference: number; current: number };
  chiSquare: { statistic: number; pValue: number; dof: number };
  jensenShannon: number;
  psi: number;
  lInfinity: { statistic: number; values: string[] };
  /** values seen on one side only */
  onlyInReference: string[];
  onlyInCurrent: string[];
}

export interface ExactColumn extends Partial<CategoricalExpected> {
  kind: ColumnDrift["kind"];
  reference: SideExpected;
  /** null when the column is not in the current file */
  current: SideExpected | null;
  missingRateChange: number;
  ks?: { statistic: number; pValue: number; method: "exact" | "asymp" };
  wasserstein?: number;
  bins?: number;
  deciding: DriftTestName[];
  drifted: boolean;
}

export interface ExactCase {
  reference: string;
  current: string;
  rows: { reference: number; current: number };
  columns: Record<string, ExactColumn>;
  onlyInCurrent: string[];
  driftedColumns: string[];
  driftShare: number;
  drift: boolean;
  corrections: Partial<Record<"bonferroni" | "benjamini-hochberg", Record<string, number>>>;
}

export interface Cut {
  value: number;
  inclusive: boolean;
}

export interface SketchedNumeric {
  kind: "numeric";
  reference: SideExpected;
  current: SideExpected;
  exactSides: { reference: boolean; current: boolean };
  distinct: { reference: number; current: number };
  ks: {
    statistic: number;
    pValue: number;
    method: "asymp";
    gridLow: number;
    gridHigh: number;
    gridPValue: number;
  };
  wasserstein: { exact: number; reported: number; slack: number };
  deciles: { bins: number; psi: number; jensenShannon: number };
  snapped: { bins: number; psi: number; jensenShannon: number; cuts: Cut[] };
}

export interface SketchedCategorical extends CategoricalExpected {
  kind: "categorical";
  reference: SideExpected;
  current: SideExpected;
}

export interface Expected {
  generator: string;
  scipy: string;
  exact: Record<string, ExactCase>;
  sketched: {
    reference: string;
    current: string;
    rows: { reference: number; current: number };
    columns: Record<string, SketchedNumeric | SketchedCategorical>;
  };
}

export const expected = JSON.parse(readFileSync(`${FIXTURES}expected.json`, "utf8")) as Expected;

export async function profileFile(file: string): Promise<DatasetProfile> {
  return profileTable(await openTable(file, { workspace: FIXTURES, env: {} }));
}

/** Both sides of a case, profiled from the CSV files. */
export async function profiles(entry: { reference: string; current: string }) {
  const [reference, current] = await Promise.all([profileFile(entry.reference), profileFile(entry.current)]);
  return { reference, current };
}

/** |actual − expected| ≤ max(rtol·|expected|, atol): 1e-9 relative, 1e-12 absolute near zero. */
export function expectClose(actual: number | undefined, expected: number, context: string, rtol = 1e-9, atol = 1e-12) {
  if (actual === undefined || !(Math.abs(actual - expected) <= Math.max(rtol * Math.abs(expected), atol))) {
    expect.fail(`${context}: expected ${expected}, got ${actual}`);
  }
}

export function columnOf(result: DriftResult, name: string): ColumnDrift {
  const column = result.columns.find((c) => c.column === name);
  if (!column) return expect.fail(`column ${name} is not in the result`);
  return column;
}

export function testOf(column: ColumnDrift, test: DriftTestName): DriftTestResult {
  const found = column.tests.find((t) => t.test === test);
  if (!found) return expect.fail(`${column.column} has no ${test} result`);
  return found;
}
