/**
 * What the example workflows are checked against: each task's spec (inputs, outputs, which are
 * required or configurable), its GitHub action (actions/<task>/action.yml, and the root action.yml
 * that takes `task:`), its Azure Pipelines task (tasks/<task>/task.json: the task's name, major
 * version, camelCase inputs and output variables), and what the example's mlgate.yml sets.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { type Config, configuredInputs, loadConfig } from "../../src/core/config/config.js";
import { azureName } from "../../src/hosts/host-inputs.js";
import type { InputSpec, TaskSpec } from "../../src/tasks/spec.js";
import { taskSpecs } from "../../src/tasks/specs.js";

export const REPO = fileURLToPath(new URL("../..", import.meta.url));
export const EXAMPLE = path.join(REPO, "examples/churn");

export interface TaskEntry {
  spec: TaskSpec;
  /** actions/<task>/action.yml: input names (the spec's plus github-token) and output names */
  action: { inputs: Set<string>; outputs: Set<string> };
  azure: {
    /** `MlgateTrain` */
    name: string;
    major: number;
    /** camelCase input name → its task.json entry */
    inputs: Map<string, AzureInput>;
    /** camelCase output variable → the spec's output name */
    outputs: Map<string, string>;
  };
}

export interface AzureInput {
  name: string;
  type: string;
  required?: boolean;
  options?: Record<string, string>;
  /** the spec's input behind it; absent for host inputs (azureSubscription) */
  spec?: InputSpec;
}

export interface Catalog {
  tasks: Map<string, TaskEntry>;
  /** task.json `name` → entry */
  azureTasks: Map<string, TaskEntry>;
  /** the root action.yml's inputs: `task` plus every task's */
  rootInputs: Set<string>;
  /** what mlgate.yml sets for a task (model.name, registry, defaults, tasks.<task>), when the example has one */
  configured(task: string): Readonly<Record<string, unknown>>;
}

interface ActionFile {
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

interface TaskJson {
  name: string;
  version: { Major: number };
  inputs: { name: string; type: string; required?: boolean; options?: Record<string, string> }[];
  outputVariables?: { name: string }[];
}

function readYaml<T>(file: string): T {
  return parse(readFileSync(path.join(REPO, file), "utf8")) as T;
}

function readJsonFile<T>(file: string): T {
  return JSON.parse(readFileSync(path.join(REPO, file), "utf8")) as T;
}

export async function loadCatalog(options: { config?: Config | null } = {}): Promise<Catalog> {
  const tasks = new Map<string, TaskEntry>();
  const azureTasks = new Map<string, TaskEntry>();
  for (const spec of taskSpecs) {
    const action = readYaml<ActionFile>(`actions/${spec.name}/action.yml`);
    const taskJson = readJsonFile<TaskJson>(`tasks/${spec.name}/task.json`);
    const specByAzure = new Map(spec.inputs.map((input) => [azureName(input.name), input]));
    const outputByAzure = new Map(spec.outputs.map((output) => [azureName(output.name), output.name]));
    const entry: TaskEntry = {
      spec,
      action: {
        inputs: new Set(Object.keys(action.inputs ?? {})),
        outputs: new Set(Object.keys(action.outputs ?? {})),
      },
      azure: {
        name: taskJson.name,
        major: taskJson.version.Major,
        inputs: new Map(
          taskJson.inputs.map((input) => {
            const spec = specByAzure.get(input.name);
            return [input.name, { ...input, ...(spec ? { spec } : {}) }];
          }),
        ),
        outputs: new Map(
          (taskJson.outputVariables ?? []).map((variable) => [
            variable.name,
            outputByAzure.get(variable.name) ?? variable.name,
          ]),
        ),
      },
    };
    tasks.set(spec.name, entry);
    azureTasks.set(taskJson.name, entry);
  }
  const root = readYaml<ActionFile>("action.yml");
  // null: check as if the example had no mlgate.yml (the checker's own tests)
  const config = options.config === undefined ? await loadConfig({ workspace: EXAMPLE }) : options.config;
  return {
    tasks,
    azureTasks,
    rootInputs: new Set(Object.keys(root.inputs ?? {})),
    configured: (task) => (config ? configuredInputs(config, task) : {}),
  };
}

/** A spec input that must be given: required, no default, and not set by mlgate.yml. */
export function missingRequired(entry: TaskEntry, catalog: Catalog, given: (input: InputSpec) => boolean): string[] {
  const configured = catalog.configured(entry.spec.name);
  return entry.spec.inputs
    .filter((input) => input.required && input.default === undefined)
    .filter((input) => !given(input) && !(input.configurable && configured[input.name] !== undefined))
    .map((input) => input.name);
}

/**
 * Which task outputs may feed which inputs: the stage-to-stage wiring of the pipeline. A value
 * that is one reference to a task output must be one of `from`; a value with references inside
 * text (`churn@${{ … }}`) may hold only `within`; `reference` means a literal makes no sense
 * there (deploy's verdict is always the evaluation's).
 */
export interface Wiring {
  from: readonly string[];
  within?: readonly string[];
  reference?: true;
}

export const WIRING: Record<string, Wiring> = {
  "evaluate-against-champion.challenger": { from: ["train.model"], within: ["register.version"] },
  "register.model": { from: ["train.model"] },
  "register.run": { from: ["train.run-id"] },
  "register.metrics": { from: ["train.metrics"] },
  "register.profile": { from: ["validate-data.profile"] },
  "deploy.verdict": { from: ["evaluate-against-champion.verdict-id"], reference: true },
  "deploy.version": { from: ["register.version"] },
  "monitor-drift.reference": { from: ["validate-data.profile"] },
};

/**
 * What is wrong with an input's wiring: `producers` are the task outputs the value's references
 * read (`train.model`; undefined for another expression), `whole` says the value is exactly one.
 */
export function wiringProblem(
  rule: Wiring,
  producers: readonly (string | undefined)[],
  whole: boolean,
): string | undefined {
  const expected = rule.from.join(" or ");
  if (producers.length === 0) return rule.reference ? `should be the output ${expected}, not a literal` : undefined;
  if (whole) {
    const [from] = producers;
    if (from === undefined) return `should be exactly the output ${expected}`;
    return rule.from.includes(from) ? undefined : `is fed ${from}; it takes ${expected}`;
  }
  const within = rule.within;
  if (!within) return `should be exactly the output ${expected}`;
  const stray = producers.findIndex((from) => from === undefined || !within.includes(from));
  return stray < 0
    ? undefined
    : `reads ${producers[stray] ?? "another expression"} inside text; only ${within.join(", ")} may be`;
}

/** A checked literal value of an input: an option of a choice, a boolean, a number. */
export function literalProblem(input: InputSpec, value: string): string | undefined {
  const text = value.trim();
  switch (input.type) {
    case "choice":
      return input.options?.includes(text) ? undefined : `is '${text}', not one of ${input.options?.join(", ")}`;
    case "boolean":
      return /^(true|false)$/.test(text) ? undefined : `is '${text}', not true or false`;
    case "integer":
      return /^[+-]?\d+$/.test(text) ? undefined : `is '${text}', not a whole number`;
    case "number":
      return text !== "" && Number.isFinite(Number(text)) ? undefined : `is '${text}', not a number`;
    default:
      return undefined;
  }
}

/** The example's files a literal `data`, `schema`, `params` or `smoke-data` names must exist. */
export const FILE_INPUTS = new Set(["data", "schema", "params", "smoke-data", "smokeData"]);

/** Relative paths (no URL, glob or variable) of a list input, one per comma or line. */
export function literalFiles(value: string): string[] {
  return value
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter((item) => item !== "" && !/[*?[{$]|:\/\//.test(item) && !path.isAbsolute(item));
}
