/**
 * Runs a GitHub action the way the runner does: `node <bundle>` in the workspace, inputs as INPUT_*
 * variables, and real GITHUB_OUTPUT / GITHUB_STEP_SUMMARY / GITHUB_EVENT_PATH files.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

/** The committed entries the actions' `runs.main` point at (built by `npm run build`). */
const committedEntries: Partial<Record<ActionEntry, string>> = {
  register: path.resolve("dist/github/register.js"),
  "validate-data": path.resolve("dist/github/validate-data.js"),
  root: path.resolve("dist/github/root.js"),
  train: path.resolve("dist/github/train.js"),
  "evaluate-against-champion": path.resolve("dist/github/evaluate-against-champion.js"),
  deploy: path.resolve("dist/github/deploy.js"),
};
const testEntries = path.resolve("test/hosts/github/entries");
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

export const repository = "octo-org/models";

/** Tasks and `root` run the committed bundle when it exists; `comment` drives the host's sources. */
export type ActionEntry =
  | "register"
  | "validate-data"
  | "root"
  | "train"
  | "evaluate-against-champion"
  | "deploy"
  | "comment";

export interface ActionOptions {
  entry: ActionEntry;
  workspace: string;
  inputs?: Record<string, string>;
  event?: { name: string; payload: object };
  env?: Record<string, string>;
  /** a bundle to run instead of the entry's, such as a copy of dist/ outside the repository */
  script?: string;
}

export interface ActionRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** `::warning…::` and `::error…::` workflow commands */
  commands(kind: "warning" | "error"): string[];
}

export function entryCommand(entry: ActionEntry): string[] {
  const committed = committedEntries[entry];
  if (committed && existsSync(committed)) return [committed];
  return ["--import", tsxLoader, path.join(testEntries, `${entry}.ts`)];
}

export async function runAction(options: ActionOptions): Promise<ActionRun> {
  const runnerFiles = await mkdtemp(path.join(os.tmpdir(), "mlgate-runner-"));
  const file = (name: string) => path.join(runnerFiles, name);
  const event = options.event ?? { name: "push", payload: {} };
  await Promise.all([
    writeFile(file("output"), ""),
    writeFile(file("summary"), ""),
    writeFile(file("event.json"), JSON.stringify(event.payload)),
  ]);
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ORT_DISABLE_TELEMETRY: "1",
    GITHUB_ACTIONS: "true",
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_REPOSITORY: repository,
    GITHUB_SHA: "4f3c2b1a00000000000000000000000000000001",
    GITHUB_REF: "refs/heads/main",
    GITHUB_EVENT_NAME: event.name,
    GITHUB_EVENT_PATH: file("event.json"),
    GITHUB_ACTOR: "octocat",
    GITHUB_RUN_ID: "4242",
    GITHUB_SERVER_URL: "https://github.com",
    GITHUB_API_URL: "http://127.0.0.1:9",
    GITHUB_OUTPUT: file("output"),
    GITHUB_STEP_SUMMARY: file("summary"),
    RUNNER_TEMP: runnerFiles,
    ...inputVariables(options.inputs ?? {}),
    ...options.env,
  };
  const { exitCode, stdout, stderr } = await run(
    options.script ? [options.script] : entryCommand(options.entry),
    options.workspace,
    env,
  );
  const [output, summary] = await Promise.all([readFile(file("output"), "utf8"), readFile(file("summary"), "utf8")]);
  await rm(runnerFiles, { recursive: true, force: true });
  return {
    exitCode,
    stdout,
    stderr,
    outputs: parseOutputFile(output),
    summary,
    commands: (kind) => stdout.split("\n").filter((line) => line.startsWith(`::${kind}`)),
  };
}

/** As the runner names them: `INPUT_` + the name upper-cased, spaces to underscores, hyphens kept. */
function inputVariables(inputs: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(inputs).map(([name, value]) => [`INPUT_${name.replace(/ /g, "_").toUpperCase()}`, value]),
  );
}

/** GITHUB_OUTPUT holds `name<<DELIMITER\nvalue\nDELIMITER` blocks. */
function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const match of text.matchAll(/^([^<\n]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)) {
    outputs[match[1] as string] = match[3] as string;
  }
  return outputs;
}

function run(
  args: string[],
  cwd: string,
  env: Record<string, string | undefined>,
): Promise<{ exitCode: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd, env, timeout: 60_000, encoding: "utf8" }, (error, stdout, stderr) => {
      const exitCode = error ? (typeof error.code === "number" ? error.code : null) : 0;
      resolve({ exitCode, stdout, stderr });
    });
  });
}
