import { BUILTIN_TRAINERS } from "../core/train/builtin/index.js";
import { formatInput, onnxRuntimePathInput, registryInput } from "./shared-inputs.js";
import type { TaskSpec } from "./spec.js";

export const trainSpec = {
  name: "train",
  title: "mlgate: train a model",
  description:
    "Train a model reproducibly: run your training command (any language) or a builtin tabular trainer, check the ONNX model it writes against the data, record the run's full lineage and skip the training when code, data, params and environment are unchanged (run cache). Runs the parameter search declared in mlgate.yml.",
  inputs: [
    {
      name: "data",
      type: "string",
      required: true,
      description:
        "The training data: paths, globs or blob URLs, separated by commas or new lines (CSV, TSV, JSON Lines, Parquet). Its digests key the run cache; a command gets the paths in `MLGATE_DATA`.",
    },
    formatInput,
    {
      name: "command",
      type: "string",
      configurable: true,
      description:
        "Your training command, run by the shell (`python train.py`). It reads `MLGATE_DATA`, `MLGATE_PARAMS` (a JSON file), `MLGATE_PARAM_<NAME>`, and writes `model.onnx` (and optionally `metrics.json`) into `MLGATE_OUTPUT_DIR`. Give `command` or `trainer`.",
    },
    {
      name: "trainer",
      type: "choice",
      options: ["builtin", ...BUILTIN_TRAINERS],
      configurable: true,
      description:
        "A builtin tabular trainer instead of a command: `logistic` (binary or multiclass), `ridge`, `linear`, `majority` or `mean`; `builtin` picks logistic for a class label and ridge for a numeric target. Standardisation, imputation and one-hot encoding are inside the exported graph.",
    },
    {
      name: "target",
      type: "string",
      configurable: true,
      description:
        "The label column. Required by a builtin trainer; for a command it is left out of the model's features when the model takes one feature tensor.",
    },
    {
      name: "features",
      type: "list",
      configurable: true,
      description:
        "The feature columns, in order (default: every column but the target). A model with one `[N, F]` input is fed these columns in this order.",
    },
    {
      name: "params",
      type: "path",
      configurable: true,
      description:
        "JSON or YAML file of training parameters (an object). Builtin trainers read `C`, `alpha`, `max-iterations`, `tolerance`, `validation-fraction`, `seed`.",
    },
    {
      name: "output-dir",
      type: "path",
      default: ".mlgate/train",
      configurable: true,
      description: "Where `model.onnx` and `metrics.json` land (and, on a cache hit, are restored).",
    },
    {
      name: "name",
      type: "string",
      configurable: true,
      description: "The model's name in the registry: the run records which version its champion was at the time.",
    },
    {
      name: "champion-alias",
      type: "string",
      default: "production",
      configurable: true,
      description: "The alias whose version is the champion recorded in the run's lineage.",
    },
    registryInput,
    {
      name: "code",
      type: "list",
      configurable: true,
      description:
        "Globs of the files whose content is the run's code (default: every git-tracked file under the working directory). Part of the run cache key.",
    },
    {
      name: "working-directory",
      type: "path",
      description: "Where the command runs (default: the workspace).",
    },
    {
      name: "timeout",
      type: "string",
      configurable: true,
      description: "Stop the command (and its children) after this long: `90s`, `45m`, `2h`; a bare number is minutes.",
    },
    {
      name: "env",
      type: "list",
      description:
        "Environment variables for the command, such as private package feed credentials: `NAME=value`, or `NAME` to pass the runner's value. Every value is masked in the logs.",
    },
    {
      name: "force",
      type: "boolean",
      default: "false",
      description: "Train even when the run cache holds a run with the same inputs.",
    },
    onnxRuntimePathInput,
  ],
  outputs: [
    { name: "model", description: "Path of the trained (or restored) `model.onnx`." },
    { name: "metrics", description: "Path of `metrics.json`, when the training wrote metrics." },
    {
      name: "run-id",
      description: "The run record's id: the run that trained this model (the earlier one on a cache hit).",
    },
    { name: "cached", description: "`true` when the outputs came from the run cache and nothing was trained." },
    { name: "signature", description: "The model's inputs and outputs as JSON: names, element types, shapes." },
  ],
} as const satisfies TaskSpec;
