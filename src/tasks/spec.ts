/**
 * A task is its spec plus run(inputs, ctx). The spec is the single source of truth for every
 * generated surface: actions/<task>/action.yml, the root action.yml, tasks/<task>/task.json, the
 * CLI's flags and --help, and the README's tables.
 */
import type { Config } from "../core/config/config.js";
import type { TaskContext } from "./context.js";

export type InputType =
  /** free text */
  | "string"
  /** a file or folder path, resolved against the workspace */
  | "path"
  /** true/false (also yes/no, 1/0 when given on the command line) */
  | "boolean"
  | "integer"
  | "number"
  /** one of `options` */
  | "choice"
  /** comma- or newline-separated list */
  | "list";

export interface InputSpec {
  /** kebab-case, exactly as users type it: `--allow-duplicate`, `INPUT_ALLOW-DUPLICATE`, `allow-duplicate:` */
  name: string;
  type: InputType;
  description: string;
  required?: boolean;
  /** The default as the user would write it; absent means "not set". */
  default?: string;
  options?: readonly string[];
  /** Values are masked in every log and never echoed back. */
  secret?: boolean;
  /** May be set in mlgate.yml under `tasks.<task>.<name>` (or `defaults.<name>`); inputs override config. */
  configurable?: boolean;
}

export interface OutputSpec {
  name: string;
  description: string;
}

export interface TaskSpec {
  /** kebab-case task name: `register`, `evaluate-against-champion` */
  name: string;
  /** Human title for marketplaces and task pickers. */
  title: string;
  description: string;
  inputs: readonly InputSpec[];
  outputs: readonly OutputSpec[];
}

export type InputValue = string | boolean | number | readonly string[];
/** Parsed inputs, keyed by spec name; absent inputs without a default are missing from the map. */
export type Inputs = Readonly<Record<string, InputValue | undefined>>;

export interface TaskResult {
  /** 0 success, 1 the task ran and the answer is no. Bad input is thrown as InputError (exit 2). */
  exitCode: 0 | 1;
  outputs: Record<string, string>;
}

export interface Task {
  spec: TaskSpec;
  /** `config`: mlgate.yml when there is one, for the sections that are not inputs (search, gates). */
  run(inputs: Inputs, ctx: TaskContext, config?: Config): Promise<TaskResult>;
}
