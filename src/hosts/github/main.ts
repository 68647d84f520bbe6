/**
 * The GitHub Actions host: every action's bundle calls runGitHubAction with its task's name; the root
 * action passes none and takes the task from its `task` input.
 */
import * as core from "@actions/core";
import { ExitCode, InputError } from "../../core/errors.js";
import { tasks } from "../../tasks/index.js";
import { runTask } from "../run-task.js";
import { createGitHubContext } from "./context.js";

export async function runGitHubAction(taskName?: string): Promise<void> {
  process.exitCode = await runNamedTask(taskName ?? core.getInput("task"));
}

async function runNamedTask(name: string): Promise<ExitCode> {
  const task = tasks.get(name);
  if (!task) {
    const problem = name ? `unknown task '${name}'` : "input 'task' is required";
    core.error(new InputError(problem, { key: "task" }, `set it to one of: ${[...tasks.keys()].join(", ")}`).message);
    return ExitCode.badInput;
  }
  return runTask({
    task,
    raw: (input) => core.getInput(input),
    ctx: createGitHubContext(),
    label: (input) => `input '${input}'`,
    setOutput: (output, value) => core.setOutput(output, value),
    debug: core.isDebug(),
  });
}
