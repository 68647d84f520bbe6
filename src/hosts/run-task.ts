/**
 * The one place a task is run, whatever the host: read mlgate.yml, parse inputs by the spec, run,
 * write outputs, and turn every failure into the exit-code contract (0 / 1 / 2, one clear line).
 */
import { configuredInputs, loadConfig } from "../core/config/config.js";
import { describeError, ExitCode, InputError } from "../core/errors.js";
import type { SourceLocation, TaskContext } from "../tasks/context.js";
import type { Task } from "../tasks/spec.js";
import { parseInputs, type RawInputs } from "./parse-inputs.js";

export interface HostRun {
  task: Task;
  raw: RawInputs;
  ctx: TaskContext;
  /** how this host names an input in messages */
  label: (name: string) => string;
  /** how this host spells an input's name (Azure Pipelines: camelCase), where it differs from the spec's */
  inputName?: (name: string) => string;
  setOutput: (name: string, value: string) => void;
  debug?: boolean;
}

export async function runTask(run: HostRun): Promise<ExitCode> {
  const { task, ctx } = run;
  // read by onnxruntime-node when it loads; the core never touches process.env
  process.env.ORT_DISABLE_TELEMETRY ??= "1";
  try {
    const config = await loadConfig({ workspace: ctx.workspace });
    const inputs = parseInputs(task.spec, run.raw, {
      workspace: ctx.workspace,
      configured: config ? configuredInputs(config, task.spec.name) : undefined,
      label: run.label,
      mask: (secret) => ctx.mask(secret),
    });
    const result = await task.run(inputs, ctx, config);
    for (const [name, value] of Object.entries(result.outputs)) run.setOutput(name, value);
    return result.exitCode;
  } catch (error) {
    ctx.log.error(inHostNames(describeError(error, run.debug), run), locationOf(error));
    return ExitCode.badInput;
  }
}

/** A task names its inputs as the spec does (`output-dir`); say them as this host's users write them. */
function inHostNames(message: string, run: HostRun): string {
  const { inputName } = run;
  if (!inputName) return message;
  return run.task.spec.inputs
    .filter((input) => input.name.includes("-"))
    .reduce((text, input) => text.replaceAll(input.name, inputName(input.name)), message);
}

/** Bad input in a file becomes an annotation on that file and line where the host can show one. */
function locationOf(error: unknown): SourceLocation | undefined {
  if (!(error instanceof InputError) || !error.where.file) return undefined;
  const { file, line, column } = error.where;
  return { file, line, column };
}
