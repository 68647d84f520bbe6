/**
 * What a person reads after validate-data: the verdict, every anomaly with where it was seen, and
 * the profile's per-column summary. With redact-values no data value appears: examples show only
 * their file and line, and the summary keeps counts, types and shares.
 */
import type { ColumnDocument, ProfileDocument } from "../core/profile/index.js";
import { code, type Inline, md, type Report, type Section } from "../core/report/model.js";
import { formatScore, formatShare } from "../core/report/numbers.js";
import type { Anomaly } from "../core/schema/index.js";

export interface ValidationOutcome {
  data: string;
  document: ProfileDocument;
  anomalies: readonly Anomaly[];
  /** the schema file checked against, or where the inferred one was written */
  schema: { file: string; inferred: boolean };
  failed: boolean;
  redactValues: boolean;
}

export const REDACTED_VALUE = "(redacted)";

export function validationReport(outcome: ValidationOutcome): Report {
  const { document, anomalies } = outcome;
  const errors = anomalies.filter((anomaly) => anomaly.severity === "error").length;
  const warnings = anomalies.length - errors;
  const sections: Section[] = [
    {
      kind: "keyValue",
      rows: [
        { label: "data", value: outcome.data },
        { label: "rows", value: `${document.rows} in ${document.sources.length} source(s)` },
        { label: "digest", value: code(document.digest) },
        {
          label: "schema",
          value: outcome.schema.inferred
            ? md`inferred from this data and written to ${code(outcome.schema.file)}: review it and check it in`
            : code(outcome.schema.file),
        },
      ],
    },
  ];
  if (anomalies.length > 0) {
    sections.push({
      kind: "table",
      title: "Anomalies",
      headers: ["severity", "column", "kind", "observed", "expected", "count", "examples"],
      align: ["left", "left", "left", "left", "left", "right", "left"],
      rows: anomalies.map((anomaly) => anomalyRow(anomaly, outcome.redactValues)),
    });
  }
  sections.push({
    kind: "details",
    summary: `Profile of ${document.columns.length} columns`,
    sections: [
      {
        kind: "table",
        headers: [
          "column",
          "type",
          "present",
          "invalid",
          "distinct",
          "mean",
          "std",
          "min",
          "median",
          "max",
          "top values",
        ],
        align: ["left", "left", "right", "right", "right", "right", "right", "right", "right", "right", "left"],
        rows: document.columns.map((column) => profileRow(column, outcome.redactValues)),
      },
    ],
  });
  return {
    title: `mlgate validate-data: ${outcome.data}`,
    verdict: {
      status: outcome.failed ? "fail" : anomalies.length > 0 ? "info" : "pass",
      text:
        anomalies.length === 0
          ? outcome.schema.inferred
            ? "schema inferred; nothing checked yet"
            : "the data meets its schema"
          : `${errors} error(s), ${warnings} warning(s)`,
    },
    sections,
  };
}

function anomalyRow(anomaly: Anomaly, redactValues: boolean): Inline[] {
  return [
    anomaly.severity,
    anomaly.column ?? "(dataset)",
    anomaly.kind,
    anomaly.observed,
    anomaly.expected,
    String(anomaly.count),
    anomaly.examples.map((example) => exampleText(example, redactValues)).join("; "),
  ];
}

export function exampleText(example: Anomaly["examples"][number], redactValues: boolean): string {
  const place = example.line === undefined ? example.source : `${example.source}:${example.line}`;
  return redactValues ? place : `${JSON.stringify(example.value)} at ${place}`;
}

function profileRow(column: ColumnDocument, redactValues: boolean): Inline[] {
  const { summary } = column;
  const shown = (value: number | undefined) => (value === undefined || redactValues ? "" : formatScore(value));
  const top =
    redactValues || !summary.top
      ? ""
      : summary.top
          .slice(0, 3)
          .map(([value, count]) => `${value} (${count})`)
          .join(", ");
  return [
    column.name,
    column.type ?? "empty",
    formatShare(summary.presence),
    String(column.invalid),
    `${summary.distinctExact ? "" : "≈"}${summary.distinct}`,
    shown(summary.mean),
    shown(summary.std),
    shown(column.numeric?.min ?? undefined),
    shown(summary.quantiles?.p50),
    shown(column.numeric?.max ?? undefined),
    top,
  ];
}
