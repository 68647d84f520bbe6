/** train's parameter search from mlgate.yml, through the committed CLI bundle. */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { jsonOutputs, runCli } from "../../cli/run-cli.js";
import {
  cacheEntries,
  churnCsv,
  fourFeatureCsv,
  gitWorkspace,
  readJson,
  runRecords,
  trainScript,
  zipmapModel,
} from "./workspace.js";

interface TrainingRecord {
  id: string;
  params: Record<string, unknown>;
  training: { trial: { index: number; of: number; search: string }; metrics: Record<string, number> };
}

describe("train with search: in mlgate.yml", () => {
  it("runs every grid trial, at most `parallel` at once, and keeps the best by the objective", () => {
    const cwd = gitWorkspace({
      "train.mjs": trainScript,
      "data.csv": fourFeatureCsv(100, 2),
      "params.json": JSON.stringify({ model: zipmapModel }),
      "mlgate.yml": [
        "version: 1",
        "search:",
        "  space:",
        "    score: [0.5, 0.9, 0.7]",
        "    sleep: [300]",
        "  parallel: 3",
        "  objective: { metric: validation.score, direction: maximize }",
      ].join("\n"),
    });
    const started = Date.now();
    const args = ["--command", "node train.mjs", "--params", "params.json", "--target", "label", "--json"];
    const run = runCli(["train", "--data", "data.csv", ...args], { cwd });
    const out = jsonOutputs(run);
    const records = runRecords(cwd) as unknown as TrainingRecord[];
    expect(records).toHaveLength(3);
    const best = records.find((record) => record.id === out["run-id"]);
    expect(best?.params).toEqual({ model: zipmapModel, score: 0.9, sleep: 300 });
    expect(readJson(out.metrics as string)).toEqual({ validation: { score: 0.9 } });
    expect(new Set(records.map((r) => r.training.trial.search)).size).toBe(1);
    expect(records.map((r) => r.training.trial.index).sort()).toEqual([0, 1, 2]);
    // the summary ranks the trials: 0.9, then 0.7, then 0.5
    const table = run.stderr.slice(run.stderr.indexOf("Trials, by validation.score (maximize)"));
    const ranked = [...table.matchAll(/^\| (?:🏆 )?(\d) \| \d \| 0\.(\d) \|/gm)].map((row) => `${row[1]}:${row[2]}`);
    expect(ranked).toEqual(["1:9", "2:7", "3:5"]);
    expect(run.stderr).toMatch(/\[trial \d\/3\] training with lr=/);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it("re-runs only the trials the run cache does not hold", () => {
    const config = (values: string) =>
      [
        "version: 1",
        "search:",
        "  method: grid",
        `  space: { C: [${values}] }`,
        "  objective: { metric: validation.log_loss, direction: minimize }",
      ].join("\n");
    const cwd = gitWorkspace({ "train.csv": churnCsv(800, 9), "mlgate.yml": config("0.001, 1") });
    const args = ["train", "--data", "train.csv", "--trainer", "logistic", "--target", "churned", "--json"];
    const first = jsonOutputs(runCli(args, { cwd }));
    expect(first.cached).toBe("false");
    writeFileSync(path.join(cwd, "mlgate.yml"), config("0.001, 1, 100"));
    const second = runCli(args, { cwd });
    expect(jsonOutputs(second).cached).toBe("false");
    expect(second.stderr).toContain("3 trials, 2 from the run cache");
    expect(cacheEntries(cwd)).toHaveLength(3);
    const records = runRecords(cwd) as unknown as TrainingRecord[];
    const logLoss = (record: TrainingRecord) => record.training.metrics["validation.log_loss"] as number;
    const lowest = records.reduce((a, b) => (logLoss(b) < logLoss(a) ? b : a));
    expect(jsonOutputs(runCli(args, { cwd }))).toMatchObject({ cached: "true", "run-id": lowest.id });
  });

  it.each([
    {
      search: [
        "  space: { C: { min: 0.1, max: 10 } }",
        "  objective: { metric: validation.log_loss, direction: minimize }",
      ],
      message: /mlgate\.yml:4:\d+ 'search\.space\.C': is a range, which a grid cannot enumerate/,
    },
    {
      search: ["  space: { C: [1] }", "  objective: { metric: validation.f1, direction: maximize }"],
      message:
        /mlgate\.yml:5:\d+ 'search\.objective\.metric': no trial reported the objective metric 'validation\.f1' — choose one of the metrics the trials wrote: train\.accuracy/,
    },
    {
      search: ["  space: { C: [1] }", "  objective: { metric: auc, direction: up }"],
      message: /mlgate\.yml:5:\d+.*direction/,
    },
  ])("refuses a bad search with its line in mlgate.yml ($message)", ({ search, message }) => {
    const cwd = gitWorkspace({
      "train.csv": churnCsv(300, 1),
      "mlgate.yml": ["version: 1", "search:", "  method: grid", ...search].join("\n"),
    });
    const run = runCli(["train", "--data", "train.csv", "--trainer", "logistic", "--target", "churned"], { cwd });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});
