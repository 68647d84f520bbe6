/** Reads mlgate.yml: YAML with source positions, no secrets, validated against schema/mlgate.schema.json. */
import { readFile } from "node:fs/promises";
import { isAbsolute, relative, resolve } from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import { LineCounter, parseDocument, type YAMLParseError } from "yaml";
import configSchema from "../../../schema/mlgate.schema.json" with { type: "json" };
import { InputError, type Where } from "../errors.js";
import { refuseSecrets } from "./secrets.js";
import { type ConfigSource, locate } from "./source.js";
import { violationError } from "./violations.js";

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
  gates?: Record<string, unknown>;
  search?: Record<string, unknown>;
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
  return parseConfig(text, file);
}

/** Parses and validates mlgate.yml's text; `file` is only used to name the file in messages. */
export function parseConfig(text: string, file: string): Config {
  const lines = new LineCounter();
  // prettyErrors off: the pretty form quotes the source line, which could hold a secret.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const source: ConfigSource = { file, doc, lines };

  const [syntaxError] = doc.errors;
  if (syntaxError) {
    const { line, col } = lines.linePos(syntaxError.pos[0]);
    const { problem, fix } = yamlProblem(syntaxError);
    throw new InputError(problem, { file, line, column: col }, fix);
  }
  if (doc.contents === null) throw new InputError("is empty", { file }, "add `version: 1`, or delete the file");

  refuseSecrets(source);

  let values: unknown;
  try {
    values = doc.toJS();
  } catch (error) {
    // an alias to a missing anchor, or aliases that expand without bound
    throw new InputError(
      `invalid YAML: ${(error as Error).message}`,
      { file },
      "fix the anchors (&name) and aliases (*name)",
    );
  }
  const validate = configValidator();
  if (!validate(values)) throw violationError(source, validate.errors ?? []);

  const { $schema: _editorHint, ...settings } = values as Omit<Config, "file" | "locate"> & { $schema?: string };
  return { ...settings, file, locate: (path) => locate(source, path.split(".")) };
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

function yamlProblem(error: YAMLParseError): { problem: string; fix: string } {
  if (error.code === "MULTIPLE_DOCS") {
    return { problem: "holds more than one YAML document", fix: "keep one document: remove the `---` separator" };
  }
  return { problem: `invalid YAML: ${error.message.split("\n")[0]}`, fix: "fix the YAML syntax at that position" };
}

let compiled: ValidateFunction | undefined;

function configValidator(): ValidateFunction {
  // verbose: the unknown-key message lists the allowed keys from the failing (parent) schema.
  compiled ??= new Ajv({ allowUnionTypes: true, verbose: true }).compile(configSchema);
  return compiled;
}

function shownPath(workspace: string, absolute: string): string {
  const inside = relative(workspace, absolute);
  return inside && !inside.startsWith("..") && !isAbsolute(inside) ? inside : absolute;
}
