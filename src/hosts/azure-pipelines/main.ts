/**
 * The Azure Pipelines host: every task's bundle calls runAzurePipelinesTask with its task's name.
 * The result goes to the agent twice: as the task result and as the process exit code.
 */
import * as tl from "azure-pipelines-task-lib/task.js";
import { describeError, ExitCode, InputError } from "../../core/errors.js";
import { tasks } from "../../tasks/index.js";
import { azureName } from "../host-inputs.js";
import { runTask } from "../run-task.js";
import { createAzurePipelinesContext } from "./context.js";

export async function runAzurePipelinesTask(taskName: string): Promise<void> {
  const debug = tl.getVariable("System.Debug")?.toLowerCase() === "true";
  let exitCode: ExitCode;
  try {
    exitCode = await runNamedTask(taskName, debug);
  } catch (error) {
    // the host itself could not start: an unusable service connection, a missing variable
    tl.error(describeError(error, debug));
    exitCode = ExitCode.badInput;
  }
  // the failure was already reported as an error issue; an empty message adds no second one
  tl.setResult(exitCode === ExitCode.ok ? tl.TaskResult.Succeeded : tl.TaskResult.Failed, "");
  process.exitCode = exitCode;
}

async function runNamedTask(name: string, debug: boolean): Promise<ExitCode> {
  const task = tasks.get(name);
  if (!task) throw new InputError(`unknown task '${name}'`, {}, `run one of: ${[...tasks.keys()].join(", ")}`);
  const paths = new Set(task.spec.inputs.filter((input) => input.type === "path").map((input) => input.name));
  return runTask({
    task,
    // task.json spells `allow-duplicate` as `allowDuplicate`; an empty filePath input arrives as the sources folder
    raw: (input) =>
      paths.has(input) && !tl.filePathSupplied(azureName(input)) ? undefined : tl.getInput(azureName(input)),
    ctx: await createAzurePipelinesContext(name),
    label: (input) => `input '${azureName(input)}'`,
    inputName: azureName,
    setOutput: (output, value) => tl.setVariable(azureName(output), value, false, true),
    debug,
  });
}
