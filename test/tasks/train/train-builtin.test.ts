/** train with a builtin trainer through the committed CLI bundle: the model, the run cache, lineage. */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import * as ort from "onnxruntime-node";
import { describe, expect, inject, it } from "vitest";
import { jsonOutputs, runCli } from "../../cli/run-cli.js";
import { cacheEntries, churnCsv, commitAll, gitWorkspace, readJson, runRecords } from "./workspace.js";

const train = ["train", "--data", "train.csv", "--trainer", "builtin", "--target", "churned", "--json"];

function workspace(): string {
  return gitWorkspace({ "train.csv": churnCsv(1500, 3), "params.yml": "C: 1.0\n" });
}

describe("train --trainer builtin", () => {
  it("picks logistic for a yes/no label, writes a model onnxruntime runs on raw columns, and validation metrics", async () => {
    const cwd = workspace();
    const run = runCli([...train, "--params", "params.yml"], { cwd });
    const out = jsonOutputs(run);
    expect(run.stderr).toContain("`builtin logistic`");
    const metrics = readJson<Record<string, Record<string, number>>>(out.metrics as string);
    expect(Object.keys(metrics)).toEqual(["train", "validation"]);
    expect(metrics.validation?.accuracy).toBeGreaterThan(0.75);
    expect(metrics.validation?.log_loss).toBeLessThan(0.6);

    const session = await ort.InferenceSession.create(out.model as string);
    const feeds = {
      age: new ort.Tensor("float32", Float32Array.of(25, 65), [2, 1]),
      income: new ort.Tensor("float32", Float32Array.of(25_000, Number.NaN), [2, 1]),
      plan: new ort.Tensor("string", ["basic", "pro"], [2, 1]),
    };
    const result = await session.run(feeds);
    expect(Array.from(result.label?.data as string[])).toEqual(["no", "yes"]);
    expect(JSON.parse(out.signature as string).inputs.map((i: { name: string }) => i.name)).toEqual([
      "age",
      "income",
      "plan",
    ]);
  });

  it("restores from the run cache on an unchanged re-run, and trains again when params, data or code change", () => {
    const cwd = workspace();
    const first = jsonOutputs(runCli([...train, "--params", "params.yml"], { cwd }));
    const model = readFileSync(first.model as string);
    rmSync(path.join(cwd, ".mlgate/train"), { recursive: true });

    const again = runCli([...train, "--params", "params.yml"], { cwd });
    expect(jsonOutputs(again)).toMatchObject({ cached: "true", "run-id": first["run-id"] });
    expect(again.stderr).toContain("run cache hit");
    expect(again.stderr).toContain("restored from the run cache");
    expect(readFileSync(first.model as string)).toEqual(model);
    expect(readJson(first.metrics as string)).toHaveProperty("validation");

    const forced = jsonOutputs(runCli([...train, "--params", "params.yml", "--force"], { cwd }));
    expect(forced.cached).toBe("false");
    expect(forced["run-id"]).not.toBe(first["run-id"]);

    writeFileSync(path.join(cwd, "params.yml"), "C: 0.01\n");
    expect(jsonOutputs(runCli([...train, "--params", "params.yml"], { cwd })).cached).toBe("false");

    writeFileSync(path.join(cwd, "train.csv"), churnCsv(1500, 4));
    expect(jsonOutputs(runCli([...train, "--params", "params.yml"], { cwd })).cached).toBe("false");

    writeFileSync(path.join(cwd, "NOTES.md"), "tracked code changed\n");
    commitAll(cwd, "notes");
    expect(jsonOutputs(runCli([...train, "--params", "params.yml"], { cwd })).cached).toBe("false");
    // force re-ran the same inputs: its cache entry was already there, so five runs, four keys
    expect(runRecords(cwd)).toHaveLength(5);
    expect(cacheEntries(cwd)).toHaveLength(4);
  });

  it("records the champion at the time and the code's dirty flag", () => {
    const cwd = workspace();
    const trained = jsonOutputs(runCli(train, { cwd }));
    const registered = runCli(
      ["register", "--model", trained.model as string, "--name", "churn", "--alias", "production", "--json"],
      { cwd },
    );
    expect(registered.status, registered.stderr).toBe(0);
    writeFileSync(path.join(cwd, "params.yml"), "C: 2.0\n");
    const second = jsonOutputs(runCli([...train, "--params", "params.yml", "--name", "churn"], { cwd }));
    const training = runRecords(cwd).find((r) => r.id === second["run-id"])?.training;
    expect(training?.champion).toMatchObject({ model: "churn", alias: "production", version: 1 });
    expect(training?.code.dirty).toBe(true);
  });

  it("picks ridge for a numeric label and reports regression metrics", () => {
    const rows = ["x,group,y"];
    for (let i = 0; i < 400; i++)
      rows.push(`${i / 10},${i % 3 === 0 ? "a" : "b"},${(3 * i) / 10 + (i % 3 === 0 ? 5 : 0) + 0.37}`);
    const cwd = gitWorkspace({ "data.csv": `${rows.join("\n")}\n` });
    const run = runCli(["train", "--data", "data.csv", "--trainer", "builtin", "--target", "y", "--json"], { cwd });
    const out = jsonOutputs(run);
    expect(run.stderr).toContain("`builtin ridge`");
    const metrics = readJson<Record<string, Record<string, number>>>(out.metrics as string);
    expect(metrics.validation?.r2).toBeGreaterThan(0.99);
  });

  it("trains on JSON Lines with typed cells: booleans as the label, numbers, nulls as missing", () => {
    const lines = churnCsv(600, 5)
      .trim()
      .split("\n")
      .slice(1)
      .map((line) => {
        const [age, income, plan, churned] = line.split(",");
        return JSON.stringify({
          age: Number(age),
          income: income ? Number(income) : null,
          plan,
          churned: churned === "yes",
        });
      });
    const cwd = gitWorkspace({ "train.jsonl": `${lines.join("\n")}\n` });
    const run = runCli(["train", "--data", "train.jsonl", "--trainer", "builtin", "--target", "churned", "--json"], {
      cwd,
    });
    const out = jsonOutputs(run);
    expect(run.stderr).toContain("`builtin logistic`");
    expect(
      readJson<Record<string, Record<string, number>>>(out.metrics as string).validation?.accuracy,
    ).toBeGreaterThan(0.7);
    expect(runRecords(cwd)[0]?.training?.data.rows).toBe(600);
  });

  it("keeps its run cache in a blob registry too", () => {
    const cwd = workspace();
    const registry = `az://train${Math.random().toString(36).slice(2, 10)}/ml`;
    const env = { AZURE_STORAGE_CONNECTION_STRING: inject("azuriteConnectionString") };
    const first = jsonOutputs(runCli([...train, "--registry", registry], { cwd, env }));
    rmSync(path.join(cwd, ".mlgate/train"), { recursive: true });
    const again = jsonOutputs(runCli([...train, "--registry", registry], { cwd, env }));
    expect(again).toMatchObject({ cached: "true", "run-id": first["run-id"] });
    expect(readFileSync(again.model as string).length).toBeGreaterThan(100);
  });

  it.each([
    { args: [], message: "'command': no training given" },
    { args: ["--trainer", "builtin"], message: "'target': a builtin trainer needs the label column" },
    { params: "c: 1\n", message: "'c' is not a builtin trainer param — did you mean 'C'?" },
    { params: "validation-fraction: 1.5\n", message: "validation-fraction 1.5 is outside [0, 1)" },
    { args: ["--target", "churned", "--trainer", "ridge"], message: "the ridge trainer needs a numeric label" },
  ])("refuses $message (exit 2, nothing stored)", ({ args, params, message }) => {
    const cwd = workspace();
    if (params) writeFileSync(path.join(cwd, "params.yml"), params);
    const base = ["train", "--data", "train.csv", "--params", "params.yml"];
    const run = runCli([...base, ...(args ?? ["--trainer", "builtin", "--target", "churned"])], { cwd });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
    expect(runRecords(cwd)).toEqual([]);
  });
});
