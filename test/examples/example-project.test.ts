/**
 * examples/churn: the committed data is what the generator writes, the generator is deterministic,
 * and the example's schema accepts its data (and refuses broken data) through the committed CLI
 * bundle, run in a copy of the example as a user would run it.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli/run-cli.js";
import { tempDir } from "../support/temp.js";

const example = path.resolve("examples/churn");
const generator = path.join(example, "generate-data.mjs");
const committed = ["train.csv", "holdout.csv"];
const generated = [
  "train.csv",
  "holdout.csv",
  "train-improved.csv",
  "train-noisy.csv",
  "production-like.csv",
  "production-drifted.csv",
];

function generate(out: string, ...args: string[]): void {
  execFileSync(process.execPath, [generator, "--out", out, ...args], { encoding: "utf8" });
}

function rowsOf(file: string): string[][] {
  return readFileSync(file, "utf8")
    .trimEnd()
    .split("\n")
    .map((line) => line.split(","));
}

/** A copy of the example's configuration and committed data: what someone copying the example has. */
async function exampleCopy(): Promise<string> {
  const cwd = await tempDir("mlgate-example-");
  for (const file of ["mlgate.yml", "schema.yml"]) copyFileSync(path.join(example, file), path.join(cwd, file));
  mkdirSync(path.join(cwd, "data"));
  for (const file of committed) copyFileSync(path.join(example, "data", file), path.join(cwd, "data", file));
  return cwd;
}

function outputs(stdout: string): Record<string, string> {
  return JSON.parse(stdout.trim().split("\n").pop() as string) as Record<string, string>;
}

describe("examples/churn", () => {
  it("commits exactly the generator's train.csv and holdout.csv, and generates the same bytes every run", async () => {
    const first = await tempDir("mlgate-churn-data-");
    const second = await tempDir("mlgate-churn-data-");
    generate(first);
    generate(second);
    expect(readdirSync(first).sort()).toEqual([...generated].sort());
    for (const file of generated) {
      expect(readFileSync(path.join(second, file)).equals(readFileSync(path.join(first, file))), file).toBe(true);
    }
    for (const file of committed) {
      const inRepository = readFileSync(path.join(example, "data", file));
      expect(inRepository.equals(readFileSync(path.join(first, file))), `examples/churn/data/${file}`).toBe(true);
    }
  });

  it("generates the datasets the README describes", async () => {
    const out = await tempDir("mlgate-churn-data-");
    generate(out);
    const sizes = Object.fromEntries(generated.map((file) => [file, rowsOf(path.join(out, file)).length - 1]));
    expect(sizes).toEqual({
      "train.csv": 4000,
      "holdout.csv": 2000,
      "train-improved.csv": 12_000,
      "train-noisy.csv": 4000,
      "production-like.csv": 2000,
      "production-drifted.csv": 2000,
    });
    const train = rowsOf(path.join(out, "train.csv"));
    expect(train[0]).toEqual([
      "customer_id",
      "tenure_months",
      "monthly_charges",
      "total_charges",
      "support_calls",
      "age",
      "plan",
      "region",
      "payment",
      "churned",
    ]);
    const churnRate = train.slice(1).filter((row) => row[9] === "yes").length / (train.length - 1);
    expect(churnRate).toBeGreaterThan(0.2);
    expect(churnRate).toBeLessThan(0.3);
    // the production files are what a scoring service sees: no label
    for (const file of ["production-like.csv", "production-drifted.csv"]) {
      expect(rowsOf(path.join(out, file))[0]).toEqual(train[0]?.slice(0, -1));
    }
    // customer numbers never repeat, within a file or across files
    const ids = generated.flatMap((file) =>
      rowsOf(path.join(out, file))
        .slice(1)
        .map((row) => row[0]),
    );
    expect(new Set(ids).size).toBe(ids.length);

    const scaled = await tempDir("mlgate-churn-data-");
    generate(scaled, "--scale", "0.1");
    expect(rowsOf(path.join(scaled, "train.csv")).length - 1).toBe(400);
    expect(rowsOf(path.join(scaled, "train-improved.csv")).length - 1).toBe(1200);
  });

  it("validate-data: the committed data meets the example's schema, broken data does not", async () => {
    const cwd = await exampleCopy();
    for (const file of committed) {
      const run = runCli(["validate-data", "--data", `data/${file}`, "--json"], { cwd });
      expect(run.status, run.stderr).toBe(0);
      expect(outputs(run.stdout)).toMatchObject({ valid: "true", errors: "0", warnings: "0" });
    }

    // a bad export: an unknown plan, a minor, a negative charge, a label spelt differently, a repeated customer
    const rows = rowsOf(path.join(cwd, "data", "holdout.csv"));
    const broken = rows.map((row) => [...row]);
    (broken[10] as string[])[6] = "platinum";
    (broken[20] as string[])[5] = "7";
    (broken[30] as string[])[2] = "-12.50";
    (broken[40] as string[])[9] = "Yes";
    (broken[50] as string[])[0] = (broken[60] as string[])[0] as string;
    writeFileSync(path.join(cwd, "data", "broken.csv"), `${broken.map((row) => row.join(",")).join("\n")}\n`);
    const run = runCli(["validate-data", "--data", "data/broken.csv", "--json"], { cwd });
    expect(run.status, run.stderr).toBe(1);
    expect(outputs(run.stdout)).toMatchObject({ valid: "false", errors: "5" });
    for (const column of ["plan", "age", "monthly_charges", "churned", "customer_id"]) {
      expect(run.stderr).toContain(`column '${column}'`);
    }
  });
});
