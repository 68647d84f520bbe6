/** `mlgate <task> --<input> <value> …` and `mlgate registry …`: the CLI host. */
import { describeError, ExitCode, InputError } from "../../core/errors.js";
import { tasks } from "../../tasks/index.js";
import type { Task } from "../../tasks/spec.js";
import { taskSpecs } from "../../tasks/specs.js";
import { mlgateVersion } from "../../version.js";
import { runTask } from "../run-task.js";
import { parseArgs } from "./args.js";
import { createCliContext } from "./context.js";
import { renderMainHelp, renderTaskHelp } from "./help.js";
import { runProfileCommand } from "./profile-commands.js";
import { runPullCommand } from "./pull-command.js";
import { runRegistryCommand } from "./registry-commands.js";
import { runServeCommand } from "./serve-command.js";

const commonFlags = new Set(["json", "debug", "help"]);

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  const debug = rest.includes("--debug");
  try {
    if (command === undefined || command === "--help" || command === "-h" || command === "help") {
      process.stdout.write(renderMainHelp(taskSpecs, mlgateVersion));
      return ExitCode.ok;
    }
    if (command === "--version") {
      process.stdout.write(`${mlgateVersion}\n`);
      return ExitCode.ok;
    }
    if (command === "registry") return await runRegistryCommand(rest);
    if (command === "profile") return await runProfileCommand(rest);
    if (command === "serve") return await runServeCommand(rest);
    if (command === "pull") return await runPullCommand(rest);
    const task = tasks.get(command);
    if (!task) {
      throw new InputError(
        `unknown command '${command}'`,
        {},
        `run one of: ${[...tasks.keys(), "registry", "profile", "serve", "pull"].join(", ")} (mlgate --help)`,
      );
    }
    return await runCliTask(task, rest, debug);
  } catch (error) {
    process.stderr.write(`error: ${describeError(error, debug)}\n`);
    return ExitCode.badInput;
  }
}

async function runCliTask(task: Task, argv: readonly string[], debug: boolean): Promise<number> {
  const booleans = new Set([
    ...commonFlags,
    ...task.spec.inputs.filter((i) => i.type === "boolean").map((i) => i.name),
  ]);
  const { positionals, options } = parseArgs(argv, booleans);
  if (options.has("help")) {
    process.stdout.write(renderTaskHelp(task.spec));
    return ExitCode.ok;
  }
  if (positionals.length > 0) {
    throw new InputError(
      `unexpected argument '${positionals[0]}'`,
      {},
      `inputs are flags: mlgate ${task.spec.name} --help`,
    );
  }
  const known = new Set([...commonFlags, ...task.spec.inputs.map((input) => input.name)]);
  for (const name of options.keys()) {
    if (!known.has(name))
      throw new InputError(`unknown option --${name}`, { key: name }, `see mlgate ${task.spec.name} --help`);
  }
  const json = options.get("json") === "true";
  const ctx = await createCliContext({ workspace: process.cwd(), env: process.env, json, debug });
  const outputs: Record<string, string> = {};
  const exitCode = await runTask({
    task,
    raw: (name) => options.get(name),
    ctx,
    label: (name) => `--${name}`,
    setOutput: (name, value) => {
      outputs[name] = value;
    },
    debug,
  });
  if (json && exitCode !== ExitCode.badInput) process.stdout.write(`${JSON.stringify(outputs)}\n`);
  return exitCode;
}
