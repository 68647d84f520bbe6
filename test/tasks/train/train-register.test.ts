/** "Which code, data, params and environment made version 7?": register links a version to its train run. */
import { describe, expect, it } from "vitest";
import { openRegistry } from "../../../src/core/store/open.js";
import type { ArtifactRef } from "../../../src/core/store/types.js";
import { jsonOutputs, runCli } from "../../cli/run-cli.js";
import { churnCsv, gitWorkspace, regressorModel, runRecords } from "./workspace.js";

function trained() {
  const cwd = gitWorkspace({ "train.csv": churnCsv(500, 8), "params.yml": "C: 0.5\n" });
  const args = ["--data", "train.csv", "--trainer", "logistic", "--target", "churned", "--params", "params.yml"];
  const out = jsonOutputs(runCli(["train", ...args, "--json"], { cwd }));
  return { cwd, out };
}

describe("register --run", () => {
  it("links the version to the train run and takes its metrics, params and profile", async () => {
    const { cwd, out } = trained();
    const registered = jsonOutputs(
      runCli(
        ["register", "--model", out.model as string, "--name", "churn", "--run", out["run-id"] as string, "--json"],
        {
          cwd,
        },
      ),
    );
    const registry = await openRegistry(".mlgate/registry", { workspace: cwd, env: {} });
    const manifest = await registry.resolve("churn", 1);
    const run = runRecords(cwd).find((record) => record.id === out["run-id"]);
    expect(manifest.trainingRun).toBe(out["run-id"]);
    expect(manifest.metrics).toEqual(run?.training?.metrics);
    expect(manifest.metrics?.["validation.accuracy"]).toBeGreaterThan(0.6);
    expect(manifest.artifacts.profile).toEqual(run?.artifacts.profile);
    expect(manifest.artifacts.metrics).toEqual(run?.artifacts.metrics);
    const params = await registry.getObject(manifest.artifacts.params as ArtifactRef);
    expect(JSON.parse(params.toString("utf8"))).toEqual({ C: 0.5 });
    expect(registered.version).toBe("1");

    const shown = runCli(["registry", "show", "churn@1"], { cwd });
    expect(shown.status, shown.stderr).toBe(0);
    expect(shown.stdout).toContain(`trained by   run ${out["run-id"]}`);
    expect(shown.stdout).toContain("trainer      builtin logistic");
    expect(shown.stdout).toContain(`data         ${run?.training?.data.digest} (500 rows in 1 files)`);
    expect(shown.stdout).toContain('params       {"C":0.5}');
    expect(shown.stdout).toMatch(/code {9}sha256:[0-9a-f]{64} \(2 files\)/);
  });

  it.each([
    { run: "20260101T000000Z-000000000000", message: "'run': no run '20260101T000000Z-000000000000' in" },
    { model: regressorModel, message: "trained a different model" },
  ])("refuses a run that did not train this model: $message", ({ run, model, message }) => {
    const { cwd, out } = trained();
    const result = runCli(
      [
        "register",
        "--model",
        model ?? (out.model as string),
        "--name",
        "churn",
        "--run",
        run ?? (out["run-id"] as string),
      ],
      { cwd },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
    expect(runRecords(cwd).map((r) => r.task)).toEqual(["train"]);
  });
});
