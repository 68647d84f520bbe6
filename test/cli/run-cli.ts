/** Runs the committed CLI bundle exactly as a user's `mlgate` would run. */
import { spawnSync } from "node:child_process";
import path from "node:path";

export const cliBundle = path.resolve("dist/cli.js");

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], options: { cwd: string; env?: Record<string, string | undefined> }): CliResult {
  const result = spawnSync(process.execPath, [cliBundle, ...args], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ORT_DISABLE_TELEMETRY: "1", ...options.env },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function jsonOutputs(result: CliResult): Record<string, string> {
  if (result.status !== 0) throw new Error(`mlgate exited ${result.status}: ${result.stderr}`);
  return JSON.parse(result.stdout) as Record<string, string>;
}
