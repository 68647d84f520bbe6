/** Inputs several tasks take with the same meaning: written once so their help text cannot drift apart. */
import { PATH_KEY } from "../core/model/runtime/index.js";
import type { InputSpec } from "./spec.js";

export const registryInput = {
  name: "registry",
  type: "string",
  default: ".mlgate/registry",
  configurable: true,
  description:
    "Where the registry lives: a folder path or `file://…`, `az://<container>/<prefix>` or `https://<account>.blob.core.windows.net/<container>/<prefix>`. Blob credentials come from `AZURE_STORAGE_CONNECTION_STRING`, the Azure service connection, or DefaultAzureCredential.",
} as const satisfies InputSpec;

export const formatInput = {
  name: "format",
  type: "choice",
  options: ["csv", "tsv", "jsonl", "parquet"],
  description: "Read every source as this format instead of going by file extension.",
} as const satisfies InputSpec;

export const onnxRuntimePathInput = {
  name: PATH_KEY,
  type: "path",
  description:
    "An unpacked onnxruntime-node package (a folder with `node_modules/onnxruntime-node`), for runners without access to the npm registry. Default: the installed copy, else a cached one, else the pinned version fetched once.",
} as const satisfies InputSpec;
