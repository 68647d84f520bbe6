/**
 * Training with the user's command: the contract in environment variables (MLGATE_DATA,
 * MLGATE_PARAMS, MLGATE_PARAM_<NAME>, MLGATE_OUTPUT_DIR), output streamed live, the exit code and
 * the timeout respected. A failure shows the command's last lines and is bad input (exit 2).
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { InputError } from "../../core/errors.js";
import { contractEnv } from "../../core/train/command/index.js";
import type { Logger } from "../context.js";
import { runUserCommand, withoutTaskInputs } from "../user-command.js";

export interface CommandRun {
  command: string;
  cwd: string;
  /** the runner's environment: the command inherits it, less mlgate's own inputs */
  env: Readonly<Record<string, string | undefined>>;
  passEnv: Readonly<Record<string, string>>;
  data: readonly string[];
  params: Readonly<Record<string, unknown>>;
  /** the run's private folder: params.json goes here, the command's output into `outputDir` */
  runDir: string;
  outputDir: string;
  timeoutMs?: number;
  log: Logger;
  /** put before every output line when trials run side by side */
  linePrefix?: string;
}

export async function trainWithCommand(run: CommandRun): Promise<void> {
  const paramsFile = path.join(run.runDir, "params.json");
  await writeFile(paramsFile, `${JSON.stringify(run.params, null, 2)}\n`);
  const env = {
    ...withoutTaskInputs(run.env),
    ...run.passEnv,
    ...contractEnv({ data: run.data, paramsFile, params: run.params, outputDir: run.outputDir }),
  };
  const failure = await runUserCommand({ ...run, env });
  if (!failure) return;
  throw new InputError(
    `the training command ${failure.how}`,
    { key: "command" },
    failure.timedOut
      ? "raise timeout or make the training faster"
      : "its last lines are above; fix the command or its input",
  );
}
