import { formatInput, onnxRuntimePathInput, registryInput } from "./shared-inputs.js";
import type { TaskSpec } from "./spec.js";

export const DEPLOY_TARGETS = ["registry", "azure-blob", "command", "serve"] as const;
export type DeployTargetName = (typeof DEPLOY_TARGETS)[number];

export const deploySpec = {
  name: "deploy",
  title: "mlgate: deploy a model version",
  description:
    "Move an alias (`production`) to the version a `promote` verdict approved, in one compare-and-swap with an audit entry, only if the alias still points at the champion the verdict was measured against. Optionally smoke-tests the version first and publishes it to Azure Blob Storage, runs your deploy command or waits for `mlgate serve` to pick it up.",
  inputs: [
    {
      name: "model",
      type: "string",
      required: true,
      configurable: true,
      description: "The model's name in the registry (e.g. `churn`).",
    },
    registryInput,
    {
      name: "verdict",
      type: "string",
      description:
        "The `verdict-id` output of evaluate-against-champion. The version deployed is the registered version whose model is the verdict's challenger. Give `verdict`, `version` (with `force`) or `rollback`.",
    },
    {
      name: "version",
      type: "integer",
      description:
        "The version to deploy. With `verdict`, it must be the verdict's challenger; without, it needs `force` and a `reason`.",
    },
    {
      name: "alias",
      type: "string",
      default: "production",
      configurable: true,
      description: "The alias to move: the one the verdict's champion was read from.",
    },
    {
      name: "rollback",
      type: "boolean",
      default: "false",
      description:
        "Move the alias back to the version before its current one in its history (an undo: rolling back twice from 1 → 2 → 3 goes to 2, then 1). Needs no verdict.",
    },
    {
      name: "force",
      type: "boolean",
      default: "false",
      description:
        "An audited override: deploy under a `reject` verdict, or after the alias moved since the verdict, or a `version` without a verdict. Requires `reason`; the alias history records both.",
    },
    {
      name: "reason",
      type: "string",
      description: "Why, in the alias history (required with `force`). Default: the verdict or the rollback.",
    },
    // The target inputs are not configurable: `defaults:` in mlgate.yml would hand train's `target`
    // (its label) and `command` to deploy as well, and where a version goes is the workflow's call.
    {
      name: "target",
      type: "choice",
      options: DEPLOY_TARGETS,
      default: "registry",
      description:
        "Where the model goes besides the alias move: `registry` (only the move; consumers pull by alias), `azure-blob` (the model and a manifest at a stable URL, `target-url`), `command` (your deploy command runs first; its failure stops the move), `serve` (wait until `mlgate serve` at `serve-url` serves the version).",
    },
    {
      name: "command",
      type: "string",
      description:
        "target `command`: your deploy command, run by the shell before the alias moves, with `MLGATE_MODEL_PATH`, `MLGATE_MODEL_NAME`, `MLGATE_MODEL_VERSION`, `MLGATE_MODEL_DIGEST`, `MLGATE_ALIAS` and `MLGATE_PREVIOUS_VERSION` set. A non-zero exit leaves the alias where it was.",
    },
    {
      name: "command-timeout",
      type: "string",
      description:
        "target `command`: stop the command (and its children) after this long: `90s`, `10m`; a bare number is minutes.",
    },
    {
      name: "target-url",
      type: "string",
      description:
        "target `azure-blob`: where to publish, `az://<container>/<prefix>` or `https://<account>.blob.core.windows.net/<container>/<prefix>` (credentials as for the registry). The model goes to `<prefix>/<model>/<version>/model.onnx`, the manifest to `<prefix>/<model>/<alias>.json`.",
    },
    {
      name: "serve-url",
      type: "string",
      description:
        "target `serve`: the base URL of `mlgate serve` (e.g. `http://models.internal:8080`); deploy waits until its `/v2/models/<model>` lists the version.",
    },
    {
      name: "serve-timeout",
      type: "number",
      default: "60",
      description: "target `serve`: seconds to wait for the server to pick up the move.",
    },
    {
      name: "smoke-data",
      type: "string",
      description:
        "Rows the version must predict (finite, one per row) before the alias moves: paths, globs or blob URLs (CSV, TSV, JSON Lines, Parquet). A failed prediction leaves the alias where it was.",
    },
    formatInput,
    {
      name: "features",
      type: "list",
      configurable: true,
      description:
        "The smoke-data columns a model with one `[N, F]` input reads, in order (default: every numeric column). Models with one input per column are fed by input name.",
    },
    {
      name: "allow-untrusted",
      type: "boolean",
      default: "false",
      description:
        "Deploy even when the run is untrusted (a pull request from a fork). Only as a task input, never from mlgate.yml: a fork can edit that file.",
    },
    onnxRuntimePathInput,
  ],
  outputs: [
    {
      name: "version",
      description: "The version the alias points at when deploy finished (unchanged when it refused).",
    },
    { name: "previous-version", description: "The version the alias pointed at before the move; empty when none." },
    { name: "alias", description: "The alias moved." },
    {
      name: "url",
      description:
        "target `azure-blob`: the manifest's URL; target `serve`: the server's URL; empty for the other targets.",
    },
  ],
} as const satisfies TaskSpec;
