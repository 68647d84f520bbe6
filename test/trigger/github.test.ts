/**
 * The GitHub retrain triggers against a local recorder; every request is checked against GitHub's
 * published OpenAPI description.
 */
import { afterEach, describe, expect, it } from "vitest";
import { fireTrigger, parseTrigger, type TriggerContext } from "../../src/core/trigger/index.js";
import { openApiProblems, operationOf } from "../hosts/github/openapi.js";
import { freePort } from "../support/ports.js";
import { inputError, key, why } from "./fixtures.js";
import { type Answer, type Recorder, startRecorder } from "./recorder.js";

const token = "ghs_job4Token7f3aSecret";
const repositoryDispatch = parseTrigger("github:repository_dispatch:retrain", key);
const workflowDispatch = parseTrigger("github:workflow_dispatch:retrain.yml", key);
if (!repositoryDispatch || !workflowDispatch) throw new Error("fixtures must parse");

let api: Recorder | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

async function github(answer: Answer | ((path: string) => Answer) = { status: 204 }) {
  api = await startRecorder(typeof answer === "function" ? (request) => answer(request.path) : answer);
  const context: TriggerContext = {
    repository: "octo-org/churn-models",
    branch: "main",
    githubApiUrl: api.url,
    githubToken: token,
  };
  return { api, context };
}

function checked(recorder: Recorder) {
  expect(recorder.requests.flatMap(openApiProblems)).toEqual([]);
  return recorder.requests;
}

/** The body of the one request made, checked. */
function onlyBody<T>(recorder: Recorder): T {
  const [request, ...more] = checked(recorder);
  expect(more).toEqual([]);
  return request?.body as T;
}

describe("github:repository_dispatch", () => {
  it("creates a repository dispatch event carrying the reason", async () => {
    const { api, context } = await github();

    const result = await fireTrigger(repositoryDispatch, context, why);

    const [request, ...more] = checked(api);
    expect(more).toEqual([]);
    expect(request && operationOf(request)).toBe("repos/create-dispatch-event");
    expect(request?.path).toBe("/repos/octo-org/churn-models/dispatches");
    expect(request?.headers).toMatchObject({
      authorization: `Bearer ${token}`,
      accept: "application/vnd.github+json",
      "x-github-api-version": "2022-11-28",
      "content-type": "application/json",
      "user-agent": expect.stringMatching(/^mlgate\/\d/),
    });
    expect(request?.body).toEqual({
      event_type: "retrain",
      client_payload: {
        model: "churn",
        version: 7,
        reason: "3 of 12 columns drifted (25% > 20%)",
        driftShare: 0.25,
        driftedColumns: ["tenure", "monthly_charges", "contract"],
        driftedColumnCount: 3,
        runUrl: "https://github.com/octo-org/churn-models/actions/runs/42",
      },
    });
    expect(result).toEqual({ description: "sent repository_dispatch 'retrain' to octo-org/churn-models" });
  });

  it("keeps a wide table's payload under GitHub's 64 KB and 10 properties", async () => {
    const { api, context } = await github();
    const driftedColumns = Array.from({ length: 5000 }, (_, i) => `feature_${i}_${"é".repeat(30)}`);
    const { runUrl: _, ...withoutRun } = why;

    await fireTrigger(repositoryDispatch, context, { ...withoutRun, reason: "r".repeat(5000), driftedColumns });

    const payload = onlyBody<{ client_payload: Record<string, unknown> }>(api).client_payload;
    expect(Buffer.byteLength(JSON.stringify(payload))).toBeLessThan(64 * 1024);
    expect(Object.keys(payload)).toHaveLength(6);
    expect(payload.driftedColumnCount).toBe(5000);
    const kept = payload.driftedColumns as string[];
    expect(kept.length).toBeGreaterThan(100);
    expect(kept).toEqual(driftedColumns.slice(0, kept.length));
    expect(payload.reason).toBe(`${"r".repeat(999)}…`);
  });
});

describe("github:workflow_dispatch", () => {
  it("dispatches the workflow on this run's branch with the three string inputs", async () => {
    const { api, context } = await github();

    const result = await fireTrigger(workflowDispatch, context, why);

    const [request, ...more] = checked(api);
    expect(more).toEqual([]);
    expect(request && operationOf(request)).toBe("actions/create-workflow-dispatch");
    expect(request?.path).toBe("/repos/octo-org/churn-models/actions/workflows/retrain.yml/dispatches");
    expect(request?.headers).toMatchObject({
      authorization: `Bearer ${token}`,
      accept: "application/vnd.github+json",
      "x-github-api-version": "2022-11-28",
      "content-type": "application/json",
    });
    expect(request?.body).toEqual({
      ref: "main",
      inputs: { model: "churn", version: "7", reason: "3 of 12 columns drifted (25% > 20%)" },
    });
    expect(result).toEqual({ description: "sent workflow_dispatch of retrain.yml on main in octo-org/churn-models" });
  });

  it("uses the ref and workflow id the trigger names, under a GitHub Enterprise Server API path", async () => {
    const { api, context } = await github();
    const target = parseTrigger("github:workflow_dispatch:161335@refs/tags/v2", key);
    if (!target) throw new Error("must parse");

    await fireTrigger(target, { ...context, githubApiUrl: `${api.url}/api/v3/` }, why);

    const [request] = api.requests;
    if (!request) throw new Error("no request");
    expect(request.path).toBe("/api/v3/repos/octo-org/churn-models/actions/workflows/161335/dispatches");
    const unprefixed = { ...request, path: request.path.slice("/api/v3".length) };
    expect(openApiProblems(unprefixed)).toEqual([]);
    expect(unprefixed.body).toMatchObject({ ref: "refs/tags/v2" });
  });

  it("sends only string inputs within workflow_dispatch's limits, however long the reason", async () => {
    const { api, context } = await github();

    await fireTrigger(workflowDispatch, context, { ...why, reason: "x".repeat(100_000) });

    const { inputs } = onlyBody<{ inputs: Record<string, unknown> }>(api);
    expect(Object.keys(inputs).length).toBeLessThanOrEqual(10);
    expect(Object.values(inputs).every((value) => typeof value === "string")).toBe(true);
    expect(Object.values(inputs).join("").length).toBeLessThanOrEqual(65_535);
  });
});

describe("GitHub refusals", () => {
  it.each([
    [
      repositoryDispatch,
      403,
      { message: "Resource not accessible by integration" },
      "GitHub answered 403 to repository_dispatch 'retrain' to octo-org/churn-models (Resource not accessible by integration) — give the job `permissions: contents: write`",
    ],
    [
      workflowDispatch,
      403,
      { message: "Resource not accessible by integration" },
      "GitHub answered 403 to workflow_dispatch of retrain.yml on main in octo-org/churn-models (Resource not accessible by integration) — give the job `permissions: actions: write`",
    ],
    [
      workflowDispatch,
      404,
      { message: "Not Found", documentation_url: "https://docs.github.com/rest" },
      "GitHub answered 404 to workflow_dispatch of retrain.yml on main in octo-org/churn-models (Not Found) — check that the workflow retrain.yml exists in octo-org/churn-models",
    ],
    [
      repositoryDispatch,
      404,
      { message: "Not Found" },
      "(Not Found) — check that octo-org/churn-models exists and that the token can see it",
    ],
    [
      workflowDispatch,
      422,
      { message: 'Unexpected inputs provided: ["model", "version", "reason"]' },
      '(Unexpected inputs provided: ["model", "version", "reason"]) — the workflow needs `on: workflow_dispatch` declaring the string inputs model, version, reason, and main must exist',
    ],
    [
      workflowDispatch,
      401,
      { message: "Bad credentials" },
      "GitHub answered 401 to workflow_dispatch of retrain.yml on main in octo-org/churn-models (Bad credentials) — the token was not accepted",
    ],
    [
      repositoryDispatch,
      500,
      { message: "Server Error" },
      "GitHub answered 500 to repository_dispatch 'retrain' to octo-org/churn-models (Server Error) — GitHub failed; run again later",
    ],
    [
      repositoryDispatch,
      502,
      undefined,
      "GitHub answered 502 to repository_dispatch 'retrain' to octo-org/churn-models — GitHub failed",
    ],
  ] as const)("%#: %j answered %i is one clear line", async (target, status, body, expected) => {
    const { context } = await github({ status, body });

    const error = await inputError(fireTrigger(target, context, why), token);

    expect(error.message).toContain(expected);
  });

  it("blanks the token when the server echoes it", async () => {
    const { context } = await github({ status: 422, body: { message: `token ${token} is\nnot valid here` } });

    const error = await inputError(fireTrigger(workflowDispatch, context, why), token);

    expect(error.message).toContain("(token *** is not valid here)");
  });
});

describe("GitHub trigger preconditions", () => {
  it("needs a token, and says which permission it must have", async () => {
    const { api, context } = await github();

    const error = await inputError(fireTrigger(workflowDispatch, { ...context, githubToken: undefined }, why), token);

    expect(error.message).toBe(
      "'retrain-trigger': no GitHub token to fire 'github:workflow_dispatch:retrain.yml' — set `github-token` to a token with `actions: write`",
    );
    const dispatchError = await inputError(
      fireTrigger(repositoryDispatch, { ...context, githubToken: "" }, why),
      token,
    );
    expect(dispatchError.message).toContain("a token with `contents: write`");
    expect(api.requests).toEqual([]);
  });

  it("needs an owner/name repository", async () => {
    const { api, context } = await github();

    for (const repository of [undefined, "Fraud Models/churn/extra", "churn-models"]) {
      const error = await inputError(fireTrigger(repositoryDispatch, { ...context, repository }, why), token);
      expect(error.message).toContain("needs the GitHub repository (owner/name) to dispatch to");
    }
    expect(api.requests).toEqual([]);
  });

  it("needs a ref when the run is on no branch", async () => {
    const { api, context } = await github();

    const error = await inputError(fireTrigger(workflowDispatch, { ...context, branch: undefined }, why), token);

    expect(error.message).toBe(
      "'retrain-trigger': 'github:workflow_dispatch:retrain.yml' needs a ref, and this run is on no branch — name the branch or tag: `github:workflow_dispatch:retrain.yml@main`",
    );
    expect(api.requests).toEqual([]);
  });

  it("gives up after the timeout", async () => {
    const { api, context } = await github({ status: 204, delayMs: 5_000 });
    const started = Date.now();

    const error = await inputError(fireTrigger(repositoryDispatch, { ...context, timeoutMs: 200 }, why), token);

    expect(Date.now() - started).toBeLessThan(4_000);
    expect(error.message).toContain(
      "GitHub did not answer repository_dispatch 'retrain' to octo-org/churn-models within 0.2 s",
    );
    expect(api.requests).toHaveLength(1);
  });

  it("says which address it could not reach", async () => {
    const port = await freePort();
    const context: TriggerContext = {
      repository: "octo-org/churn-models",
      githubApiUrl: `http://127.0.0.1:${port}`,
      githubToken: token,
    };

    const error = await inputError(fireTrigger(repositoryDispatch, context, why), token);

    expect(error.message).toContain(`could not reach GitHub at http://127.0.0.1:${port} for repository_dispatch`);
    expect(error.message).toContain("ECONNREFUSED");
  });
});
