/** The register task on an agent: output variables, the uploaded summary, the task result and exit code. */
import { cp, mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type AgentOptions, mainBuild as pipeline, runOnAgent, taskScript } from "./run-task.js";

let bundleFolder: string;
let task: string;
let workspace: string;
let registry: string;

beforeAll(async () => {
  bundleFolder = await mkdtemp(path.join(os.tmpdir(), "mlgate-azp-task-"));
  task = await taskScript("register", bundleFolder);
}, 180_000);

afterAll(() => rm(bundleFolder, { recursive: true, force: true }));

afterEach(() => rm(workspace, { recursive: true, force: true }));

beforeEach(async () => {
  workspace = await mkdtemp(path.join(os.tmpdir(), "mlgate-azp-workspace-"));
  registry = path.join(workspace, "registry");
  await mkdir(path.join(workspace, "models"));
  await cp("test/fixtures/onnx/regressor.onnx", path.join(workspace, "models/churn.onnx"));
});

function runRegister(options: Partial<AgentOptions> = {}) {
  return runOnAgent({
    script: task,
    workspace,
    variables: pipeline,
    ...options,
    inputs: { model: "models/churn.onnx", name: "churn", registry, ...options.inputs },
  });
}

describe("the register task", () => {
  it("registers the model, sets output variables and uploads the summary", async () => {
    const run = await runRegister();

    expect(run.runner.succeeded).toBe(true);
    expect(run.exitCode).toBe(0);
    expect(run.lines).toContain("##vso[task.setvariable variable=version;isOutput=true;issecret=false;]1");
    expect(run.outputs).toEqual({
      version: "1",
      digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      uri: expect.stringMatching(/#churn@1$/),
      created: "true",
    });
    expect(run.summaries).toHaveLength(1);
    expect(run.summaries[0]).toContain("mlgate register: churn");
    expect(run.summaries[0]).toContain("https://dev.azure.com/fabrikam/Fraud%20Models/_build/results?buildId=1234");
    expect(run.runner.errorIssues).toEqual([]);
  });

  it("reads hyphenated inputs by their task.json names (allow-duplicate as allowDuplicate)", async () => {
    await runRegister();
    const again = await runRegister({ inputs: { allowDuplicate: "true" } });

    expect(again.exitCode).toBe(0);
    expect(again.outputs).toMatchObject({ version: "2", created: "true" });
  });

  it("fails with exit code 2 and one error naming the missing input, writing nothing", async () => {
    const run = await runRegister({ inputs: { model: "" } });

    expect(run.runner.failed).toBe(true);
    expect(run.exitCode).toBe(2);
    expect(run.runner.errorIssues).toEqual([expect.stringMatching(/input 'model' is required/)]);
    expect(run.lines.filter((line) => line.startsWith("##vso[task.complete"))).toEqual([
      "##vso[task.complete result=Failed;]",
    ]);
    expect(run.outputs).toEqual({});
    expect(run.summaries).toEqual([]);
    expect(await readdir(workspace)).not.toContain("registry");
  });

  it("takes a service principal connection and masks its secret", async () => {
    const secret = "sp-secret-Zm9vYmFyYmF6cXV4";
    const run = await runRegister({
      inputs: { azureSubscription: "arm-connection" },
      serviceConnections: {
        "arm-connection": {
          scheme: "ServicePrincipal",
          parameters: {
            serviceprincipalid: "00000000-0000-0000-0000-00000000c1d0",
            serviceprincipalkey: secret,
            tenantid: "contoso.onmicrosoft.com",
          },
        },
      },
    });

    expect(run.exitCode).toBe(0);
    expect(run.runner.stdout).toContain(`##vso[task.setsecret]${secret}`);
    // the masking command hands the secret to the agent; no other line carries it
    const carriers = run.runner.stdout.split("\n").filter((line) => line.includes(secret));
    expect(carriers).toEqual([`##vso[task.setsecret]${secret}`]);
    expect(run.runner.stderr).not.toContain(secret);
  });

  it("takes a workload identity federation connection with the job's access token", async () => {
    const run = await runRegister({
      inputs: { azureSubscription: "wif-connection" },
      serviceConnections: {
        "wif-connection": {
          scheme: "WorkloadIdentityFederation",
          parameters: {
            serviceprincipalid: "00000000-0000-0000-0000-00000000c1d0",
            tenantid: "contoso.onmicrosoft.com",
          },
        },
        SystemVssConnection: { scheme: "OAuth", parameters: { AccessToken: "job-access-token" } },
      },
      env: {
        SYSTEM_OIDCREQUESTURI:
          "https://dev.azure.com/fabrikam/_apis/distributedtask/hubs/build/plans/1/jobs/2/oidctoken",
      },
    });

    expect(run.runner.errorIssues).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.runner.stdout).toContain("##vso[task.setsecret]job-access-token");
  });

  it("fails with exit code 2 naming azureSubscription when federation has no access token", async () => {
    const run = await runRegister({
      inputs: { azureSubscription: "wif-connection" },
      serviceConnections: {
        "wif-connection": {
          scheme: "WorkloadIdentityFederation",
          parameters: { serviceprincipalid: "c1d0", tenantid: "t" },
        },
      },
    });

    expect(run.exitCode).toBe(2);
    expect(run.runner.errorIssues).toEqual([expect.stringMatching(/'azureSubscription'.*System\.AccessToken/)]);
  });

  it("fails with exit code 2 naming azureSubscription for a scheme it cannot use", async () => {
    const run = await runRegister({
      inputs: { azureSubscription: "basic-connection" },
      serviceConnections: {
        "basic-connection": { scheme: "UsernamePassword", parameters: { username: "u", password: "p" } },
      },
    });

    expect(run.runner.failed).toBe(true);
    expect(run.exitCode).toBe(2);
    expect(run.runner.errorIssues).toEqual([
      expect.stringMatching(/^'azureSubscription': .*'UsernamePassword' scheme/),
    ]);
    expect(await readdir(workspace)).not.toContain("registry");
  });
});
