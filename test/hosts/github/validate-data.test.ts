/** validate-data as the GitHub runner runs it: anomalies on rows of repository files become annotations there. */
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { stickyMarker } from "../../../src/core/report/comment.js";
import { customers, lineOf, writeCsv } from "../../tasks/data-files.js";
import { type FakeGitHub, startFakeGitHub } from "./fake-github-api.js";
import { openApiProblems } from "./openapi.js";
import { repository, runAction } from "./run-action.js";

let api: FakeGitHub | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

describe("the validate-data action", () => {
  it("annotates the file and line of an anomaly's first example, writes outputs and the summary", async () => {
    const workspace = mkdtempSync(path.join(os.tmpdir(), "mlgate-gh-validate-"));
    writeCsv(workspace, "train.csv", customers(200, 31));
    const inferred = await runAction({ entry: "validate-data", workspace, inputs: { data: "train.csv" } });
    expect(inferred.exitCode, inferred.stdout).toBe(0);
    expect(inferred.commands("warning").join("\n")).toContain("inferred one from the data");

    const rows = customers(200, 32);
    rows[60] = { ...(rows[60] as (typeof rows)[number]), age: "n/a-ish" };
    writeCsv(workspace, "data/new.csv", rows);
    const run = await runAction({
      entry: "validate-data",
      workspace,
      inputs: { data: "data/new.csv", schema: "schema.yml" },
    });
    expect(run.exitCode, run.stdout).toBe(1);
    const [annotation] = run.commands("error");
    expect(annotation).toMatch(new RegExp(`^::error file=data/new\\.csv,line=${lineOf(60)}::`));
    expect(annotation).toContain("column 'age': type");
    expect(run.outputs).toMatchObject({ valid: "false", errors: "1", warnings: "0" });
    expect(run.summary).toContain("mlgate validate-data");
    expect(run.stdout).toMatch(/read: 0\.\d MB of 0\.\d MB, 200 rows/);
  });

  it("posts the report once, as the sticky pull request comment, with column names from data escaped", async () => {
    const workspace = mkdtempSync(path.join(os.tmpdir(), "mlgate-gh-validate-pr-"));
    const hostile = "<img src=x onerror=alert(1)>";
    writeFileSync(path.join(workspace, "data.csv"), `id,"${hostile}"\n1,a\n2,b\n`);
    api = await startFakeGitHub();
    const event = {
      name: "pull_request",
      payload: {
        number: 9,
        pull_request: { number: 9, head: { ref: "data-update", repo: { full_name: repository } } },
        repository: { full_name: repository },
      },
    };
    const run = await runAction({
      entry: "validate-data",
      workspace,
      inputs: { data: "data.csv", "github-token": "ghs_validateDataToken0123456789" },
      event,
      env: { GITHUB_API_URL: api.url },
    });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(api.comments).toHaveLength(1);
    const [comment] = api.comments;
    expect(comment?.body.startsWith(stickyMarker("validate-data:data.csv"))).toBe(true);
    expect(comment?.body).not.toContain(hostile);
    expect(comment?.body).toContain("&lt;img");
    expect(run.summary).toBe("");
    expect(api.requests.flatMap(openApiProblems)).toEqual([]);
  });
});
