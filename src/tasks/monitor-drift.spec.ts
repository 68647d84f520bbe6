import { CORRECTIONS, DRIFT_TESTS } from "../core/drift/index.js";
import { formatInput, registryInput } from "./shared-inputs.js";
import type { TaskSpec } from "./spec.js";

export const monitorDriftSpec = {
  name: "monitor-drift",
  title: "mlgate: monitor drift",
  description:
    "Compare current data (or serving's prediction logs) with the training-data profile stored with the deployed version, column by column; decide whether to retrain and optionally trigger the retraining pipeline.",
  inputs: [
    {
      name: "current",
      type: "string",
      required: true,
      description:
        "The current data: paths, globs (`logs/2024-*.jsonl`) or blob URLs, separated by commas or new lines. CSV, TSV, JSON Lines or Parquet.",
    },
    formatInput,
    {
      name: "reference",
      type: "path",
      description:
        "A profile file (from `validate-data`) to compare with. Leave empty to use the profile stored with a registry version (`model` + `alias` or `version`).",
    },
    {
      name: "model",
      type: "string",
      configurable: true,
      description: "Model name in the registry whose version's training-data profile is the reference.",
    },
    registryInput,
    {
      name: "alias",
      type: "string",
      default: "production",
      configurable: true,
      description: "The alias whose version is the reference (the deployed model).",
    },
    { name: "version", type: "integer", description: "A version number to use instead of the alias." },
    {
      name: "columns",
      type: "list",
      description: "Only these columns (default: every column of the reference profile).",
    },
    {
      name: "tests",
      type: "list",
      configurable: true,
      description: `The tests that decide drift, from: ${DRIFT_TESTS.join(", ")}. Default: by type and reference size (≤ 1000 values: ks / chi-square at p < 0.05; larger: wasserstein / jensen-shannon ≥ 0.1), plus missing-rate. Every test's score is reported either way.`,
    },
    {
      name: "threshold",
      type: "number",
      configurable: true,
      description:
        "Threshold of the deciding tests (other than missing-rate): a p-value for ks and chi-square (drift below it), a distance for the others (drift at or above it).",
    },
    {
      name: "correction",
      type: "choice",
      options: CORRECTIONS,
      default: "none",
      configurable: true,
      description: "Correct the deciding p-values for testing many columns: bonferroni or benjamini-hochberg.",
    },
    {
      name: "drift-share",
      type: "number",
      default: "0.5",
      configurable: true,
      description: "The dataset drifts when at least this share of the tested columns drifts.",
    },
    {
      name: "max-age-days",
      type: "number",
      configurable: true,
      description: "Retrain when the reference version is older than this many days, drift or not.",
    },
    {
      name: "min-new-rows",
      type: "integer",
      default: "0",
      configurable: true,
      description: "Retrain only when the current data has at least this many rows (enough to learn from).",
    },
    {
      name: "trigger",
      type: "string",
      configurable: true,
      description:
        "Start retraining when it is due: `github:repository_dispatch:<event-type>`, `github:workflow_dispatch:<workflow-file>[@<ref>]` or `azure-pipelines:<pipeline-id>[@<branch>]`.",
    },
    {
      name: "fail-on-drift",
      type: "boolean",
      default: "true",
      configurable: true,
      description: "Exit with 1 when the dataset drifts (a red scheduled run is the alert).",
    },
    {
      name: "redact-values",
      type: "boolean",
      default: "false",
      configurable: true,
      description: "Keep category values out of logs, reports and comments (column names and scores remain).",
    },
    {
      name: "report-out",
      type: "path",
      default: ".mlgate/monitor-drift.html",
      description: "Where to write the HTML report with reference-vs-current charts.",
    },
    {
      name: "report-json-out",
      type: "path",
      default: ".mlgate/monitor-drift.json",
      description:
        "Where to write the machine-readable report: per column, every test's statistic, p-value, threshold and outcome.",
    },
  ],
  outputs: [
    { name: "drift", description: "`true` when the share of drifted columns reaches `drift-share`." },
    { name: "drifted-columns", description: "The drifted columns, comma-separated, most severe first." },
    { name: "drift-share", description: "The share of tested columns that drifted (0 to 1)." },
    {
      name: "should-retrain",
      description: "`true` when drift or age calls for retraining and there are enough new rows.",
    },
    { name: "retrain-reason", description: "Why retraining is or is not due, in one line." },
    { name: "triggered", description: "`true` when the retraining trigger was fired." },
    { name: "report", description: "Path of the HTML report." },
    { name: "report-json", description: "Path of the JSON report." },
  ],
} as const satisfies TaskSpec;
