/** The train task's inputs read and checked up front: nothing runs until all of them are valid. */
import path from "node:path";
import type { Config } from "../../core/config/config.js";
import { isBlobPattern } from "../../core/data/blob-location.js";
import { InputError } from "../../core/errors.js";
import { parseObject, readInputFile } from "../../core/files.js";
import { PATH_KEY } from "../../core/model/runtime/index.js";
import type { BuiltinTrainer } from "../../core/train/builtin/index.js";
import { planTrials, type SearchSpec, searchSpecFromConfig } from "../../core/train/search/index.js";
import type { TaskContext } from "../context.js";
import type { Inputs } from "../spec.js";
import { parseDuration } from "./duration.js";

export type Trainer = { kind: "command"; command: string } | { kind: "builtin"; trainer: "builtin" | BuiltinTrainer };

export interface TrainInputs {
  data: string;
  format?: "csv" | "tsv" | "jsonl" | "parquet";
  trainer: Trainer;
  target?: string;
  features?: readonly string[];
  /** the params file's content (empty without one) */
  params: Record<string, unknown>;
  /** params of every run: one without a search, one per trial with one */
  trials: Record<string, unknown>[];
  search?: SearchSpec;
  outputDir: string;
  name?: string;
  championAlias: string;
  registry: string;
  code?: readonly string[];
  workingDirectory: string;
  timeoutMs?: number;
  /** passed to the command on top of the runner's environment; every value is masked */
  passEnv: Record<string, string>;
  force: boolean;
  runtimePath?: string;
}

export async function readTrainInputs(inputs: Inputs, ctx: TaskContext, config?: Config): Promise<TrainInputs> {
  const trainer = readTrainer(inputs);
  const target = inputs.target as string | undefined;
  if (trainer.kind === "builtin" && !target) {
    throw new InputError("a builtin trainer needs the label column", { key: "target" }, "set target to its name");
  }
  const params = await readParams(inputs.params as string | undefined);
  const search = config?.search ? searchSpecFromConfig(config.search) : undefined;
  const trials = search && config ? planSearch(search, params, config) : [params];
  const features = inputs.features as readonly string[] | undefined;
  return {
    data: inputs.data as string,
    format: inputs.format as TrainInputs["format"],
    trainer,
    ...(target ? { target } : {}),
    ...(features && features.length > 0 ? { features } : {}),
    params,
    trials,
    ...(search ? { search } : {}),
    outputDir: inputs["output-dir"] as string,
    name: inputs.name as string | undefined,
    championAlias: inputs["champion-alias"] as string,
    registry: inputs.registry as string,
    code: inputs.code as readonly string[] | undefined,
    workingDirectory: (inputs["working-directory"] as string | undefined) ?? ctx.workspace,
    timeoutMs: inputs.timeout === undefined ? undefined : parseDuration(inputs.timeout as string, "timeout"),
    passEnv: readPassEnv((inputs.env as readonly string[] | undefined) ?? [], ctx),
    force: inputs.force === true,
    runtimePath: inputs[PATH_KEY] as string | undefined,
  };
}

/** The trials, with a mistake in `search:` located at its line in mlgate.yml. */
function planSearch(search: SearchSpec, params: Record<string, unknown>, config: Config): Record<string, unknown>[] {
  try {
    return planTrials(search, params);
  } catch (error) {
    if (!(error instanceof InputError) || !error.where.key) throw error;
    throw new InputError(error.problem, { ...config.locate(error.where.key), key: error.where.key }, error.fix);
  }
}

function readTrainer(inputs: Inputs): Trainer {
  const command = (inputs.command as string | undefined)?.trim();
  const trainer = inputs.trainer as "builtin" | BuiltinTrainer | undefined;
  if (command && trainer) {
    throw new InputError(
      "both a command and a builtin trainer are given",
      { key: "trainer" },
      "keep one: command runs your code, trainer trains a builtin model",
    );
  }
  if (command) return { kind: "command", command };
  if (trainer) return { kind: "builtin", trainer };
  throw new InputError(
    "no training given",
    { key: "command" },
    "set command to your training command (python train.py), or trainer to builtin",
  );
}

async function readParams(file: string | undefined): Promise<Record<string, unknown>> {
  if (!file) return {};
  return parseObject(await readInputFile(file, "params"), file, "params");
}

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function readPassEnv(items: readonly string[], ctx: TaskContext): Record<string, string> {
  const passed: Record<string, string> = {};
  for (const item of items) {
    const equals = item.indexOf("=");
    const name = (equals < 0 ? item : item.slice(0, equals)).trim();
    if (!VARIABLE_NAME.test(name)) {
      throw new InputError(
        `'${name.slice(0, 40)}' is not an environment variable name`,
        { key: "env" },
        "write NAME=value or NAME, one per line",
      );
    }
    const value = equals < 0 ? ctx.env[name] : item.slice(equals + 1);
    if (value === undefined) {
      throw new InputError(
        `${name} is not set on this runner`,
        { key: "env" },
        `set it in the step's environment, or write ${name}=value`,
      );
    }
    if (value !== "") ctx.mask(value);
    passed[name] = value;
  }
  return passed;
}

/** Local data paths as absolute paths for a command that may run in another folder; blob URLs as they are. */
export function commandDataPaths(sources: readonly string[], workspace: string): string[] {
  return sources.map((source) => (isBlobPattern(source) ? source : path.resolve(workspace, source)));
}
