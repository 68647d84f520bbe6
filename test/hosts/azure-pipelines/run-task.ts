/**
 * Runs an Azure Pipelines task through azure-pipelines-task-lib's MockTestRunner, with the real task
 * library: the agent's environment (INPUT_*, pipeline variables, ENDPOINT_AUTH_*) is set by a small
 * runner script, and the ##vso logging commands the task prints are read back.
 */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { MockTestRunner } from "azure-pipelines-task-lib/mock-test.js";

/** @vercel/ncc's API (it ships no types) */
type Ncc = (
  entry: string,
  options: { cache: false; quiet: boolean; transpileOnly: boolean },
) => Promise<{ code: string; assets: Record<string, { source: string | Buffer }> }>;

const localRequire = createRequire(import.meta.url);
const ncc = localRequire("@vercel/ncc") as Ncc;
const entries = path.resolve("test/hosts/azure-pipelines/entries");
const tsxLoader = pathToFileURL(localRequire.resolve("tsx")).href;
const exitCodeTag = "##mlgate-test[exit-code]";

/**
 * The packaged task; until `npm run package` has made it, the same host bundled with ncc into `folder`.
 */
export async function taskScript(
  task: "register" | "monitor-drift" | "train" | "evaluate-against-champion" | "deploy",
  folder: string,
): Promise<string> {
  const packaged = path.resolve(`tasks/${task}/dist/index.js`);
  if (existsSync(packaged)) return packaged;
  const { code, assets } = await ncc(path.join(entries, `${task}.ts`), {
    cache: false,
    quiet: true,
    transpileOnly: true,
  });
  for (const [name, asset] of Object.entries(assets)) {
    await mkdir(path.dirname(path.join(folder, name)), { recursive: true });
    await writeFile(path.join(folder, name), asset.source);
  }
  await writeFile(path.join(folder, "index.js"), code);
  return path.join(folder, "index.js");
}

/** A script that posts the comments in $MLGATE_TEST_COMMENTS through the host's sources (run with tsx). */
/** The pipeline variables of a CI build of main in an Azure Repos repository. */
export const mainBuild = {
  "System.CollectionUri": "https://dev.azure.com/fabrikam/",
  "System.TeamProject": "Fraud Models",
  "Build.Repository.Name": "models",
  "Build.Repository.Provider": "TfsGit",
  "Build.SourceVersion": "4f3c2b1a00000000000000000000000000000001",
  "Build.SourceBranch": "refs/heads/main",
  "Build.Reason": "IndividualCI",
  "Build.RequestedFor": "Ada Lovelace",
  "Build.BuildId": "1234",
};

export const commentScript = path.join(entries, "comment.ts");

export interface ServiceConnection {
  scheme: string;
  parameters: Record<string, string>;
}

export interface AgentOptions {
  script: string;
  workspace: string;
  inputs?: Record<string, string>;
  /** pipeline variables by their dotted names (`Build.BuildId`) */
  variables?: Record<string, string>;
  serviceConnections?: Record<string, ServiceConnection>;
  env?: Record<string, string>;
}

export interface AgentRun {
  runner: MockTestRunner;
  exitCode: number | undefined;
  /** output variables: `##vso[task.setvariable variable=…;isOutput=true;…]value` */
  outputs: Record<string, string>;
  /** the contents of every file given to `##vso[task.uploadsummary]` */
  summaries: string[];
  /** stdout lines that are not `##vso[task.debug]` */
  lines: string[];
}

/** As the agent names them: dots and spaces to underscores, upper-cased. */
function variableKey(name: string): string {
  return name.replace(/[. ]/g, "_").toUpperCase();
}

function agentEnvironment(options: AgentOptions, tempDirectory: string): Record<string, string> {
  const env: Record<string, string> = {};
  const variables = {
    "Agent.TempDirectory": tempDirectory,
    "System.DefaultWorkingDirectory": options.workspace,
    ...options.variables,
  };
  for (const [name, value] of Object.entries(variables)) env[variableKey(name)] = value;
  for (const [name, value] of Object.entries(options.inputs ?? {})) env[`INPUT_${variableKey(name)}`] = value;
  for (const [id, connection] of Object.entries(options.serviceConnections ?? {})) {
    env[`ENDPOINT_AUTH_${id}`] = JSON.stringify(connection);
    env[`ENDPOINT_AUTH_SCHEME_${id}`] = connection.scheme;
    for (const [key, value] of Object.entries(connection.parameters)) {
      env[`ENDPOINT_AUTH_PARAMETER_${id}_${key.toUpperCase()}`] = value;
    }
  }
  return { ORT_DISABLE_TELEMETRY: "1", ...env, ...options.env };
}

export async function runOnAgent(options: AgentOptions): Promise<AgentRun> {
  const folder = await mkdtemp(path.join(os.tmpdir(), "mlgate-agent-"));
  const tempDirectory = path.join(folder, "temp");
  await mkdir(tempDirectory);
  const runnerScript = path.join(folder, "run.mjs");
  const typescript = options.script.endsWith(".ts");
  await writeFile(
    runnerScript,
    [
      "// the agent's environment, and nothing inherited from the machine running the tests",
      "for (const key of Object.keys(process.env)) {",
      "  if (/^(INPUT|SECRET|ENDPOINT|VSTS|SYSTEM|BUILD|AGENT|GITHUB|RUNNER)_/.test(key)) delete process.env[key];",
      "}",
      `Object.assign(process.env, ${JSON.stringify(agentEnvironment(options, tempDirectory))});`,
      // MockTestRunner records stdout only; the exit code goes there last
      `process.on("exit", (code) => process.stdout.write("\\n${exitCodeTag}" + code + "\\n"));`,
      ...(typescript ? [`await import(${JSON.stringify(tsxLoader)});`] : []),
      `await import(${JSON.stringify(pathToFileURL(options.script).href)});`,
    ].join("\n"),
  );
  const runner = new MockTestRunner(runnerScript);
  runner.nodePath = process.execPath;
  try {
    await runner.runAsync();
    return await readRun(runner);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

async function readRun(runner: MockTestRunner): Promise<AgentRun> {
  const lines = runner.stdout.split("\n").filter((line) => line !== "" && !line.startsWith("##vso[task.debug]"));
  const exitLine = lines.find((line) => line.startsWith(exitCodeTag));
  const outputs: Record<string, string> = {};
  for (const line of lines) {
    const output = /^##vso\[task\.setvariable variable=([^;\]]+);isOutput=true;[^\]]*\](.*)$/.exec(line);
    if (output?.[1]) outputs[output[1]] = output[2] ?? "";
  }
  const summaryFiles = lines.flatMap((line) => /^##vso\[task\.uploadsummary\](.+)$/.exec(line)?.[1] ?? []);
  return {
    runner,
    exitCode: exitLine === undefined ? undefined : Number(exitLine.slice(exitCodeTag.length)),
    outputs,
    summaries: await Promise.all(summaryFiles.map((file) => readFile(file, "utf8"))),
    lines: lines.filter((line) => line !== exitLine),
  };
}
