/** validate-data end to end through the committed CLI bundle, on real CSV files. */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli/run-cli.js";
import { customers, lineOf, writeCsv } from "./data-files.js";

function workspace(): string {
  return mkdtempSync(path.join(os.tmpdir(), "mlgate-validate-"));
}

function outputs(stdout: string): Record<string, string> {
  return JSON.parse(stdout.trim().split("\n").pop() as string) as Record<string, string>;
}

describe("mlgate validate-data", () => {
  it("infers a schema for review, then the same data meets it", () => {
    const cwd = workspace();
    writeCsv(cwd, "train.csv", customers(300, 1));
    const inferred = runCli(["validate-data", "--data", "train.csv", "--json"], { cwd });
    expect(inferred.status, inferred.stderr).toBe(0);
    expect(inferred.stderr).toContain("inferred one from the data and wrote schema.yml");
    const schema = readFileSync(path.join(cwd, "schema.yml"), "utf8");
    expect(schema).toMatch(/plan:\s*\n\s+type: string/);
    expect(schema).toMatch(/age:\s*\n\s+type: integer/);

    const checked = runCli(["validate-data", "--data", "train.csv", "--schema", "schema.yml", "--json"], { cwd });
    expect(checked.status, checked.stderr).toBe(0);
    const out = outputs(checked.stdout);
    expect(out).toMatchObject({ valid: "true", errors: "0", warnings: "0" });
    const profile = JSON.parse(readFileSync(out.profile as string, "utf8"));
    expect(profile).toMatchObject({ format: "mlgate.profile", version: 1, rows: 300 });
    expect(profile.columns.map((c: { name: string; type: string }) => `${c.name}:${c.type}`)).toEqual([
      "id:integer",
      "age:integer",
      "plan:string",
      "score:float",
      "signup:date",
    ]);
    expect(readFileSync(out.report as string, "utf8")).toContain("<html");
  });

  it("names column, kind, count, examples and file:line of every anomaly, and exits 1", () => {
    const cwd = workspace();
    writeCsv(cwd, "train.csv", customers(300, 1));
    expect(runCli(["validate-data", "--data", "train.csv"], { cwd }).status).toBe(0);
    const rows = customers(300, 2);
    rows[40] = { ...(rows[40] as (typeof rows)[number]), age: "forty" };
    rows[77] = { ...(rows[77] as (typeof rows)[number]), plan: "platinum" };
    writeCsv(cwd, "new.csv", rows);
    const run = runCli(["validate-data", "--data", "new.csv", "--schema", "schema.yml", "--json"], { cwd });
    expect(run.status, run.stderr).toBe(1);
    expect(outputs(run.stdout)).toMatchObject({ valid: "false", errors: "2" });
    expect(run.stderr).toContain(`new.csv:${lineOf(40)}`);
    expect(run.stderr).toMatch(/column 'age': type: 1 value not a whole number/);
    expect(run.stderr).toContain('"forty"');
    expect(run.stderr).toMatch(/column 'plan': domain: .*"platinum" at new.csv:79/);
  });

  it("keeps data values out of logs and reports with redact-values", () => {
    const cwd = workspace();
    writeCsv(cwd, "train.csv", customers(200, 3));
    expect(runCli(["validate-data", "--data", "train.csv"], { cwd }).status).toBe(0);
    const rows = customers(200, 4);
    rows[5] = { ...(rows[5] as (typeof rows)[number]), plan: "secret-tier-x" };
    writeCsv(cwd, "new.csv", rows);
    const run = runCli(
      ["validate-data", "--data", "new.csv", "--schema", "schema.yml", "--redact-values", "--report-out", "r.html"],
      { cwd },
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`new.csv:${lineOf(5)}`);
    for (const text of [run.stdout, run.stderr, readFileSync(path.join(cwd, "r.html"), "utf8")]) {
      expect(text).not.toContain("secret-tier-x");
    }
  });

  it("refuses a schema with an unknown key before reading any data (exit 2, one line, nothing written)", () => {
    const cwd = workspace();
    writeCsv(cwd, "train.csv", customers(50, 5));
    writeFileSync(path.join(cwd, "schema.yml"), "version: 1\ncolumns:\n  age:\n    type: integer\n    presense: 0.9\n");
    const run = runCli(["validate-data", "--data", "train.csv", "--schema", "schema.yml"], { cwd });
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toMatch(/schema\.yml:5:5/);
    expect(run.stderr).toContain("presence");
    expect(existsSync(path.join(cwd, ".mlgate"))).toBe(false);
  });

  it("refuses a ragged CSV with its line (exit 2) and writes no profile", () => {
    const cwd = workspace();
    writeFileSync(path.join(cwd, "bad.csv"), "a,b\n1,2\n3\n");
    const run = runCli(["validate-data", "--data", "bad.csv"], { cwd });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/bad\.csv:3/);
    expect(existsSync(path.join(cwd, ".mlgate", "profile.json"))).toBe(false);
    expect(existsSync(path.join(cwd, "schema.yml"))).toBe(false);
  });
});
