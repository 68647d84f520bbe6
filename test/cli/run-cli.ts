/** Runs the committed CLI bundle exactly as a user's `mlgate` would run. */
import { execFile, spawnSync } from "node:child_process";
import path from "node:path";

export const cliBundle = path.resolve("dist/cli.js");

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

interface CliOptions {
  cwd: string;
  env?: Record<string, string | undefined>;
}

function cliEnv(options: CliOptions): Record<string, string | undefined> {
  return { PATH: process.env.PATH, HOME: process.env.HOME, ORT_DISABLE_TELEMETRY: "1", ...options.env };
}

export function runCli(args: string[], options: CliOptions): CliResult {
  const result = spawnSync(process.execPath, [cliBundle, ...args], {
    cwd: options.cwd,
    env: cliEnv(options),
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Without blocking the test's event loop: for runs that call a server the test itself serves. */
export function runCliAsync(args: string[], options: CliOptions): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cliBundle, ...args],
      { cwd: options.cwd, env: cliEnv(options), encoding: "utf8", timeout: 60_000 },
      (error, stdout, stderr) => {
        const status = error ? (typeof error.code === "number" ? error.code : null) : 0;
        resolve({ status, stdout, stderr });
      },
    );
  });
}

export function jsonOutputs(result: CliResult): Record<string, string> {
  if (result.status !== 0) throw new Error(`mlgate exited ${result.status}: ${result.stderr}`);
  return JSON.parse(result.stdout) as Record<string, string>;
}
