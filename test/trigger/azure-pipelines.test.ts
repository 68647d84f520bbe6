/**
 * The Azure Pipelines retrain trigger against a local recorder; every request is checked against the
 * documented shape of Runs - Run Pipeline.
 */
import { afterEach, describe, expect, it } from "vitest";
import { fireTrigger, parseTrigger, type TriggerContext } from "../../src/core/trigger/index.js";
import type { RecordedRequest } from "../hosts/github/fake-github-api.js";
import { restProblems, runAnswer } from "./azure-run-pipeline.js";
import { inputError, key, why } from "./fixtures.js";
import { type Answer, type Recorder, startRecorder } from "./recorder.js";

const token = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.job-access-token";
const runs = "/fabrikam/Fraud%20Models/_apis/pipelines/12/runs";

const pipeline = parseTrigger("azure-pipelines:12", key);
if (!pipeline) throw new Error("fixtures must parse");

let api: Recorder | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

async function azureDevOps(answer: Answer | ((request: RecordedRequest) => Answer) = runAnswer) {
  api = await startRecorder(answer);
  const context: TriggerContext = {
    branch: "main",
    githubApiUrl: "https://api.github.com",
    azureCollectionUri: `${api.url}/fabrikam/`,
    azureProject: "Fraud Models",
    azureToken: token,
  };
  return { api, context };
}

function checked(recorder: Recorder) {
  expect(recorder.requests.flatMap((request) => restProblems(request, token))).toEqual([]);
  return recorder.requests;
}

describe("azure-pipelines", () => {
  it("runs the pipeline on this run's branch with the three string parameters", async () => {
    const { api, context } = await azureDevOps();

    const result = await fireTrigger(pipeline, context, why);

    const [request, ...more] = checked(api);
    expect(more).toEqual([]);
    expect(request?.path).toBe(runs);
    expect(request?.query).toEqual({ "api-version": "7.1" });
    expect(request?.headers.accept).toBe("application/json");
    expect(request?.body).toEqual({
      resources: { repositories: { self: { refName: "refs/heads/main" } } },
      templateParameters: { model: "churn", version: "7", reason: "3 of 12 columns drifted (25% > 20%)" },
    });
    expect(result).toEqual({
      description: "started a run of pipeline 12 on refs/heads/main in Fraud Models (run 4711)",
      runUrl: "https://dev.azure.com/fabrikam/Fraud%20Models/_build/results?buildId=4711",
    });
  });

  it("uses the branch the trigger names, and a collection URI without its trailing slash", async () => {
    const { api, context } = await azureDevOps();
    const target = parseTrigger("azure-pipelines:12@release/2025", key);
    if (!target) throw new Error("must parse");

    await fireTrigger(target, { ...context, azureCollectionUri: `${api.url}/fabrikam` }, why);
    const tagged = parseTrigger("azure-pipelines:12@refs/tags/v2", key);
    if (!tagged) throw new Error("must parse");
    await fireTrigger(tagged, context, why);

    const [first, second] = checked(api);
    expect(first?.path).toBe(runs);
    expect(first?.body).toMatchObject({
      resources: { repositories: { self: { refName: "refs/heads/release/2025" } } },
    });
    expect(second?.body).toMatchObject({ resources: { repositories: { self: { refName: "refs/tags/v2" } } } });
  });

  it("leaves the branch to the pipeline's default when the run is on none", async () => {
    const { api, context } = await azureDevOps();

    const result = await fireTrigger(pipeline, { ...context, branch: undefined }, why);

    expect(checked(api)[0]?.body).toEqual({
      templateParameters: { model: "churn", version: "7", reason: "3 of 12 columns drifted (25% > 20%)" },
    });
    expect(result.description).toBe("started a run of pipeline 12 in Fraud Models (run 4711)");
  });
});

describe("Azure DevOps refusals", () => {
  it.each([
    [
      403,
      {
        message:
          "TF215106: Access denied. Fraud Models Build Service (fabrikam) needs Queue builds permissions for build pipeline 12 in team project Fraud Models to perform the action.",
      },
      "Azure DevOps answered 403 to a run of pipeline 12 on refs/heads/main in Fraud Models (TF215106: Access denied. Fraud Models Build Service (fabrikam) needs Queue builds permissions for build pipeline 12 in team project Fraud Models to perform the action.) — give the build service the 'Queue builds' permission on pipeline 12",
    ],
    [
      404,
      { message: "Pipeline with id 12 not found.", typeKey: "PipelineNotFoundException" },
      "(Pipeline with id 12 not found.) — check that pipeline 12 exists in Fraud Models: the id is the `definitionId` in the pipeline's URL",
    ],
    [
      400,
      { message: "Unexpected parameter 'model'", typeKey: "PipelineValidationException" },
      "(Unexpected parameter 'model') — the pipeline needs the string parameters model, version, reason, and refs/heads/main must exist",
    ],
    [
      401,
      undefined,
      "Azure DevOps answered 401 to a run of pipeline 12 on refs/heads/main in Fraud Models — the job's access token was not accepted",
    ],
    [500, { message: "VS402000: internal error" }, "(VS402000: internal error) — Azure DevOps failed; run again later"],
  ] as const)("%i is one clear line", async (status, body, expected) => {
    const { context } = await azureDevOps({ status, body });

    const error = await inputError(fireTrigger(pipeline, context, why), token);

    expect(error.message).toContain(expected);
  });

  it("reads a sign-in page (203) as a token that was not accepted, without quoting the page", async () => {
    const { context } = await azureDevOps({
      status: 203,
      text: "<html><title>Azure DevOps Services | Sign In</title></html>",
    });

    const error = await inputError(fireTrigger(pipeline, context, why), token);

    expect(error.message).toBe(
      "'retrain-trigger': Azure DevOps answered 203 to a run of pipeline 12 on refs/heads/main in Fraud Models — the job's access token was not accepted; let the task use System.AccessToken",
    );
  });

  it("needs the job's access token, and the collection and project", async () => {
    const { api, context } = await azureDevOps();

    const noToken = await inputError(fireTrigger(pipeline, { ...context, azureToken: undefined }, why), token);
    expect(noToken.message).toBe(
      "'retrain-trigger': no Azure DevOps access token to fire 'azure-pipelines:12' — map the job's token into the step: `env: { SYSTEM_ACCESSTOKEN: $(System.AccessToken) }`",
    );
    for (const missing of [{ azureCollectionUri: undefined }, { azureProject: "" }]) {
      const error = await inputError(fireTrigger(pipeline, { ...context, ...missing }, why), token);
      expect(error.message).toContain("needs the Azure DevOps collection and project");
    }
    expect(api.requests).toEqual([]);
  });

  it("gives up after the timeout", async () => {
    const { context } = await azureDevOps((request) => ({ ...runAnswer(request), delayMs: 5_000 }));

    const error = await inputError(fireTrigger(pipeline, { ...context, timeoutMs: 250 }, why), token);

    expect(error.message).toContain(
      "Azure DevOps did not answer a run of pipeline 12 on refs/heads/main in Fraud Models within 0.25 s",
    );
  });
});

describe("the Run Pipeline shape check itself", () => {
  it("rejects a wrong api-version, a foreign token and non-string parameters", () => {
    const request: RecordedRequest = {
      method: "POST",
      path: runs,
      query: { "api-version": "7.1-preview.1" },
      headers: { authorization: "Bearer other", "content-type": "application/json" },
      body: { templateParameters: { version: 7 }, refName: "main" },
    };
    expect(restProblems(request, token)).toEqual([
      `POST ${runs}: api-version is '7.1-preview.1', not 7.1`,
      `POST ${runs}: not authorized with the job's token`,
      `POST ${runs}: body must NOT have additional properties`,
      `POST ${runs}: body/templateParameters/version must be string`,
    ]);
  });
});
