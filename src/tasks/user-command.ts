/**
 * A command of the user's (train's training command, deploy's deploy command): run by the shell
 * with its output streamed to the log as it comes, stopped after its timeout. When it fails, its last
 * lines are shown and the caller gets one phrase saying how it ended.
 */
import { runCommand } from "../core/train/command/index.js";
import type { Logger } from "./context.js";

export interface UserCommand {
  command: string;
  cwd: string;
  /** the command's whole environment (see withoutTaskInputs) */
  env: Readonly<Record<string, string | undefined>>;
  timeoutMs?: number;
  log: Logger;
  /** put before every output line, when several commands run side by side */
  linePrefix?: string;
}

export interface CommandFailure {
  /** `exited with code 3`, `was killed by SIGTERM`, `was stopped after the 90 s timeout` */
  how: string;
  timedOut: boolean;
}

/** undefined when the command exited 0 within its time. */
export async function runUserCommand(run: UserCommand): Promise<CommandFailure | undefined> {
  const prefix = run.linePrefix ?? "";
  const result = await runCommand({
    command: run.command,
    cwd: run.cwd,
    env: run.env,
    timeoutMs: run.timeoutMs,
    onLine: (line) => run.log.info(`${prefix}${line}`),
  });
  if (result.exitCode === 0 && !result.timedOut) return undefined;

  run.log.info(`${prefix}── the last ${result.lastLines.length} lines of the command's output ──`);
  for (const line of result.lastLines) run.log.info(`${prefix}${line}`);
  const how = result.timedOut
    ? `was stopped after the ${formatMs(run.timeoutMs ?? 0)} timeout`
    : result.signal
      ? `was killed by ${result.signal}`
      : `exited with code ${result.exitCode}`;
  return { how, timedOut: result.timedOut };
}

/** INPUT_* are the task's own inputs on GitHub and Azure Pipelines, secrets included: not the command's business. */
export function withoutTaskInputs(
  env: Readonly<Record<string, string | undefined>>,
): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !/^INPUT_/i.test(name)));
}

function formatMs(ms: number): string {
  return ms >= 60_000 ? `${+(ms / 60_000).toFixed(1)} min` : `${+(ms / 1000).toFixed(1)} s`;
}
