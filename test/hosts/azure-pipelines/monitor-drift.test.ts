/**
 * monitor-drift on an agent: drift against a profile file, then the retrain trigger queues a pipeline
 * run through the job's own collection, project and access token (a local stand-in for Azure DevOps,
 * every request checked against the documented Runs - Run Pipeline operation).
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../cli/run-cli.js";
import { customers, writeCsv } from "../../tasks/data-files.js";
import { restProblems } from "../../trigger/azure-run-pipeline.js";
import { type RecorderChild, startRecorderChild } from "../../trigger/recorder-child.js";
import { runOnAgent, taskScript } from "./run-task.js";

const accessToken = "job-access-token-drift-91c2";
let bundleFolder: string;
let task: string;
let recorder: RecorderChild | undefined;

beforeAll(async () => {
  bundleFolder = await mkdtemp(path.join(os.tmpdir(), "mlgate-azp-drift-"));
  task = await taskScript("monitor-drift", bundleFolder);
}, 180_000);

afterAll(() => rm(bundleFolder, { recursive: true, force: true }));

afterEach(() => {
  recorder?.close();
  recorder = undefined;
});

describe("the monitor-drift task", () => {
  it("queues the retraining pipeline on drift with the job's token, and sets the output variables", async () => {
    const workspace = await mkdtemp(path.join(os.tmpdir(), "mlgate-azp-drift-ws-"));
    writeCsv(workspace, "train.csv", customers(2000, 41));
    writeCsv(workspace, "shifted.csv", customers(2000, 42, 0.8));
    const profiled = runCli(["validate-data", "--data", "train.csv", "--profile-out", "train.json"], {
      cwd: workspace,
    });
    expect(profiled.status, profiled.stderr).toBe(0);
    recorder = await startRecorderChild();

    const run = await runOnAgent({
      script: task,
      workspace,
      inputs: { current: "shifted.csv", reference: "train.json", trigger: "azure-pipelines:42" },
      variables: {
        "System.CollectionUri": `${recorder.url}/fabrikam/`,
        "System.TeamProject": "Fraud Models",
        "Build.SourceBranch": "refs/heads/main",
        "Build.Repository.Name": "models",
      },
      serviceConnections: { SystemVssConnection: { scheme: "OAuth", parameters: { AccessToken: accessToken } } },
    });

    expect(run.exitCode, run.lines.join("\n")).toBe(1);
    expect(run.outputs).toMatchObject({ drift: "true", shouldRetrain: "true", triggered: "true" });
    await new Promise((resolve) => setTimeout(resolve, 100)); // the child's last lines
    expect(recorder.requests).toHaveLength(1);
    const [request] = recorder.requests;
    if (!request) throw new Error("no request");
    expect(request.path).toBe("/fabrikam/Fraud%20Models/_apis/pipelines/42/runs");
    expect(restProblems(request, accessToken)).toEqual([]);
    expect(request.body).toMatchObject({
      resources: { repositories: { self: { refName: "refs/heads/main" } } },
      templateParameters: { model: "train.json", reason: expect.stringContaining("drift in") },
    });
    // the agent takes ##vso[task.setsecret] to mask the token; no other line may carry it
    const logged = run.runner.stdout.split("\n").filter((line) => !line.startsWith("##vso[task.setsecret]"));
    expect(logged.join("\n")).not.toContain(accessToken);
    await rm(workspace, { recursive: true, force: true });
  });
});
