/**
 * The sticky PR comment on Azure Pipelines, as a pull-request thread, against a local stand-in for the
 * Azure DevOps REST API. Every request is checked against the documented shape of its operation.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Ajv } from "ajv";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { stickyMarker } from "../../../src/core/report/comment.js";
import type { StickyComment } from "../../../src/tasks/context.js";
import type { FakeAzureDevOpsConfig, RecordedRequest } from "./fake-azure-devops.js";
import { commentScript, runOnAgent } from "./run-task.js";

const accessToken = "job-access-token-7f3a";
const marker = stickyMarker("register:churn");
const prefix = "/fabrikam/Fraud%20Models/_apis/git/repositories/5f1c0a9e-repo/pullRequests/42/threads";

/**
 * The documented operations (Git › Pull Request Threads and Thread Comments, api-version 7.1), with
 * the request fields their pages list. Azure DevOps refuses longer comments with "A discussion
 * comment cannot be longer than 150000 characters".
 */
const content = { type: "string", maxLength: 150_000 };
const commentFields = {
  _links: {},
  author: {},
  commentType: { enum: [0, 1, 2, 3, "unknown", "text", "codeChange", "system"] },
  content,
  id: { type: "integer" },
  isDeleted: { type: "boolean" },
  lastContentUpdatedDate: { type: "string" },
  lastUpdatedDate: { type: "string" },
  parentCommentId: { type: "integer" },
  publishedDate: { type: "string" },
  usersLiked: { type: "array" },
};
const documented = [
  {
    // https://learn.microsoft.com/en-us/rest/api/azure/devops/git/pull-request-threads/list?view=azure-devops-rest-7.1
    name: "Pull Request Threads - List",
    method: "GET",
    path: /^\/[^/]+\/[^/]+\/_apis\/git\/repositories\/[^/]+\/pullRequests\/\d+\/threads$/,
    query: ["api-version", "$iteration", "$baseIteration"],
  },
  {
    // https://learn.microsoft.com/en-us/rest/api/azure/devops/git/pull-request-threads/create?view=azure-devops-rest-7.1
    name: "Pull Request Threads - Create",
    method: "POST",
    path: /^\/[^/]+\/[^/]+\/_apis\/git\/repositories\/[^/]+\/pullRequests\/\d+\/threads$/,
    query: ["api-version"],
    body: {
      type: "object",
      required: ["comments"],
      additionalProperties: false,
      properties: {
        _links: {},
        comments: {
          type: "array",
          minItems: 1,
          items: { type: "object", required: ["content"], additionalProperties: false, properties: commentFields },
        },
        id: { type: "integer" },
        identities: {},
        isDeleted: { type: "boolean" },
        lastUpdatedDate: { type: "string" },
        properties: {},
        publishedDate: { type: "string" },
        pullRequestThreadContext: {},
        status: {
          enum: [0, 1, 2, 3, 4, 5, 6, "unknown", "active", "fixed", "wontFix", "closed", "byDesign", "pending"],
        },
        threadContext: {},
      },
    },
  },
  {
    // https://learn.microsoft.com/en-us/rest/api/azure/devops/git/pull-request-thread-comments/update?view=azure-devops-rest-7.1
    name: "Pull Request Thread Comments - Update",
    method: "PATCH",
    path: /^\/[^/]+\/[^/]+\/_apis\/git\/repositories\/[^/]+\/pullRequests\/\d+\/threads\/\d+\/comments\/\d+$/,
    query: ["api-version"],
    body: { type: "object", required: ["content"], additionalProperties: false, properties: commentFields },
  },
];
const ajv = new Ajv({ allErrors: true });

function documentedOperation(request: RecordedRequest): string | undefined {
  return documented.find((op) => op.method === request.method && op.path.test(request.path))?.name;
}

function restProblems(request: RecordedRequest): string[] {
  const at = `${request.method} ${request.path}`;
  const operation = documented.find((op) => op.method === request.method && op.path.test(request.path));
  if (!operation) return [`${at}: no documented operation`];
  const problems: string[] = [];
  if (request.query["api-version"] !== "7.1")
    problems.push(`${at}: api-version is '${request.query["api-version"]}', not 7.1`);
  for (const name of Object.keys(request.query)) {
    if (!operation.query.includes(name)) problems.push(`${at}: query parameter '${name}' is not documented`);
  }
  if (request.authorization !== `Bearer ${accessToken}`)
    problems.push(`${at}: not authorized with the job's access token`);
  if (!operation.body && request.body !== undefined) problems.push(`${at}: takes no body`);
  if (operation.body) {
    const check = ajv.compile(operation.body);
    if (!check(request.body))
      problems.push(...(check.errors ?? []).map((e) => `${at}: body${e.instancePath} ${e.message}`));
  }
  return problems;
}

interface FakeAzureDevOps {
  url: string;
  recorded(): Promise<RecordedRequest[]>;
}

const servers: ChildProcess[] = [];

async function startFakeAzureDevOps(config: FakeAzureDevOpsConfig): Promise<FakeAzureDevOps> {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
  const server = spawn(
    process.execPath,
    ["--import", tsx, "test/hosts/azure-pipelines/fake-azure-devops.ts", JSON.stringify(config)],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  servers.push(server);
  const [firstLine] = (await once(server.stdout as NodeJS.ReadableStream, "data")) as [Buffer];
  const port = /listening (\d+)/.exec(firstLine.toString())?.[1];
  if (!port) throw new Error(`the stand-in did not start: ${firstLine.toString()}`);
  const url = `http://127.0.0.1:${port}`;
  return { url, recorded: async () => (await (await fetch(`${url}/__recorded`)).json()) as RecordedRequest[] };
}

let workspace: string;

beforeEach(async () => {
  workspace = await mkdtemp(path.join(os.tmpdir(), "mlgate-azp-comment-"));
});

afterEach(async () => {
  for (const server of servers.splice(0)) server.kill();
  await rm(workspace, { recursive: true, force: true });
});

interface PullRequestRun {
  comments: StickyComment[];
  api: FakeAzureDevOps;
  variables?: Record<string, string>;
  env?: Record<string, string>;
}

async function postComments({ comments, api, variables, env }: PullRequestRun) {
  const file = path.join(workspace, "comments.json");
  await writeFile(file, JSON.stringify(comments));
  return runOnAgent({
    script: commentScript,
    workspace,
    variables: {
      "System.CollectionUri": `${api.url}/fabrikam/`,
      "System.TeamProject": "Fraud Models",
      "Build.Repository.ID": "5f1c0a9e-repo",
      "Build.Repository.Name": "models",
      "Build.Repository.Provider": "TfsGit",
      "Build.Reason": "PullRequest",
      "Build.BuildId": "1234",
      "System.PullRequest.PullRequestId": "42",
      "System.PullRequest.SourceBranch": "refs/heads/feature/better-churn",
      "System.PullRequest.IsFork": "False",
      ...variables,
    },
    serviceConnections: { SystemVssConnection: { scheme: "OAuth", parameters: { AccessToken: accessToken } } },
    env: { MLGATE_TEST_COMMENTS: file, ...env },
  });
}

async function callsTo(api: FakeAzureDevOps) {
  const requests = await api.recorded();
  expect(requests.flatMap(restProblems)).toEqual([]);
  return requests;
}

describe("the Azure Pipelines sticky comment", () => {
  it("creates an active thread with one text comment, marker first, when no thread has the marker", async () => {
    const api = await startFakeAzureDevOps({
      threads: [{ id: 3, comments: [{ id: 1, content: "Please add a test", commentType: "text" }] }],
    });

    const run = await postComments({ api, comments: [{ key: "register:churn", markdown: "## churn@1 registered" }] });

    expect(run.exitCode).toBe(0);
    expect(run.runner.warningIssues).toEqual([]);
    const requests = await callsTo(api);
    expect(requests.map(documentedOperation)).toEqual(["Pull Request Threads - List", "Pull Request Threads - Create"]);
    expect(requests[1]?.path).toBe(prefix);
    expect(requests[1]?.body).toEqual({
      comments: [{ parentCommentId: 0, content: `${marker}\n## churn@1 registered`, commentType: 1 }],
      status: 1,
    });
    expect(run.summaries).toEqual([]);
  });

  it("updates the first comment of the marked thread in place", async () => {
    const api = await startFakeAzureDevOps({
      threads: [
        { id: 3, comments: [{ id: 1, content: "Please add a test" }] },
        {
          id: 8,
          comments: [
            { id: 5, content: `${marker}\nold report` },
            { id: 6, content: `a reply quoting ${marker}` },
          ],
        },
      ],
    });

    const run = await postComments({ api, comments: [{ key: "register:churn", markdown: "new report" }] });

    expect(run.exitCode).toBe(0);
    const requests = await callsTo(api);
    expect(requests.map(documentedOperation)).toEqual([
      "Pull Request Threads - List",
      "Pull Request Thread Comments - Update",
    ]);
    expect(requests[1]?.path).toBe(`${prefix}/8/comments/5`);
    expect(requests[1]?.body).toEqual({ content: `${marker}\nnew report` });
  });

  it("keeps a long report under Azure DevOps' 150,000-character limit", async () => {
    const api = await startFakeAzureDevOps({ threads: [] });
    const markdown = ["## profile", ""]
      .concat(Array.from({ length: 4000 }, (_, i) => `| column_${i} | ${"x".repeat(40)} |`))
      .join("\n");
    expect(markdown.length).toBeGreaterThan(150_000);

    const run = await postComments({ api, comments: [{ key: "register:churn", markdown }] });

    expect(run.exitCode).toBe(0);
    const requests = await callsTo(api);
    const body = requests[1]?.body as { comments: { content: string }[] };
    const posted = body.comments[0]?.content ?? "";
    expect(posted.length).toBeLessThanOrEqual(150_000);
    expect(posted.length).toBeGreaterThan(65_536);
    expect(posted).toContain("truncated");
    expect(posted).toContain("_build/results?buildId=1234");
  });

  it("on a refusal (403) warns once and uploads every report as a summary", async () => {
    const api = await startFakeAzureDevOps({ threads: [], failWith: 403 });

    const run = await postComments({
      api,
      comments: [
        { key: "register:churn", markdown: "## churn report" },
        { key: "register:fraud", markdown: "## fraud report" },
      ],
    });

    expect(run.exitCode).toBe(0);
    expect(run.runner.errorIssues).toEqual([]);
    expect(run.runner.warningIssues).toEqual([expect.stringMatching(/403.*Contribute to pull requests.*summary/)]);
    expect((await callsTo(api)).map(documentedOperation)).toEqual(["Pull Request Threads - List"]);
    expect(run.summaries).toEqual(["## churn report", "## fraud report"]);
  });

  it("uploads the report as a summary when the build is not for a pull request", async () => {
    const api = await startFakeAzureDevOps({ threads: [] });

    const run = await postComments({
      api,
      comments: [{ key: "register:churn", markdown: "## churn report" }],
      variables: { "System.PullRequest.PullRequestId": "", "Build.Reason": "IndividualCI" },
    });

    expect(run.exitCode).toBe(0);
    expect(await api.recorded()).toEqual([]);
    expect(run.runner.warningIssues).toEqual([expect.stringContaining("no pull request")]);
    expect(run.summaries).toEqual(["## churn report"]);
  });

  it("uploads the report as a summary for a fork's pull request, without calling the API", async () => {
    const api = await startFakeAzureDevOps({ threads: [] });

    const run = await postComments({
      api,
      comments: [{ key: "register:churn", markdown: "## churn report" }],
      variables: { "System.PullRequest.IsFork": "True" },
    });

    expect(run.exitCode).toBe(0);
    expect(await api.recorded()).toEqual([]);
    expect(run.runner.warningIssues).toEqual([expect.stringContaining("fork")]);
    expect(run.summaries).toEqual(["## churn report"]);
  });
});

describe("the REST shape check itself", () => {
  it("rejects a wrong api-version, a missing token and a thread without comments", () => {
    const request = { method: "POST", path: prefix, query: { "api-version": "7.0" }, body: { status: 1 } };
    expect(restProblems(request)).toEqual([
      `POST ${prefix}: api-version is '7.0', not 7.1`,
      `POST ${prefix}: not authorized with the job's access token`,
      `POST ${prefix}: body must have required property 'comments'`,
    ]);
  });
});
