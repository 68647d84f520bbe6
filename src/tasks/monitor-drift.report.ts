/**
 * What a person reads after monitor-drift: the verdict and why, one row per column sorted by
 * severity, every test's raw score, and reference-vs-current charts. Also the machine-readable
 * JSON document (`format: mlgate.drift-report`, `version: 1`).
 */
import type { ColumnChart, ColumnDrift, DriftResult, DriftTestResult, RetrainDecision } from "../core/drift/index.js";
import { code, type Inline, md, type Report, type Section } from "../core/report/model.js";
import { formatPValue, formatScore, formatShare } from "../core/report/numbers.js";

export interface DriftOutcome {
  result: DriftResult;
  retrain: RetrainDecision;
  /** where the reference came from: `churn@3 (production)` or the profile file */
  referenceLabel: string;
  triggered?: string;
  redactValues: boolean;
}

export const REDACTED = "(redacted)";
/** charts in a PR comment: the most severe columns only; the HTML report has them all */
export const MARKDOWN_CHARTS = 3;

export function driftReport(outcome: DriftOutcome, charts: "all" | "top"): Report {
  const { result, retrain } = outcome;
  const tested = result.columns.filter((column) => column.tests.some((test) => test.deciding)).length;
  const sections: Section[] = [
    {
      kind: "keyValue",
      rows: [
        { label: "reference", value: md`${outcome.referenceLabel} — ${result.reference.rows} rows` },
        { label: "current", value: md`${result.current.rows} rows, ${code(result.current.digest)}` },
        {
          label: "drifted columns",
          value: `${result.driftedColumns.length} of ${tested} (${formatShare(result.driftShare)}; the dataset drifts at ${formatShare(result.driftShareThreshold)})`,
        },
        { label: "retrain", value: `${retrain.shouldRetrain ? "yes" : "no"} — ${retrain.reason}` },
        ...(outcome.triggered ? [{ label: "triggered", value: outcome.triggered }] : []),
        ...(result.correction !== "none" ? [{ label: "p-value correction", value: result.correction }] : []),
      ],
    },
    {
      kind: "table",
      title: "Columns, most severe first",
      headers: ["column", "type", "drift", "deciding test", "score", "threshold", "missing rate", "note"],
      align: ["left", "left", "center", "left", "right", "right", "right", "left"],
      rows: result.columns.map((column) => columnRow(column)),
    },
  ];
  const charted = result.columns.filter((column) => column.chart);
  const shown = charts === "all" ? charted : charted.filter((column) => column.drifted).slice(0, MARKDOWN_CHARTS);
  for (const column of shown) sections.push(chartSection(column, column.chart as ColumnChart, outcome.redactValues));
  sections.push({
    kind: "details",
    summary: "Every test's score",
    sections: [
      {
        kind: "table",
        headers: ["column", "test", "statistic", "p-value", "threshold", "drift", "deciding", "exact range"],
        align: ["left", "left", "right", "right", "right", "center", "center", "left"],
        rows: result.columns.flatMap((column) =>
          column.tests.map((test) => testRow(column, test, outcome.redactValues)),
        ),
      },
    ],
  });
  return {
    title: `mlgate monitor-drift: ${outcome.referenceLabel}`,
    verdict: {
      status: result.drift ? "fail" : "pass",
      text: result.drift
        ? `drift in ${result.driftedColumns.length} of ${tested} columns`
        : `no dataset drift (${result.driftedColumns.length} of ${tested} columns drifted)`,
    },
    sections,
  };
}

function columnRow(column: ColumnDrift): Inline[] {
  const decisive = column.tests
    .filter((test) => test.deciding)
    .sort((a, b) => Number(b.drifted) - Number(a.drifted))[0];
  const missing = `${formatShare(column.reference.missingRate)} → ${formatShare(column.current.missingRate)}`;
  return [
    column.column,
    column.type ?? "empty",
    column.drifted ? "❌" : "✅",
    decisive?.test ?? "",
    decisive ? scoreText(decisive) : "",
    decisive ? formatScore(decisive.threshold) : "",
    missing,
    column.note ?? (column.exact ? "" : "from sketches"),
  ];
}

function scoreText(test: DriftTestResult): string {
  const p = test.adjustedPValue ?? test.pValue;
  return p === undefined ? formatScore(test.statistic) : `p = ${formatPValue(p)}`;
}

function testRow(column: ColumnDrift, test: DriftTestResult, redactValues: boolean): Inline[] {
  const value = test.value === undefined ? "" : ` (${redactValues ? REDACTED : test.value})`;
  return [
    column.column,
    test.test,
    `${formatScore(test.statistic)}${value}`,
    test.pValue === undefined ? "" : formatPValue(test.adjustedPValue ?? test.pValue),
    formatScore(test.threshold),
    test.drifted ? "yes" : "no",
    test.deciding ? "yes" : "",
    test.bounds ? `[${formatScore(test.bounds.low)}, ${formatScore(test.bounds.high)}]` : "",
  ];
}

function chartSection(column: ColumnDrift, chart: ColumnChart, redactValues: boolean): Section {
  const labels =
    chart.kind === "histogram"
      ? chart.edges.slice(0, -1).map((edge) => formatScore(edge))
      : chart.values.map((value, i) => (redactValues ? `value ${i + 1}` : value));
  return {
    kind: "chart",
    title: `${column.column}: reference vs current`,
    labels,
    series: [
      { name: "reference", values: chart.reference },
      { name: "current", values: chart.current },
    ],
    valueLabel: "share of values",
  };
}

/** The machine-readable report: per column, every test's name, statistic, p-value, threshold and outcome. */
export function driftReportJson(outcome: DriftOutcome): unknown {
  const { result, retrain } = outcome;
  return {
    format: "mlgate.drift-report",
    version: 1,
    reference: { label: outcome.referenceLabel, ...result.reference },
    current: result.current,
    drift: result.drift,
    driftShare: result.driftShare,
    driftShareThreshold: result.driftShareThreshold,
    driftedColumns: result.driftedColumns,
    correction: result.correction,
    shouldRetrain: retrain.shouldRetrain,
    retrainReason: retrain.reason,
    ...(outcome.triggered ? { triggered: outcome.triggered } : {}),
    columns: result.columns.map(({ chart: _chart, ...column }) => ({
      ...column,
      tests: column.tests.map((test) =>
        test.value !== undefined && outcome.redactValues ? { ...test, value: REDACTED } : test,
      ),
    })),
  };
}
