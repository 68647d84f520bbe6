/** The deploy task on an agent: output variables, the uploaded summary, and a fork's pull request refused. */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openRegistry } from "../../../src/core/store/open.js";
import type { Registry } from "../../../src/core/store/registry.js";
import { fixtureModel, registerVariant, storeVerdict } from "../../tasks/deploy/workspace.js";
import { type AgentOptions, mainBuild as pipeline, runOnAgent, taskScript } from "./run-task.js";

let bundleFolder: string;
let task: string;
let workspace: string;
let registry: Registry;

const forkPullRequest = {
  ...pipeline,
  "Build.Reason": "PullRequest",
  "System.PullRequest.PullRequestId": "17",
  "System.PullRequest.SourceBranch": "refs/heads/better-model",
  "System.PullRequest.IsFork": "True",
};

beforeAll(async () => {
  bundleFolder = await mkdtemp(path.join(os.tmpdir(), "mlgate-azp-task-"));
  task = await taskScript("deploy", bundleFolder);
}, 180_000);

afterAll(() => rm(bundleFolder, { recursive: true, force: true }));

beforeEach(async () => {
  workspace = await mkdtemp(path.join(os.tmpdir(), "mlgate-azp-workspace-"));
  registry = await openRegistry("registry", { workspace, env: {} });
  const champion = await registerVariant(registry, fixtureModel(), "v1");
  await registry.moveAlias("churn", "production", champion, { task: "register" });
  await registerVariant(registry, fixtureModel(), "v2");
  await storeVerdict(registry, "verdict-2", 2);
});

afterEach(() => rm(workspace, { recursive: true, force: true }));

function runDeploy(options: Partial<AgentOptions> = {}) {
  return runOnAgent({
    script: task,
    workspace,
    variables: pipeline,
    ...options,
    inputs: { model: "churn", verdict: "verdict-2", registry: "registry", ...options.inputs },
  });
}

describe("the deploy task", () => {
  it("moves the alias, sets output variables and uploads the summary", async () => {
    const run = await runDeploy();

    expect(run.runner.errorIssues).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toEqual({ version: "2", previousVersion: "1", alias: "production", url: "" });
    expect(run.summaries).toHaveLength(1);
    expect(run.summaries[0]).toContain("deployed `churn@2` to `production` (was v1)");
    expect(run.summaries[0]).toContain("https://dev.azure.com/fabrikam/Fraud%20Models/_build/results?buildId=1234");
    expect((await registry.getAlias("churn", "production"))?.history.at(-1)).toMatchObject({
      actor: "Ada Lovelace",
      verdictId: "verdict-2",
    });
  });

  it("refuses a fork's pull request naming allowUntrusted (exit 2), and deploys when allowed", async () => {
    const refused = await runDeploy({ variables: forkPullRequest });

    expect(refused.runner.failed).toBe(true);
    expect(refused.exitCode).toBe(2);
    expect(refused.runner.errorIssues).toEqual([
      expect.stringMatching(/^'allowUntrusted': refusing to deploy from a pull request of a fork/),
    ]);
    expect((await registry.getAlias("churn", "production"))?.revision).toBe(1);

    const allowed = await runDeploy({ variables: forkPullRequest, inputs: { allowUntrusted: "true" } });
    expect(allowed.exitCode).toBe(0);
    expect(allowed.outputs.version).toBe("2");
  });
});
