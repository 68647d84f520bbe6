/**
 * evaluate-against-champion on an agent: camelCase inputs and output variables, the summary tab, a
 * rejection failing the task with the failing gate named, and ONNX Runtime from the agent's tool cache.
 */
import { writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pinned from "../../../src/core/model/runtime/pinned.json" with { type: "json" };
import { runCli } from "../../cli/run-cli.js";
import { trainedWorkspace } from "../../tasks/evaluate/workspace.js";
import { copyInstalledRuntime } from "../../tasks/train/workspace.js";
import { runOnAgent, taskScript } from "./run-task.js";

let bundleFolder: string;
let task: string;
let toolsDirectory: string;
let workspace: string;

beforeAll(async () => {
  bundleFolder = await mkdtemp(path.join(os.tmpdir(), "mlgate-azp-evaluate-"));
  task = await taskScript("evaluate-against-champion", bundleFolder);
  toolsDirectory = await mkdtemp(path.join(os.tmpdir(), "mlgate-azp-tools-"));
  const runtime = path.join(
    toolsDirectory,
    "mlgate/onnxruntime-node",
    pinned.version,
    `${process.platform}-${process.arch}`,
  );
  copyInstalledRuntime(path.join(runtime, "node_modules"));
  workspace = trainedWorkspace();
  const args = ["register", "--model", "v1/model.onnx", "--name", "churn", "--alias", "production", "--json"];
  expect(runCli(args, { cwd: workspace }).status).toBe(0);
}, 180_000);

afterAll(async () => {
  await rm(bundleFolder, { recursive: true, force: true });
  await rm(toolsDirectory, { recursive: true, force: true });
});

function evaluate() {
  return runOnAgent({
    script: task,
    workspace,
    env: { AGENT_TOOLSDIRECTORY: toolsDirectory },
    inputs: {
      challenger: "v2/model.onnx",
      model: "churn",
      data: "holdout.csv",
      label: "churned",
      bootstrap: "200",
      championAlias: "production",
    },
  });
}

describe("the evaluate-against-champion task", () => {
  it("sets the verdict output variables and uploads the report to the summary tab", async () => {
    const run = await evaluate();
    expect(run.runner.errorIssues).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ verdict: "promote", championVersion: "1", problem: "binary" });
    expect(run.outputs.verdictId).toMatch(/^\d{8}T\d{6}Z-[0-9a-f]{12}$/);
    expect(JSON.parse(run.outputs.metrics as string).roc_auc).toBeGreaterThan(0.9);
    expect(run.summaries.join("\n")).toContain("promote v2/model.onnx");
    // Azure's summary tab renders no Mermaid
    expect(run.summaries.join("\n")).not.toContain("```mermaid");
  });

  it("fails the task on a rejection and names the failing gate", async () => {
    writeFileSync(path.join(workspace, "mlgate.yml"), "version: 1\ngates:\n  max-model-size: 100\n");
    try {
      const run = await evaluate();
      expect(run.exitCode).toBe(1);
      expect(run.runner.succeeded).toBe(false);
      expect(run.outputs.verdict).toBe("reject");
      expect(run.lines.join("\n")).toContain("gate failed: ");
      expect(run.summaries.join("\n")).toContain("model-size");
    } finally {
      writeFileSync(path.join(workspace, "mlgate.yml"), "version: 1\n");
    }
  });
});
