import { formatInput, onnxRuntimePathInput, registryInput } from "./shared-inputs.js";
import type { TaskSpec } from "./spec.js";

export const evaluateAgainstChampionSpec = {
  name: "evaluate-against-champion",
  title: "mlgate: evaluate against the champion",
  description:
    "Score the challenger and the deployed champion on exactly the same holdout rows, measure every metric's noise with a paired bootstrap, apply the gates in mlgate.yml and store the verdict (`promote` or `reject`) that deploy requires. Posts the metric diff as a sticky PR comment.",
  inputs: [
    {
      name: "challenger",
      type: "string",
      required: true,
      description: "The model under evaluation: an ONNX file, or a registered version `name@version`.",
    },
    {
      name: "model",
      type: "string",
      configurable: true,
      description:
        "The model's name in the registry, whose `champion-alias` is the champion (default: the name in `challenger` when it is `name@version`). Without it, only the absolute gates apply.",
    },
    registryInput,
    {
      name: "champion-alias",
      type: "string",
      default: "production",
      configurable: true,
      description:
        "The alias pointing at the deployed version. When it does not exist yet, this is the first run: absolute gates only.",
    },
    {
      name: "data",
      type: "string",
      required: true,
      description:
        "The holdout data: paths, globs or blob URLs, separated by commas or new lines (CSV, TSV, JSON Lines, Parquet).",
    },
    formatInput,
    {
      name: "label",
      type: "string",
      required: true,
      configurable: true,
      description: "The label column of the holdout data.",
    },
    {
      name: "features",
      type: "list",
      configurable: true,
      description:
        "The feature columns, in the order a model with one `[N, F]` input reads them (default: every column but the label and the slices). Models with one input per column are fed by input name.",
    },
    {
      name: "problem",
      type: "choice",
      options: ["binary", "multiclass", "regression"],
      configurable: true,
      description:
        "What the models predict. Default: inferred from the models' outputs (class probabilities or one value per row) and the label's distinct values.",
    },
    {
      name: "metrics",
      type: "list",
      configurable: true,
      description: "The metrics to report (default: every metric of the problem). Gated metrics are always computed.",
    },
    {
      name: "threshold",
      type: "number",
      default: "0.5",
      configurable: true,
      description:
        "Binary problems: a row is predicted positive when its score is above this (accuracy, precision, recall, F1).",
    },
    {
      name: "slices",
      type: "list",
      configurable: true,
      description:
        "Columns to break the metrics down by (e.g. `region, plan`): one row per value, gated by `max-slice-regression`.",
    },
    {
      name: "confidence",
      type: "number",
      default: "0.95",
      configurable: true,
      description: "Confidence level of the bootstrap intervals.",
    },
    {
      name: "bootstrap",
      type: "integer",
      default: "1000",
      configurable: true,
      description: "Bootstrap replicates (0 turns intervals and significance off).",
    },
    {
      name: "seed",
      type: "integer",
      default: "0",
      configurable: true,
      description: "Seed of the bootstrap: the same seed, data and models give the same intervals.",
    },
    {
      name: "batch-size",
      type: "integer",
      default: "10000",
      configurable: true,
      description: "Rows per inference batch; the latency gate measures the p95 of batches this size.",
    },
    {
      name: "fail-on-reject",
      type: "boolean",
      default: "true",
      configurable: true,
      description: "Exit 1 when the verdict is `reject`.",
    },
    {
      name: "comment",
      type: "boolean",
      default: "true",
      configurable: true,
      description: "Post the report as a sticky pull request comment (else it goes to the job summary).",
    },
    {
      name: "report-out",
      type: "path",
      default: ".mlgate/evaluate.html",
      description: "Where to write the self-contained HTML report with ROC, precision-recall and calibration curves.",
    },
    {
      name: "report-json-out",
      type: "path",
      default: ".mlgate/evaluate.json",
      description: "Where to write the machine-readable verdict: metrics, intervals, slices, gates and timings.",
    },
    onnxRuntimePathInput,
  ],
  outputs: [
    { name: "verdict", description: "`promote` or `reject`." },
    { name: "verdict-id", description: "The stored verdict's id: what deploy takes." },
    { name: "metrics", description: "The challenger's metrics as a JSON object." },
    { name: "champion-version", description: "The champion's version, empty on the first run." },
    { name: "problem", description: "`binary`, `multiclass` or `regression`." },
    { name: "report", description: "Path of the HTML report." },
    { name: "report-json", description: "Path of the JSON verdict report." },
  ],
} as const satisfies TaskSpec;
