import { registryInput } from "./shared-inputs.js";
import type { TaskSpec } from "./spec.js";

export const registerSpec = {
  name: "register",
  title: "mlgate: register a model version",
  description:
    "Register an ONNX model as a new immutable version in the mlgate registry, with its metrics, training-data profile, params and lineage; optionally point an alias at it.",
  inputs: [
    { name: "model", type: "path", required: true, description: "Path to the ONNX model file to register." },
    {
      name: "name",
      type: "string",
      required: true,
      configurable: true,
      description: "Model name in the registry: lowercase letters, digits, `.`, `_`, `-` (e.g. `churn`).",
    },
    registryInput,
    {
      name: "metrics",
      type: "path",
      description: "JSON file of metrics to store with the version (numbers are indexed for listing and gates).",
    },
    {
      name: "profile",
      type: "path",
      description:
        "Profile of the training data (from `validate-data`), stored so drift monitoring needs no training data.",
    },
    { name: "params", type: "path", description: "JSON or YAML file of the training parameters." },
    {
      name: "run",
      type: "string",
      description:
        "The `run-id` output of `train` that produced this model: the version links to that run's lineage (code, data, params, environment) and takes its metrics, params and training-data profile where `metrics`, `params` and `profile` are not given.",
    },
    { name: "tags", type: "list", description: "Tags as `key=value`, separated by commas or newlines." },
    { name: "alias", type: "string", description: "Point this alias (e.g. `candidate`) at the registered version." },
    {
      name: "allow-duplicate",
      type: "boolean",
      default: "false",
      description:
        "Register a new version even when the same model file (same digest) is already registered; by default the existing version is returned.",
    },
  ],
  outputs: [
    {
      name: "version",
      description: "The version number (the existing one when the same model was already registered).",
    },
    { name: "digest", description: "The model file's digest, `sha256:<hex>`." },
    { name: "uri", description: "The version's reference, `<registry>#<name>@<version>`." },
    { name: "created", description: "`true` when this run created the version, `false` when it already existed." },
  ],
} as const satisfies TaskSpec;
