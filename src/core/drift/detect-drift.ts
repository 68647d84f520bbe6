/**
 * Drift between a reference profile and the current data's profile, column by column, then for the
 * dataset: a column drifts when any of its deciding tests does; the dataset drifts when the share
 * of drifted columns reaches `driftShare` (Evidently's rule). Every test's raw score is reported,
 * deciding or not.
 */
import { ColumnProfile } from "../profile/column-profile.js";
import type { ColumnType } from "../profile/column-type.js";
import type { DatasetProfile } from "../profile/dataset-profile.js";
import { benjaminiHochberg, bonferroni } from "../stats/index.js";
import { compareCategorical } from "./categorical-drift.js";
import { type ColumnChart, categoriesChart, histogramChart } from "./charts.js";
import {
  CATEGORICAL_TESTS,
  DEFAULT_THRESHOLDS,
  type DriftTestName,
  type DriftTestResult,
  defaultDecidingTests,
  NUMERIC_TESTS,
  outcome,
  P_VALUE_TESTS,
} from "./drift-tests.js";
import { compareNumeric } from "./numeric-drift.js";

export const CORRECTIONS = ["none", "bonferroni", "benjamini-hochberg"] as const;
export type Correction = (typeof CORRECTIONS)[number];
export const DEFAULT_DRIFT_SHARE = 0.5;

export interface DriftOptions {
  /** only these columns (default: every column of the reference) */
  columns?: readonly string[];
  /** the tests that decide (default: by type and reference size, see defaultDecidingTests) */
  tests?: readonly DriftTestName[];
  /** replaces the default threshold of the deciding tests other than missing-rate */
  threshold?: number;
  driftShare?: number;
  correction?: Correction;
}

export interface SideSummary {
  rows: number;
  /** cells with a value (neither missing nor invalid) */
  values: number;
  missingRate: number;
}

export interface ColumnDrift {
  column: string;
  type: ColumnType | null;
  kind: "numeric" | "categorical" | "missing-rate only";
  reference: SideSummary;
  current: SideSummary;
  tests: DriftTestResult[];
  drifted: boolean;
  /** how far past its threshold the most decisive test is (1 = at the threshold) */
  severity: number;
  /** both sides' sketches exact: every score is the exact one */
  exact: boolean;
  note?: string;
  chart?: ColumnChart;
}

export interface DriftResult {
  columns: ColumnDrift[];
  drift: boolean;
  driftedColumns: string[];
  driftShare: number;
  driftShareThreshold: number;
  correction: Correction;
  reference: { rows: number; digest: string };
  current: { rows: number; digest: string };
}

export function detectDrift(
  reference: DatasetProfile,
  current: DatasetProfile,
  options: DriftOptions = {},
): DriftResult {
  const names = options.columns ?? [...reference.columns.keys()];
  const columns = names.map((name) => compareColumn(name, reference, current, options));
  applyCorrection(columns, options.correction ?? "none");
  for (const column of columns) settle(column);
  columns.sort(
    (a, b) => Number(b.drifted) - Number(a.drifted) || b.severity - a.severity || compareText(a.column, b.column),
  );
  const tested = columns.filter((column) => column.tests.some((test) => test.deciding));
  const drifted = tested.filter((column) => column.drifted);
  const driftShare = tested.length === 0 ? 0 : drifted.length / tested.length;
  const driftShareThreshold = options.driftShare ?? DEFAULT_DRIFT_SHARE;
  return {
    columns,
    drift: tested.length > 0 && driftShare >= driftShareThreshold,
    driftedColumns: drifted.map((column) => column.column),
    driftShare,
    driftShareThreshold,
    correction: options.correction ?? "none",
    reference: { rows: reference.rows, digest: reference.digest },
    current: { rows: current.rows, digest: current.digest },
  };
}

function compareColumn(
  name: string,
  reference: DatasetProfile,
  current: DatasetProfile,
  options: DriftOptions,
): ColumnDrift {
  const ref = reference.columns.get(name) ?? absentColumn(name, reference.rows);
  const cur = current.columns.get(name) ?? absentColumn(name, current.rows);
  const drift: ColumnDrift = {
    column: name,
    type: ref.type ?? null,
    kind: "missing-rate only",
    reference: side(ref),
    current: side(cur),
    tests: [],
    drifted: false,
    severity: 0,
    exact: true,
  };
  if (!reference.columns.has(name)) drift.note = "not in the reference profile";
  else if (!current.columns.has(name)) drift.note = "not in the current data";
  const decide = (kind: "numeric" | "categorical", applicable: readonly DriftTestName[]) =>
    decidingTests(kind, applicable, drift.reference.values, options);
  if (ref.numeric && cur.numeric && ref.type !== "date") {
    const comparison = compareNumeric(ref.numeric, cur.numeric);
    const deciding = decide("numeric", NUMERIC_TESTS);
    drift.kind = "numeric";
    drift.exact = comparison.exact;
    drift.tests = comparison.scores.map((score) => result(score, deciding, options));
    if (comparison.reference.total > 0 && comparison.current.total > 0) {
      drift.chart = histogramChart(ref.numeric.sketch.distribution(), cur.numeric.sketch.distribution());
    }
  } else if (ref.text && cur.text) {
    const comparison = compareCategorical(ref.text, cur.text);
    const deciding = decide("categorical", CATEGORICAL_TESTS);
    drift.kind = "categorical";
    drift.exact = comparison.exact;
    drift.tests = comparison.scores.map((score) => result(score, deciding, options));
    if (comparison.scores.length > 0) drift.chart = categoriesChart(comparison.counts);
  } else if (ref.type && cur.type && ref.type !== cur.type) {
    drift.note = `type changed from ${ref.type} to ${cur.type}`;
  } else if (ref.type === "date") {
    drift.note = "date/time column: only the missing rate is tested (time moves on by design)";
  }
  if (reference.columns.has(name)) drift.tests.push(missingRate(drift, options));
  return drift;
}

function decidingTests(
  kind: "numeric" | "categorical",
  applicable: readonly DriftTestName[],
  referenceValues: number,
  options: DriftOptions,
): Set<DriftTestName> {
  const chosen = options.tests ?? defaultDecidingTests(kind, referenceValues);
  return new Set(chosen.filter((test) => applicable.includes(test)));
}

interface Score {
  test: DriftTestName;
  statistic: number;
  pValue?: number;
  method?: string;
  dof?: number;
  bounds?: { low: number; high: number };
  value?: string;
}

function result(score: Score, deciding: ReadonlySet<DriftTestName>, options: DriftOptions): DriftTestResult {
  const isDeciding = deciding.has(score.test);
  const threshold = isDeciding && options.threshold !== undefined ? options.threshold : DEFAULT_THRESHOLDS[score.test];
  return { ...score, threshold, deciding: isDeciding, drifted: false };
}

function missingRate(drift: ColumnDrift, options: DriftOptions): DriftTestResult {
  const deciding = options.tests === undefined || options.tests.includes("missing-rate");
  const statistic = drift.current.missingRate - drift.reference.missingRate;
  return { test: "missing-rate", statistic, threshold: DEFAULT_THRESHOLDS["missing-rate"], deciding, drifted: false };
}

/** Adjusts the deciding p-values across all columns together. */
function applyCorrection(columns: ColumnDrift[], correction: Correction): void {
  if (correction === "none") return;
  const tests = columns.flatMap((column) =>
    column.tests.filter((test) => test.deciding && P_VALUE_TESTS.has(test.test) && test.pValue !== undefined),
  );
  const adjust = correction === "bonferroni" ? bonferroni : benjaminiHochberg;
  const adjusted = adjust(tests.map((test) => test.pValue as number));
  tests.forEach((test, i) => {
    test.adjustedPValue = adjusted[i] as number;
  });
}

function settle(column: ColumnDrift): void {
  for (const test of column.tests) {
    test.drifted = outcome(test.test, test.statistic, test.adjustedPValue ?? test.pValue, test.threshold);
  }
  const deciding = column.tests.filter((test) => test.deciding);
  column.drifted = deciding.some((test) => test.drifted);
  column.severity = Math.max(0, ...deciding.map(exceedance));
}

const MAX_SEVERITY = 1e6;

function exceedance(test: DriftTestResult): number {
  if (P_VALUE_TESTS.has(test.test)) {
    const p = test.adjustedPValue ?? test.pValue;
    if (p === undefined) return 0;
    if (p <= 0) return MAX_SEVERITY;
    return Math.min(MAX_SEVERITY, Math.log(p) / Math.log(test.threshold));
  }
  return Math.min(MAX_SEVERITY, Math.abs(test.statistic) / test.threshold);
}

function side(column: ColumnProfile): SideSummary {
  const values = column.rows - column.missing - column.invalid;
  return {
    rows: column.rows,
    values,
    missingRate: column.rows === 0 ? 0 : (column.missing + column.invalid) / column.rows,
  };
}

function absentColumn(name: string, rows: number): ColumnProfile {
  const column = new ColumnProfile(name, undefined);
  column.addAbsentRows(rows);
  return column;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
