/**
 * The GitHub Actions host: every action's bundle calls runGitHubAction with its task's name; the root
 * action passes none and takes the task from its `task` input.
 */
import { ExitCode, InputError } from "../../core/errors.js";
import { tasks } from "../../tasks/index.js";
import { runTask } from "../run-task.js";
import { createGitHubContext } from "./context.js";
import { command, getInput, isDebug, setOutput } from "./runner.js";

export async function runGitHubAction(taskName?: string): Promise<void> {
  process.exitCode = await runNamedTask(taskName ?? getInput(process.env, "task"));
}

async function runNamedTask(name: string): Promise<ExitCode> {
  const task = tasks.get(name);
  if (!task) {
    const problem = name ? `unknown task '${name}'` : "input 'task' is required";
    command.error(
      new InputError(problem, { key: "task" }, `set it to one of: ${[...tasks.keys()].join(", ")}`).message,
    );
    return ExitCode.badInput;
  }
  return runTask({
    task,
    raw: (input) => getInput(process.env, input),
    ctx: createGitHubContext(),
    label: (input) => `input '${input}'`,
    setOutput: (output, value) => setOutput(process.env, output, value),
    debug: isDebug(process.env),
  });
}
