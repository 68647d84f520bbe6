import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/errors.js";
import { parseTrigger } from "../../src/core/trigger/index.js";

const key = "retrain-trigger";

describe("parseTrigger", () => {
  it.each([undefined, "", "  \n "])("reads %j as no trigger", (text) => {
    expect(parseTrigger(text, key)).toBeUndefined();
  });

  it("reads a repository dispatch", () => {
    expect(parseTrigger("  github:repository_dispatch:retrain-churn\n", key)).toEqual({
      kind: "github:repository_dispatch",
      eventType: "retrain-churn",
      text: "github:repository_dispatch:retrain-churn",
      key,
    });
  });

  it.each([
    ["github:workflow_dispatch:retrain.yml", "retrain.yml", undefined],
    ["github:workflow_dispatch:retrain.yaml@main", "retrain.yaml", "main"],
    ["github:workflow_dispatch:.github/workflows/retrain.yml@refs/tags/v1.2", "retrain.yml", "refs/tags/v1.2"],
    ["github:workflow_dispatch:161335@release/2025", "161335", "release/2025"],
  ])("reads the workflow dispatch %s", (text, workflow, ref) => {
    expect(parseTrigger(text, key)).toEqual({ kind: "github:workflow_dispatch", workflow, ref, text, key });
  });

  it.each([
    ["azure-pipelines:12", 12, undefined],
    ["azure-pipelines:12@release/2025", 12, "release/2025"],
    ["azure-pipelines:2147483647@refs/heads/main", 2147483647, "refs/heads/main"],
  ])("reads the pipeline run %s", (text, pipelineId, branch) => {
    expect(parseTrigger(text, key)).toEqual({ kind: "azure-pipelines", pipelineId, branch, text, key });
  });

  it.each([
    ["githb:repository_dispatch:retrain", "is not a trigger — use `github:repository_dispatch:<event type>`"],
    ["github:workflow_dispatch", "is not a trigger"],
    ["github:push:main", "is not a trigger"],
    ["azure-devops:12", "is not a trigger"],
    ["github:repository_dispatch:", "needs an event type of 1 to 100 characters without spaces"],
    ["github:repository_dispatch:retrain churn", "needs an event type"],
    [`github:repository_dispatch:${"x".repeat(101)}`, "needs an event type"],
    ["github:workflow_dispatch:", "names no workflow — give the workflow's file name or numeric id"],
    ["github:workflow_dispatch:retrain", "names no workflow"],
    ["github:workflow_dispatch:ci/retrain.yml", "names no workflow"],
    ["github:workflow_dispatch:retrain.yml@", "needs a ref without spaces after '@'"],
    ["github:workflow_dispatch:retrain.yml@main branch", "needs a ref without spaces after '@'"],
    ["azure-pipelines:", "names no pipeline — give the pipeline's numeric id (`definitionId` in its URL)"],
    ["azure-pipelines:train-churn", "names no pipeline"],
    ["azure-pipelines:0", "names no pipeline"],
    ["azure-pipelines:2147483648", "names no pipeline"],
    ["azure-pipelines:12@", "needs a branch without spaces after '@'"],
  ])("refuses %j naming the input and the fix", (text, expected) => {
    let thrown: unknown;
    try {
      parseTrigger(text, key);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InputError);
    const error = thrown as InputError;
    expect(error.exitCode).toBe(2);
    expect(error.where).toEqual({ key });
    expect(error.fix).toBeTruthy();
    expect(error.message).toContain(`'${key}': '${text.trim()}' ${expected}`);
    expect(error.message).not.toContain("\n");
  });
});
