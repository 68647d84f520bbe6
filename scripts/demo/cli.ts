/** The demo runs the committed CLI bundle as a user would: one `mlgate` process per step. */
import { execFile, spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const cliBundle = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));

export interface StepResult {
  status: number;
  outputs: Record<string, string>;
  /** the task's report (Markdown) and log lines */
  stderr: string;
  seconds: number;
}

/** Only what a task needs from the environment: no credentials of the user's reach the demo's runs. */
function demoEnv(): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, ORT_DISABLE_TELEMETRY: "1" };
}

/** `mlgate <args> --json`: the outputs as JSON on stdout, the report on stderr. */
export function mlgate(cwd: string, args: string[]): Promise<StepResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cliBundle, ...args, "--json"],
      { cwd, env: demoEnv(), maxBuffer: 64 << 20 },
      (error, stdout, stderr) => {
        const status = error ? (typeof error.code === "number" ? error.code : 2) : 0;
        let outputs: Record<string, string> = {};
        try {
          outputs = JSON.parse(stdout) as Record<string, string>;
        } catch {}
        resolve({ status, outputs, stderr, seconds: (performance.now() - started) / 1000 });
      },
    );
  });
}

/** `mlgate <args>` for people: its own text output. */
export function mlgateText(cwd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(process.execPath, [cliBundle, ...args], { cwd, env: demoEnv() }, (error, stdout, stderr) =>
      error ? reject(new Error(`mlgate ${args.join(" ")}: ${stderr}`)) : resolve(stdout),
    ),
  );
}

export interface RunningServer {
  url: string;
  stop(): Promise<number | null>;
}

export function startServer(cwd: string, args: string[]): Promise<RunningServer> {
  const child = spawn(process.execPath, [cliBundle, "serve", ...args], { cwd, env: demoEnv() });
  let stdout = "";
  let stderr = "";
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  return new Promise((resolve, reject) => {
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      const url = / on (http:\/\/\S+)/.exec(stdout)?.[1];
      if (url) {
        resolve({
          url,
          stop: () => {
            child.kill("SIGTERM");
            return exited;
          },
        });
      }
    });
    void exited.then((code) => reject(new Error(`mlgate serve exited ${code}: ${stderr}`)));
  });
}

export const relative = (from: string, to: string) => path.relative(from, to) || ".";
