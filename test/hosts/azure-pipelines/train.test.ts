/**
 * The train task on an agent: the command's log in a group with its env masked first, output
 * variables, the uploaded summary and the run cache; a failing command fails the task in one line.
 * ONNX Runtime comes from the agent's tool cache ($AGENT_TOOLSDIRECTORY/mlgate, filled here from the
 * repository's copy) or the onnxruntimePath input; without either and without a registry, one error.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import pinned from "../../../src/core/model/runtime/pinned.json" with { type: "json" };
import { freePort } from "../../support/ports.js";
import {
  cacheEntries,
  commandWorkspace,
  commitAll,
  copyInstalledRuntime,
  runRecords,
  trainScript,
  zipmapModel,
} from "../../tasks/train/workspace.js";
import { type AgentOptions, runOnAgent, taskScript } from "./run-task.js";

const secret = "feed-token-Hq83mZ0rVt";
let bundleFolder: string;
let task: string;
/** an agent tools directory whose mlgate cache holds this platform's ONNX Runtime */
let toolsDirectory: string;
let cachedRuntime: string;
const workspaces: string[] = [];

beforeAll(async () => {
  bundleFolder = await mkdtemp(path.join(os.tmpdir(), "mlgate-azp-train-"));
  task = await taskScript("train", bundleFolder);
  toolsDirectory = await mkdtemp(path.join(os.tmpdir(), "mlgate-azp-tools-"));
  cachedRuntime = path.join(
    toolsDirectory,
    "mlgate/onnxruntime-node",
    pinned.version,
    `${process.platform}-${process.arch}`,
  );
  copyInstalledRuntime(path.join(cachedRuntime, "node_modules"));
}, 180_000);

afterAll(async () => {
  await rm(bundleFolder, { recursive: true, force: true });
  await rm(toolsDirectory, { recursive: true, force: true });
});

afterEach(async () => {
  for (const dir of workspaces.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** The pipeline's checkout: a git repository, as the code digest lists tracked files. */
function checkout(params: Record<string, unknown>): string {
  const dir = commandWorkspace(params);
  workspaces.push(dir);
  return dir;
}

function runTrain(workspace: string, options: Partial<AgentOptions> = {}) {
  return runOnAgent({
    script: task,
    workspace,
    variables: { "Build.BuildId": "1234" },
    ...options,
    env: { AGENT_TOOLSDIRECTORY: toolsDirectory, ...options.env },
    inputs: { data: "data.csv", command: "node train.mjs", params: "params.json", target: "label", ...options.inputs },
  });
}

describe("the train task", () => {
  it("trains with the command in a log group, masks its env first, sets output variables and uploads the summary", async () => {
    const workspace = checkout({ model: zipmapModel, "learning-rate": 0.05, score: 0.81 });
    const run = await runTrain(workspace, { inputs: { env: `FEED_TOKEN=${secret}` } });

    expect(run.runner.errorIssues).toEqual([]);
    expect(run.runner.succeeded).toBe(true);
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toEqual({
      model: path.join(workspace, ".mlgate/train/model.onnx"),
      metrics: path.join(workspace, ".mlgate/train/metrics.json"),
      runId: expect.stringMatching(/\S/),
      cached: "false",
      signature: expect.any(String),
    });
    expect(run.lines).toContain("##vso[task.setvariable variable=cached;isOutput=true;issecret=false;]false");
    expect(readFileSync(run.outputs.model as string)).toEqual(readFileSync(zipmapModel));
    expect(JSON.parse(run.outputs.signature as string).inputs).toEqual([
      { name: "float_input", kind: "tensor", elemType: "float32", shape: [null, 4] },
    ]);
    expect(run.lines).toContain(`ONNX Runtime ${pinned.version}: using the copy cached in ${cachedRuntime}`);

    // the command's output inside the group; the agent learns the secret before the command prints it
    const start = run.lines.indexOf("##[group]train");
    const end = run.lines.indexOf("##[endgroup]");
    const printed = run.lines.findIndex((line) => line.includes("training with lr=0.05"));
    const masked = run.lines.indexOf(`##vso[task.setsecret]${secret}`);
    expect(start).toBeGreaterThanOrEqual(0);
    expect(printed).toBeGreaterThan(start);
    expect(end).toBeGreaterThan(printed);
    expect(masked).toBeGreaterThanOrEqual(0);
    expect(masked).toBeLessThan(printed);
    // run.lines leave out ##vso[task.debug]: see the next test for those
    expect(run.lines.filter((line) => line.includes(secret))).toEqual([
      `##vso[task.setsecret]${secret}`,
      `training with lr=0.05 token=${secret}`,
    ]);
    expect(run.runner.stderr).not.toContain(secret);

    expect(run.summaries).toHaveLength(1);
    expect(run.summaries[0]).toContain("mlgate train");
    expect(run.summaries[0]).toMatch(/\|\s*validation\.score\s*\|\s*0\.81/);
    expect(run.summaries[0]).not.toContain(secret);

    expect(runRecords(workspace).map((record) => record.id)).toEqual([run.outputs.runId]);
    expect(cacheEntries(workspace)).toHaveLength(1);

    const again = await runTrain(workspace, { inputs: { env: `FEED_TOKEN=${secret}` } });
    expect(again.exitCode).toBe(0);
    expect(again.outputs).toMatchObject({ cached: "true", runId: run.outputs.runId });
    expect(again.lines.some((line) => line.includes("training with lr="))).toBe(false);
    expect(runRecords(workspace)).toHaveLength(1);
  });

  it("fails with exit code 2 and one error when the command fails, recording no run", async () => {
    const workspace = checkout({ fail: true, model: zipmapModel });
    const run = await runTrain(workspace);

    expect(run.runner.failed).toBe(true);
    expect(run.exitCode).toBe(2);
    expect(run.runner.errorIssues).toEqual([expect.stringContaining("the training command exited with code 3")]);
    expect(run.lines.filter((line) => line.startsWith("##vso[task.complete"))).toEqual([
      "##vso[task.complete result=Failed;]",
    ]);
    expect(run.lines).toContain("boom: out of memory (pretend)");
    expect(run.outputs).toEqual({});
    expect(run.summaries).toEqual([]);
    expect(runRecords(workspace)).toEqual([]);
    expect(cacheEntries(workspace)).toEqual([]);
    expect(existsSync(path.join(workspace, ".mlgate/train/model.onnx"))).toBe(false);
  });

  it("reads onnxruntimePath, outputDir and workingDirectory by their task.json names", async () => {
    const workspace = checkout({ model: zipmapModel });
    mkdirSync(path.join(workspace, "jobs"));
    writeFileSync(path.join(workspace, "jobs/train.mjs"), trainScript);
    commitAll(workspace, "a training job in its own folder");
    const emptyTools = mkdtempSync(path.join(os.tmpdir(), "mlgate-azp-no-tools-"));
    workspaces.push(emptyTools);
    const run = await runTrain(workspace, {
      inputs: { onnxruntimePath: path.resolve("."), outputDir: "out/model", workingDirectory: "jobs" },
      env: { AGENT_TOOLSDIRECTORY: emptyTools },
    });

    expect(run.runner.errorIssues).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.lines).toContainEqual(
      expect.stringMatching(/^ONNX Runtime \S+: using \S+onnxruntime-node \(onnxruntime-path\)$/),
    );
    expect(run.outputs.model).toBe(path.join(workspace, "out/model/model.onnx"));
    expect(existsSync(run.outputs.model as string)).toBe(true);
    // the command ran in jobs/, and the code digest covers that folder's one tracked file
    expect(existsSync(path.join(workspace, "out/model/seen.json"))).toBe(true);
    expect(runRecords(workspace)[0]?.training?.code).toMatchObject({ files: 1 });
    expect(readdirSync(emptyTools)).toEqual([]);
  });

  it("names inputs in errors as task.json spells them", async () => {
    const workspace = checkout({ model: zipmapModel });
    const empty = mkdtempSync(path.join(os.tmpdir(), "mlgate-azp-empty-"));
    workspaces.push(empty);
    const run = await runTrain(workspace, { inputs: { onnxruntimePath: empty } });

    expect(run.exitCode).toBe(2);
    expect(run.runner.errorIssues).toEqual([
      expect.stringMatching(/^'onnxruntimePath': .* holds no onnxruntime-node package — set onnxruntimePath to /),
    ]);
    expect(runRecords(workspace)).toEqual([]);
  });

  it("fails with one error when it can neither find nor download ONNX Runtime, recording no run", async () => {
    const workspace = checkout({ model: zipmapModel });
    const emptyTools = mkdtempSync(path.join(os.tmpdir(), "mlgate-azp-no-tools-"));
    workspaces.push(emptyTools);
    const registry = `http://127.0.0.1:${await freePort()}`;
    const run = await runTrain(workspace, { env: { AGENT_TOOLSDIRECTORY: emptyTools, npm_config_registry: registry } });

    expect(run.runner.failed).toBe(true);
    expect(run.exitCode).toBe(2);
    expect(run.runner.errorIssues).toEqual([
      expect.stringMatching(
        new RegExp(
          `^no ONNX Runtime for .*not cached in ${escaped(emptyTools)}.*download from ${escaped(registry)} failed.*onnxruntime`,
        ),
      ),
    ]);
    expect(run.outputs).toEqual({});
    expect(runRecords(workspace)).toEqual([]);
    expect(cacheEntries(workspace)).toEqual([]);
  });
});

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
