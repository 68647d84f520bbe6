/**
 * The sticky PR comment on GitHub, against a local stand-in for the REST API. Every request is checked
 * against GitHub's published OpenAPI description.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { stickyMarker } from "../../../src/core/report/comment.js";
import type { StickyComment } from "../../../src/tasks/context.js";
import { type FakeGitHub, type FakeGitHubOptions, startFakeGitHub } from "./fake-github-api.js";
import { openApiProblems, operationOf } from "./openapi.js";
import { repository, runAction } from "./run-action.js";

const token = "ghs_fakeTokenForTheLocalApi0123456789";
const marker = stickyMarker("register:churn");
const runUrl = `https://github.com/${repository}/actions/runs/4242`;

let workspace: string;
let api: FakeGitHub | undefined;

beforeEach(async () => {
  workspace = await mkdtemp(path.join(os.tmpdir(), "mlgate-gh-comment-"));
});

afterEach(async () => {
  await api?.close();
  api = undefined;
  await rm(workspace, { recursive: true, force: true });
});

function pullRequestEvent(headRepository = repository) {
  return {
    name: "pull_request",
    payload: {
      action: "synchronize",
      number: 7,
      pull_request: { number: 7, head: { ref: "feature/better-churn", repo: { full_name: headRepository } } },
      repository: { full_name: repository, name: "models", owner: { login: "octo-org" } },
    },
  };
}

async function postComments(comments: StickyComment[], options: FakeGitHubOptions & { headRepository?: string } = {}) {
  api = await startFakeGitHub(options);
  const file = path.join(workspace, "comments.json");
  await writeFile(file, JSON.stringify(comments));
  return runAction({
    entry: "comment",
    workspace,
    inputs: { "github-token": token },
    event: pullRequestEvent(options.headRepository),
    env: { GITHUB_API_URL: api.url, MLGATE_TEST_COMMENTS: file },
  });
}

function operations(): string[] {
  return (api?.requests ?? []).map((request) => `${operationOf(request)} ${request.query.page ?? ""}`.trim());
}

/** The comment body sent by the n-th request. */
function sentBody(n: number): string {
  return (api?.requests[n]?.body as { body?: string } | undefined)?.body ?? "";
}

function everyRequestIsDocumented() {
  expect((api?.requests ?? []).flatMap(openApiProblems)).toEqual([]);
}

describe("the GitHub sticky comment", () => {
  it("creates the comment, marker first, when the pull request has none", async () => {
    const run = await postComments([{ key: "register:churn", markdown: "## churn@1 registered" }], {
      comments: [{ id: 11, body: "LGTM" }],
    });

    expect(run.exitCode).toBe(0);
    expect(operations()).toEqual(["issues/list-comments", "issues/create-comment"]);
    everyRequestIsDocumented();
    const create = api?.requests[1];
    expect(create?.path).toBe(`/repos/${repository}/issues/7/comments`);
    expect(create?.headers.authorization).toBe(`token ${token}`);
    expect(create?.body).toEqual({ body: `${marker}\n## churn@1 registered` });
    expect(run.commands("warning")).toEqual([]);
    expect(run.summary).toBe("");
  });

  it("updates the marked comment in place when it is on the second page", async () => {
    const others = Array.from({ length: 250 }, (_, i) => ({ id: 100 + i, body: `comment ${i}` }));
    others[120] = { id: 220, body: `${marker}\nold report` };

    const run = await postComments([{ key: "register:churn", markdown: "new report" }], { comments: others });

    expect(run.exitCode).toBe(0);
    // the Link header led to page 2; the search stopped there, before page 3
    expect(operations()).toEqual(["issues/list-comments", "issues/list-comments 2", "issues/update-comment"]);
    everyRequestIsDocumented();
    expect(api?.requests[2]?.path).toBe(`/repos/${repository}/issues/comments/220`);
    expect(api?.comments.find((c) => c.id === 220)?.body).toBe(`${marker}\nnew report`);
    expect(api?.comments).toHaveLength(250);
  });

  it("truncates a body over 65,536 characters and links the run", async () => {
    const row = "| feature_with_a_long_name | 0.123456 | 0.654321 | passed |";
    const markdown = ["## drift report", "", "| feature | psi | ks | gate |", "| --- | --- | --- | --- |"]
      .concat(Array.from({ length: 2000 }, () => row))
      .join("\n");
    expect(markdown.length).toBeGreaterThan(100_000);

    const run = await postComments([{ key: "register:churn", markdown }]);

    expect(run.exitCode).toBe(0);
    everyRequestIsDocumented();
    const body = sentBody(1);
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body.startsWith(`${marker}\n## drift report`)).toBe(true);
    expect(body).toContain("truncated");
    expect(body).toContain(runUrl);
  });

  it("never posts a masked secret", async () => {
    const run = await postComments([{ key: "register:churn", markdown: `token in a report: ${token}` }]);

    expect(run.exitCode).toBe(0);
    expect(JSON.stringify(api?.requests.map((r) => r.body))).not.toContain(token);
    expect(sentBody(1)).toContain("token in a report: ***");
  });

  it("writes the report to the job summary on a fork's pull request, without calling the API", async () => {
    const run = await postComments([{ key: "register:churn", markdown: "## churn@1 registered" }], {
      headRepository: "someone/models",
    });

    expect(run.exitCode).toBe(0);
    expect(api?.requests).toEqual([]);
    expect(run.commands("warning")).toEqual([expect.stringContaining("fork")]);
    expect(run.summary).toContain("## churn@1 registered");
  });

  it("on a read-only token (403) warns once and writes every report to the job summary", async () => {
    const run = await postComments(
      [
        { key: "register:churn", markdown: "## churn report" },
        { key: "register:fraud", markdown: "## fraud report" },
      ],
      { refuseWritesWith: 403 },
    );

    expect(run.exitCode).toBe(0);
    expect(run.stderr).toBe("");
    everyRequestIsDocumented();
    // the second comment is not attempted: the token cannot write
    expect(operations()).toEqual(["issues/list-comments", "issues/create-comment"]);
    expect(run.commands("warning")).toEqual([expect.stringMatching(/403.*pull-requests: write.*job summary/)]);
    expect(run.summary).toContain("## churn report");
    expect(run.summary).toContain("## fraud report");
  });

  it("writes the report to the job summary when the run has no pull request", async () => {
    api = await startFakeGitHub();
    const file = path.join(workspace, "comments.json");
    await writeFile(file, JSON.stringify([{ key: "register:churn", markdown: "## pushed" }]));
    const run = await runAction({
      entry: "comment",
      workspace,
      inputs: { "github-token": token },
      env: { GITHUB_API_URL: api.url, MLGATE_TEST_COMMENTS: file },
    });

    expect(run.exitCode).toBe(0);
    expect(api.requests).toEqual([]);
    expect(run.commands("warning")).toEqual([expect.stringContaining("no pull request")]);
    expect(run.summary).toContain("## pushed");
  });
});

describe("the OpenAPI check itself", () => {
  const request = { headers: {}, query: {} };

  it("rejects an undocumented route, an undocumented query parameter and a body without `body`", () => {
    expect(
      openApiProblems({ ...request, method: "PUT", path: "/repos/o/r/issues/7/comments", body: undefined }),
    ).toEqual(["PUT /repos/o/r/issues/7/comments: no documented operation"]);
    expect(
      openApiProblems({
        ...request,
        method: "GET",
        path: "/repos/o/r/issues/7/comments",
        query: { perPage: "100" },
        body: undefined,
      }),
    ).toEqual(["GET /repos/o/r/issues/7/comments: query parameter 'perPage' is not documented"]);
    expect(
      openApiProblems({ ...request, method: "POST", path: "/repos/o/r/issues/7/comments", body: { text: "x" } }),
    ).toEqual(["POST /repos/o/r/issues/7/comments: body must have required property 'body'"]);
  });
});
