/** The register action as the runner runs it: outputs, step summary, annotations and exit codes. */
import { cp, mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { repository, runAction } from "./run-action.js";

let workspace: string;
let registry: string;

beforeEach(async () => {
  workspace = await mkdtemp(path.join(os.tmpdir(), "mlgate-gh-workspace-"));
  registry = path.join(workspace, "registry");
  await mkdir(path.join(workspace, "models"));
  await cp("test/fixtures/onnx/regressor.onnx", path.join(workspace, "models/churn.onnx"));
});

afterEach(() => rm(workspace, { recursive: true, force: true }));

describe("the register action", () => {
  it("registers the model and writes its outputs and the step summary", async () => {
    const run = await runAction({
      entry: "register",
      workspace,
      inputs: { model: "models/churn.onnx", name: "churn", registry, tags: "team=growth" },
    });

    expect(run.stderr).toBe("");
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toEqual({
      version: "1",
      digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      uri: expect.stringMatching(/#churn@1$/),
      created: "true",
    });
    expect(run.summary).toContain("mlgate register: churn");
    expect(run.summary).toContain(`https://github.com/${repository}/actions/runs/4242`);
    expect(run.commands("error")).toEqual([]);
  });

  it("returns the existing version for the same model, with created=false", async () => {
    const inputs = { model: "models/churn.onnx", name: "churn", registry };
    await runAction({ entry: "register", workspace, inputs });
    const again = await runAction({ entry: "register", workspace, inputs });

    expect(again.exitCode).toBe(0);
    expect(again.outputs).toMatchObject({ version: "1", created: "false" });
  });

  it("exits 2 with one error line naming the missing input, and writes nothing", async () => {
    const run = await runAction({ entry: "register", workspace, inputs: { name: "churn", registry } });

    expect(run.exitCode).toBe(2);
    expect(run.commands("error")).toEqual([expect.stringMatching(/^::error::.*input 'model' is required/)]);
    expect(run.stdout.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toBe("");
    expect(run.outputs).toEqual({});
    expect(await readdir(workspace)).not.toContain("registry");
  });

  it("exits 2 naming the model file when it does not exist", async () => {
    const run = await runAction({
      entry: "register",
      workspace,
      inputs: { model: "models/missing.onnx", name: "churn", registry },
    });

    expect(run.exitCode).toBe(2);
    expect(run.commands("error")).toEqual([expect.stringContaining("missing.onnx")]);
    expect(run.stdout).not.toMatch(/\n\s+at /);
  });

  it("masks the github-token input", async () => {
    const token = "ghs_0123456789abcdefghijklmnopqrstuvwxyz";
    const run = await runAction({
      entry: "register",
      workspace,
      inputs: { model: "models/churn.onnx", name: "churn", registry, "github-token": token },
    });

    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain(`::add-mask::${token}`);
  });
});

describe("the root action", () => {
  it("runs the task named by its task input", async () => {
    const run = await runAction({
      entry: "root",
      workspace,
      inputs: { task: "register", model: "models/churn.onnx", name: "churn", registry },
    });

    expect(run.exitCode).toBe(0);
    expect(run.outputs.version).toBe("1");
  });

  it("exits 2 with one error line for an unknown task", async () => {
    const run = await runAction({ entry: "root", workspace, inputs: { task: "regsiter" } });

    expect(run.exitCode).toBe(2);
    expect(run.stdout.trim()).toBe(
      "::error::'task': unknown task 'regsiter' — set it to one of: validate-data, train, evaluate-against-champion, register, deploy, monitor-drift",
    );
  });
});
