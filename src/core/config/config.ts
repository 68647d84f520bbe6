/** Reads mlgate.yml: YAML with source positions, no secrets, validated against schema/mlgate.schema.json. */
import { readFile } from "node:fs/promises";
import { isAbsolute, relative, resolve } from "node:path";
import { InputError, type Where } from "../errors.js";
import type { GatesConfig } from "../evaluate/gates/gates-config.js";
import type { SearchConfig } from "../train/search/search-config.js";

export const DEFAULT_CONFIG_FILE = "mlgate.yml";

export type TaskInputs = Record<string, unknown>;

export interface Config {
  /** The file it was read from, relative to the workspace when inside it: what messages name. */
  file: string;
  version: 1;
  registry?: string;
  model?: { name: string };
  defaults?: TaskInputs;
  tasks?: Record<string, TaskInputs>;
  gates?: GatesConfig;
  search?: SearchConfig;
  schema?: string;
  drift?: Record<string, unknown>;
  /** Where a key path such as `tasks.register.registry` sits in the file, for messages about its value. */
  locate(keyPath: string): Where;
}

/**
 * Reads `<workspace>/mlgate.yml`, or `path` (relative to the workspace) when given. The default file
 * is optional (undefined when absent); a path given explicitly must exist.
 */
export async function loadConfig(options: { workspace: string; path?: string }): Promise<Config | undefined> {
  const absolute = resolve(options.workspace, options.path ?? DEFAULT_CONFIG_FILE);
  const file = shownPath(options.workspace, absolute);
  let text: string;
  try {
    text = await readFile(absolute, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT" && options.path === undefined) return undefined;
    throw unreadable(error, file);
  }
  // YAML and schema validation load only when there is a file to read: most runs have none
  const { parseConfig } = await import("./parse.js");
  return parseConfig(text, file);
}

/**
 * The inputs mlgate.yml sets for one task: the top-level `registry` and `model.name` (as the
 * `registry` and `name` inputs), then `defaults`, then `tasks.<task>` — later ones win. Keys the
 * task has no input for are left for the host to ignore; inputs given to the task override all.
 */
export function configuredInputs(config: Config, taskName: string): TaskInputs {
  const shorthands: TaskInputs = {};
  if (config.registry !== undefined) shorthands.registry = config.registry;
  if (config.model !== undefined) shorthands.name = config.model.name;
  return { ...shorthands, ...config.defaults, ...config.tasks?.[taskName] };
}

function unreadable(error: unknown, file: string): InputError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") {
    return new InputError(
      "configuration file not found",
      { file },
      "check the path, or leave it out to use mlgate.yml",
    );
  }
  if (code === "EISDIR") return new InputError("is a folder, not a configuration file", { file }, "name the YAML file");
  return new InputError(
    `cannot read the configuration file (${code ?? "unknown error"})`,
    { file },
    "check its permissions",
  );
}

function shownPath(workspace: string, absolute: string): string {
  const inside = relative(workspace, absolute);
  return inside && !inside.startsWith("..") && !isAbsolute(inside) ? inside : absolute;
}
