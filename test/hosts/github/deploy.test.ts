/** The deploy action as the runner runs it: outputs, step summary, annotations, and a fork's pull request refused. */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openRegistry } from "../../../src/core/store/open.js";
import type { Registry } from "../../../src/core/store/registry.js";
import { fixtureModel, registerVariant, storeVerdict } from "../../tasks/deploy/workspace.js";
import { repository, runAction } from "./run-action.js";

let workspace: string;
let registry: Registry;

beforeEach(async () => {
  workspace = await mkdtemp(path.join(os.tmpdir(), "mlgate-gh-workspace-"));
  registry = await openRegistry("registry", { workspace, env: {} });
  const champion = await registerVariant(registry, fixtureModel(), "v1");
  await registry.moveAlias("churn", "production", champion, { task: "register" });
  await registerVariant(registry, fixtureModel(), "v2");
});

afterEach(() => rm(workspace, { recursive: true, force: true }));

/** A pull request whose head is another repository's branch. */
const forkPullRequest = {
  name: "pull_request",
  payload: {
    repository: { full_name: repository },
    pull_request: { number: 7, head: { ref: "better-model", repo: { full_name: "mallory/models" } } },
  },
};

describe("the deploy action", () => {
  it("moves the alias under a verdict, sets the outputs and writes the step summary", async () => {
    await storeVerdict(registry, "verdict-2", 2);
    const run = await runAction({
      entry: "deploy",
      workspace,
      inputs: { model: "churn", verdict: "verdict-2", registry: "registry" },
    });

    expect(run.stderr).toBe("");
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toEqual({ version: "2", "previous-version": "1", alias: "production", url: "" });
    expect(run.summary).toContain("mlgate deploy: churn");
    expect(run.summary).toContain("deployed `churn@2` to `production` (was v1)");
    const runUrl = `https://github.com/${repository}/actions/runs/4242`;
    expect(run.summary).toContain(runUrl);
    expect(run.commands("error")).toEqual([]);
    expect((await registry.getAlias("churn", "production"))?.history.at(-1)).toMatchObject({
      actor: "octocat",
      runUrl,
      verdictId: "verdict-2",
      task: "deploy",
    });
  });

  it("refuses a fork's pull request with one error naming allow-untrusted (exit 2), and deploys when allowed", async () => {
    const inputs = { model: "churn", version: "2", force: "true", reason: "demo", registry: "registry" };
    const refused = await runAction({ entry: "deploy", workspace, inputs, event: forkPullRequest });

    expect(refused.exitCode).toBe(2);
    expect(refused.commands("error")).toEqual([
      expect.stringMatching(/^::error::'allow-untrusted': refusing to deploy from a pull request of a fork/),
    ]);
    expect(refused.outputs).toEqual({});
    expect((await registry.getAlias("churn", "production"))?.revision).toBe(1);

    const allowed = await runAction({
      entry: "deploy",
      workspace,
      inputs: { ...inputs, "allow-untrusted": "true" },
      event: forkPullRequest,
    });
    expect(allowed.exitCode).toBe(0);
    expect(allowed.outputs.version).toBe("2");
  });

  it("annotates a refusal as an error and exits 1 with the alias unchanged", async () => {
    await storeVerdict(registry, "verdict-2", 2);
    await registry.moveAlias("churn", "production", 2, { task: "register", runId: "elsewhere" });
    const run = await runAction({
      entry: "deploy",
      workspace,
      inputs: { model: "churn", verdict: "verdict-2", registry: "registry" },
    });

    expect(run.exitCode).toBe(1);
    expect(run.commands("error")).toEqual([
      expect.stringMatching(
        /^::error::alias 'production' moved from v1 \(revision 1\) to v2 \(revision 2\) by run elsewhere since verdict verdict-2: re-evaluate/,
      ),
    ]);
    expect(run.outputs).toEqual({ version: "2", "previous-version": "", alias: "production", url: "" });
    expect(run.summary).toContain("not deployed");
  });
});
