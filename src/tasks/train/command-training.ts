/**
 * Training with the user's command: the contract in environment variables (MLGATE_DATA,
 * MLGATE_PARAMS, MLGATE_PARAM_<NAME>, MLGATE_OUTPUT_DIR), output streamed live, the exit code and
 * the timeout respected. A failure shows the command's last lines and is bad input (exit 2).
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { InputError } from "../../core/errors.js";
import { contractEnv, runCommand } from "../../core/train/command/index.js";
import type { Logger } from "../context.js";

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
  const prefix = run.linePrefix ?? "";
  const result = await runCommand({
    command: run.command,
    cwd: run.cwd,
    env,
    timeoutMs: run.timeoutMs,
    onLine: (line) => run.log.info(`${prefix}${line}`),
  });
  if (result.exitCode === 0 && !result.timedOut) return;

  run.log.info(`${prefix}── the last ${result.lastLines.length} lines of the command's output ──`);
  for (const line of result.lastLines) run.log.info(`${prefix}${line}`);
  const how = result.timedOut
    ? `was stopped after the ${formatMs(run.timeoutMs ?? 0)} timeout`
    : result.signal
      ? `was killed by ${result.signal}`
      : `exited with code ${result.exitCode}`;
  throw new InputError(
    `the training command ${how}`,
    { key: "command" },
    result.timedOut
      ? "raise timeout or make the training faster"
      : "its last lines are above; fix the command or its input",
  );
}

/** INPUT_* are the task's own inputs on GitHub and Azure Pipelines, secrets included: not the command's business. */
function withoutTaskInputs(env: Readonly<Record<string, string | undefined>>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !/^INPUT_/i.test(name)));
}

function formatMs(ms: number): string {
  return ms >= 60_000 ? `${+(ms / 60_000).toFixed(1)} min` : `${+(ms / 1000).toFixed(1)} s`;
}
