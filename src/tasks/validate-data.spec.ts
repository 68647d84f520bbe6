import { formatInput } from "./shared-inputs.js";
import type { TaskSpec } from "./spec.js";

export const validateDataSpec = {
  name: "validate-data",
  title: "mlgate: validate data",
  description:
    "Check a dataset against its checked-in schema in one streaming pass and write its profile (the training-data profile register stores and monitor-drift compares with). Without a schema, infer one for review.",
  inputs: [
    {
      name: "data",
      type: "string",
      required: true,
      description:
        "The data: paths, globs (`data/*.csv`, `**` for any depth) or blob URLs (`https://<account>.blob.core.windows.net/<container>/<path>`, `az://…`), separated by commas or new lines. CSV, TSV, JSON Lines or Parquet.",
    },
    formatInput,
    {
      name: "schema",
      type: "path",
      configurable: true,
      description:
        "The schema the data must meet (`schema.yml`). Leave empty to infer one from the data and write it to `schema-out`.",
    },
    {
      name: "schema-out",
      type: "path",
      default: "schema.yml",
      description: "Where to write the inferred schema when `schema` is empty; review it and check it in.",
    },
    {
      name: "fail-on",
      type: "choice",
      options: ["error", "warning", "never"],
      default: "error",
      configurable: true,
      description: "Exit with 1 on anomalies of this severity or worse (`never`: report only).",
    },
    {
      name: "profile-out",
      type: "path",
      default: ".mlgate/profile.json",
      description: "Where to write the data's profile (pass it to `register` as `profile`).",
    },
    {
      name: "report-out",
      type: "path",
      default: ".mlgate/validate-data.html",
      description: "Where to write the HTML report.",
    },
    {
      name: "redact-values",
      type: "boolean",
      default: "false",
      configurable: true,
      description:
        "Keep data values out of logs, reports and comments (anomalies still name column, kind, count and line).",
    },
  ],
  outputs: [
    { name: "valid", description: "`true` when no anomaly reaches the `fail-on` severity." },
    { name: "errors", description: "Number of anomalies of severity error." },
    { name: "warnings", description: "Number of anomalies of severity warning." },
    { name: "profile", description: "Path of the profile written." },
    { name: "report", description: "Path of the HTML report." },
  ],
} as const satisfies TaskSpec;
