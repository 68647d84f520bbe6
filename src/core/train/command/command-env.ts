/**
 * The contract between mlgate and a training command, in environment variables:
 * - `MLGATE_DATA`: the data paths, joined with the platform's path delimiter (`:`, or `;` on Windows);
 * - `MLGATE_PARAMS`: the path of a JSON file with the params;
 * - `MLGATE_PARAM_<NAME>`: each top-level param, NAME upper-cased with other characters as `_`
 *   (strings as they are, numbers and booleans as text, anything else as JSON);
 * - `MLGATE_OUTPUT_DIR`: where the command writes `model.onnx` (required) and `metrics.json` (optional).
 */
import path from "node:path";

export interface CommandContract {
  data: readonly string[];
  paramsFile: string;
  params: Readonly<Record<string, unknown>>;
  outputDir: string;
}

export function contractEnv(contract: CommandContract): Record<string, string> {
  const env: Record<string, string> = {
    MLGATE_DATA: contract.data.join(path.delimiter),
    MLGATE_PARAMS: contract.paramsFile,
    MLGATE_OUTPUT_DIR: contract.outputDir,
  };
  for (const [name, value] of Object.entries(contract.params)) env[paramVariable(name)] = paramText(value);
  return env;
}

export function paramVariable(name: string): string {
  return `MLGATE_PARAM_${name.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`;
}

function paramText(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}
