/**
 * evaluate-against-champion as the GitHub runner runs it on a pull request: one sticky comment per
 * model, updated in place on the next run, with the verdict on top and the metric table; outputs
 * for the next steps; a rejection fails the step with the failing gates in the log.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { stickyMarker } from "../../../src/core/report/comment.js";
import { runCli } from "../../cli/run-cli.js";
import { trainedWorkspace } from "../../tasks/evaluate/workspace.js";
import { type FakeGitHub, startFakeGitHub } from "./fake-github-api.js";
import { openApiProblems } from "./openapi.js";
import { repository, runAction } from "./run-action.js";

const token = "ghs_evaluateToken0123456789abcdef";
let workspace: string;
let api: FakeGitHub | undefined;

beforeAll(() => {
  workspace = trainedWorkspace();
  const args = ["register", "--model", "v1/model.onnx", "--metrics", "v1/metrics.json", "--name", "churn"];
  expect(runCli([...args, "--alias", "production", "--json"], { cwd: workspace }).status).toBe(0);
}, 120_000);

afterEach(async () => {
  await api?.close();
  api = undefined;
});

const pullRequest = {
  name: "pull_request",
  payload: {
    number: 12,
    pull_request: { number: 12, head: { ref: "better-model", repo: { full_name: repository } } },
    repository: { full_name: repository },
  },
};

function evaluate(challenger: string) {
  return runAction({
    entry: "evaluate-against-champion",
    workspace,
    inputs: {
      challenger,
      model: "churn",
      data: "holdout.csv",
      label: "churned",
      bootstrap: "200",
      "github-token": token,
    },
    event: pullRequest,
    env: { GITHUB_API_URL: (api as FakeGitHub).url },
  });
}

describe("the evaluate-against-champion action", () => {
  it("posts the metric diff as one sticky comment per model and updates it on the next run", async () => {
    api = await startFakeGitHub();
    const first = await evaluate("v2/model.onnx");
    expect(first.exitCode, first.stdout).toBe(0);
    expect(first.outputs).toMatchObject({ verdict: "promote", "champion-version": "1", problem: "binary" });
    expect(first.outputs["verdict-id"]).toMatch(/^\d{8}T\d{6}Z-[0-9a-f]{12}$/);
    expect(api.comments).toHaveLength(1);
    const [comment] = api.comments;
    expect(comment?.body.startsWith(stickyMarker("evaluate-against-champion:churn"))).toBe(true);
    expect(comment?.body).toContain("promote v2/model.onnx");
    expect(comment?.body).toMatch(/\| ROC AUC \(↑ better\) \| [\d.]+ \| [\d.]+ \| 🟢 \+/);
    expect(comment?.body).toContain("```mermaid");
    expect(comment?.body).toMatch(/x-axis \[.*"v1".*"challenger"\]/);
    expect(comment?.body).not.toContain(token);
    expect(first.summary).toBe("");

    writeFileSync(
      path.join(workspace, "mlgate.yml"),
      "version: 1\ngates:\n  metrics:\n    accuracy:\n      min: 0.99\n",
    );
    const second = await evaluate("v2/model.onnx");
    expect(second.exitCode).toBe(1);
    expect(second.outputs.verdict).toBe("reject");
    expect(second.stdout).toContain("gate failed: ");
    expect(api.comments).toHaveLength(1);
    expect(api.comments[0]?.body).toContain("reject v2/model.onnx");
    expect(api.comments[0]?.body).toContain("accuracy.min");
    expect(api.requests.flatMap(openApiProblems)).toEqual([]);
  });
});
