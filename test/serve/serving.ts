/**
 * For the serve tests: a registry with two trained churn models (v1 on age alone behind
 * `production`, v2 on every feature), and `mlgate serve` started from the committed bundle.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { onTestFinished } from "vitest";
import { cliBundle, jsonOutputs, runCli } from "../cli/run-cli.js";
import { churnCsv, gitWorkspace } from "../tasks/train/workspace.js";

export interface ServingWorkspace {
  cwd: string;
  /** registers v2 and points `production` at it */
  promoteV2(): void;
}

export function servingWorkspace(): ServingWorkspace {
  const cwd = gitWorkspace({ "train.csv": churnCsv(3000, 1), "holdout.csv": churnCsv(1500, 2) });
  const trained = (dir: string, features: string[]) =>
    jsonOutputs(
      runCli(
        [
          "train",
          "--data",
          "train.csv",
          "--trainer",
          "logistic",
          "--target",
          "churned",
          "--output-dir",
          dir,
          ...features,
          "--json",
        ],
        { cwd },
      ),
    )["run-id"] as string;
  const register = (dir: string, run: string, alias: string[]) =>
    jsonOutputs(
      runCli(["register", "--model", `${dir}/model.onnx`, "--name", "churn", "--run", run, ...alias, "--json"], {
        cwd,
      }),
    );
  const v1 = trained("v1", ["--features", "age"]);
  const v2 = trained("v2", []);
  register("v1", v1, ["--alias", "production"]);
  return { cwd, promoteV2: () => register("v2", v2, ["--alias", "production"]) };
}

export interface ServeProcess {
  url: string;
  child: ChildProcess;
  stderr(): string;
  /** sends the signal and resolves with the exit code */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function startServe(args: string[], cwd: string, env: Record<string, string> = {}): Promise<ServeProcess> {
  const child = spawn(process.execPath, [cliBundle, "serve", ...args, "--port", "0"], {
    cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ORT_DISABLE_TELEMETRY: "1", ...env },
  });
  let stdout = "";
  let stderr = "";
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  onTestFinished(() => {
    if (child.exitCode === null) child.kill("SIGKILL");
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      const match = / on (http:\/\/\S+?)(,|\n)/.exec(stdout);
      if (match) resolve(match[1] as string);
    });
    void exited.then((code) => reject(new Error(`mlgate serve exited ${code}: ${stderr}`)));
  });
  return {
    url,
    child,
    stderr: () => stderr,
    stop: (signal = "SIGTERM") => {
      child.kill(signal);
      return exited;
    },
  };
}

/** A reply; its JSON body is checked field by field in the tests. */
export interface Reply {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: parsed JSON whose shape each test asserts
  body: any;
  version: string | null;
}

export async function call(url: string, init: { method?: string; body?: unknown } = {}): Promise<Reply> {
  const response = await fetch(url, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    ...(init.body === undefined ? {} : { body: typeof init.body === "string" ? init.body : JSON.stringify(init.body) }),
    headers: { "content-type": "application/json" },
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {}
  return { status: response.status, body, version: response.headers.get("mlgate-model-version") };
}

/** The holdout's rows as records: numbers for age and income (null when empty), text for plan. */
export function holdoutRecords(csv: string): Record<string, unknown>[] {
  const [header, ...lines] = csv.trimEnd().split("\n");
  const names = (header as string).split(",");
  return lines.map((line) => {
    const cells = line.split(",");
    return Object.fromEntries(
      names.map((name, i) => {
        const cell = cells[i] as string;
        if (name === "plan" || name === "churned") return [name, cell];
        return [name, cell === "" ? null : Number(cell)];
      }),
    );
  });
}
