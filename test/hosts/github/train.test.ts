/**
 * The train action as the runner runs it: the command's log in a group, its secrets masked first,
 * outputs and the step summary, the run cache, one error line for a failing command; and the bundle
 * in the runner's layout (dist/ alone, no node_modules), getting ONNX Runtime from the tool cache,
 * from onnxruntime-path, or failing in one line when it cannot download it.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import pinned from "../../../src/core/model/runtime/pinned.json" with { type: "json" };
import { freePort } from "../../support/ports.js";
import {
  cacheEntries,
  commandWorkspace,
  copyInstalledRuntime,
  runRecords,
  zipmapModel,
} from "../../tasks/train/workspace.js";
import { type ActionOptions, runAction } from "./run-action.js";

const secret = "feed-token-7Qx2vLw9pZ";
const folders: string[] = [];

function workspace(params: Record<string, unknown>): string {
  const dir = commandWorkspace(params);
  folders.push(dir);
  return dir;
}

function tempFolder(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  folders.push(dir);
  return dir;
}

const trainInputs = { data: "data.csv", command: "node train.mjs", params: "params.json", target: "label" };

function runTrain(cwd: string, options: Partial<ActionOptions> = {}) {
  return runAction({ entry: "train", workspace: cwd, ...options, inputs: { ...trainInputs, ...options.inputs } });
}

afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("the train action", () => {
  it("trains with the command in a log group, masks its env first, writes outputs and the summary", async () => {
    const cwd = workspace({ model: zipmapModel, "learning-rate": 0.05, score: 0.81 });
    const run = await runTrain(cwd, { inputs: { env: `FEED_TOKEN=${secret}` } });

    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.commands("error")).toEqual([]);
    expect(run.outputs).toEqual({
      model: path.join(cwd, ".mlgate/train/model.onnx"),
      metrics: path.join(cwd, ".mlgate/train/metrics.json"),
      "run-id": expect.stringMatching(/\S/),
      cached: "false",
      signature: expect.any(String),
    });
    expect(readFileSync(run.outputs.model as string)).toEqual(readFileSync(zipmapModel));
    expect(JSON.parse(run.outputs.signature as string).inputs).toEqual([
      { name: "float_input", kind: "tensor", elemType: "float32", shape: [null, 4] },
    ]);

    // the command's output streams inside the group, and the runner learns the secret before it
    const lines = run.stdout.split("\n");
    const start = lines.indexOf("::group::train");
    const end = lines.indexOf("::endgroup::");
    const printed = lines.findIndex((line) => line.includes("training with lr=0.05"));
    const mask = lines.indexOf(`::add-mask::${secret}`);
    expect(start).toBeGreaterThanOrEqual(0);
    expect(printed).toBeGreaterThan(start);
    expect(end).toBeGreaterThan(printed);
    expect(mask).toBeGreaterThanOrEqual(0);
    expect(mask).toBeLessThan(printed);
    // the token appears only in the masking command and the command's own line, which the runner masks
    expect(lines.filter((line) => line.includes(secret))).toEqual([
      `::add-mask::${secret}`,
      `training with lr=0.05 token=${secret}`,
    ]);
    expect(run.summary).not.toContain(secret);

    expect(run.summary).toContain("mlgate train");
    expect(run.summary).toMatch(/\|\s*metric\s*\|\s*value\s*\|/);
    expect(run.summary).toMatch(/\|\s*validation\.score\s*\|\s*0\.81/);

    const records = runRecords(cwd);
    expect(records.map((record) => record.id)).toEqual([run.outputs["run-id"]]);
    expect(cacheEntries(cwd)).toHaveLength(1);

    const again = await runTrain(cwd, { inputs: { env: `FEED_TOKEN=${secret}` } });
    expect(again.exitCode, again.stdout).toBe(0);
    expect(again.outputs).toMatchObject({ cached: "true", "run-id": run.outputs["run-id"] });
    expect(again.stdout).not.toContain("training with lr=");
    expect(again.summary).toContain("restored from the run cache");
    expect(runRecords(cwd)).toHaveLength(1);
  });

  it("exits 2 with one error line when the command fails, recording no run", async () => {
    const cwd = workspace({ fail: true, model: zipmapModel });
    const run = await runTrain(cwd);

    expect(run.exitCode).toBe(2);
    expect(run.commands("error")).toEqual([expect.stringContaining("the training command exited with code 3")]);
    expect(run.stdout).toContain("boom: out of memory (pretend)");
    expect(run.stdout).not.toMatch(/\n\s+at /);
    expect(run.outputs).toEqual({});
    expect(runRecords(cwd)).toEqual([]);
    expect(cacheEntries(cwd)).toEqual([]);
  });
});

/**
 * dist/ copied away from the repository, as the runner checks out an action: the bundle's
 * `import("onnxruntime-node")` finds nothing, so ONNX Runtime comes from elsewhere.
 */
describe("the train action in the runner's layout", () => {
  const platform = `${process.platform}-${process.arch}`;
  let action: string;
  let bundle: string;

  beforeAll(() => {
    action = mkdtempSync(path.join(os.tmpdir(), "mlgate-gh-action-"));
    cpSync("dist", path.join(action, "dist"), { recursive: true, dereference: true });
    bundle = path.join(action, "dist/github/train.js");
  });

  afterAll(() => rmSync(action, { recursive: true, force: true }));

  it("has no onnxruntime-node within reach of the copied bundle", () => {
    expect(existsSync(bundle)).toBe(true);
    for (let dir = path.dirname(bundle); dir !== path.dirname(dir); dir = path.dirname(dir)) {
      expect(existsSync(path.join(dir, "node_modules", "onnxruntime-node"))).toBe(false);
    }
  });

  it("uses the copy cached in the runner's tool cache", async () => {
    const toolCache = tempFolder("mlgate-tool-cache-");
    const runtimeDir = path.join(toolCache, "mlgate", "onnxruntime-node", pinned.version, platform);
    copyInstalledRuntime(path.join(runtimeDir, "node_modules"));
    const cwd = workspace({ model: zipmapModel, score: 0.7 });
    const run = await runTrain(cwd, { script: bundle, env: { RUNNER_TOOL_CACHE: toolCache } });

    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain(`using the copy cached in ${runtimeDir}`);
    expect(run.outputs.cached).toBe("false");
    expect(existsSync(run.outputs.model as string)).toBe(true);
    expect(runRecords(cwd)).toHaveLength(1);
  });

  it("uses the package named by onnxruntime-path, with nothing cached", async () => {
    const toolCache = tempFolder("mlgate-tool-cache-");
    const cwd = workspace({ model: zipmapModel });
    const run = await runTrain(cwd, {
      script: bundle,
      inputs: { "onnxruntime-path": path.resolve(".") },
      env: { RUNNER_TOOL_CACHE: toolCache },
    });

    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/ONNX Runtime \S+: using \S+onnxruntime-node \(onnxruntime-path\)/);
    expect(existsSync(path.join(toolCache, "mlgate", "onnxruntime-node"))).toBe(false);
    expect(runRecords(cwd)).toHaveLength(1);
  });

  it("exits 2 with one error line when it cannot download ONNX Runtime, suggesting onnxruntime-path", async () => {
    const toolCache = tempFolder("mlgate-tool-cache-");
    mkdirSync(path.join(toolCache, "mlgate"), { recursive: true });
    const registry = `http://127.0.0.1:${await freePort()}`;
    const cwd = workspace({ model: zipmapModel });
    const run = await runTrain(cwd, {
      script: bundle,
      env: { RUNNER_TOOL_CACHE: toolCache, npm_config_registry: registry },
    });

    expect(run.exitCode, run.stdout + run.stderr).toBe(2);
    const errors = run.commands("error");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^::error::no ONNX Runtime for .*download from .* failed/);
    expect(errors[0]).toContain(registry);
    expect(errors[0]).toContain("onnxruntime-path");
    expect(run.stdout).not.toMatch(/\n\s+at /);
    expect(runRecords(cwd)).toEqual([]);
    expect(cacheEntries(cwd)).toEqual([]);
  });
});
