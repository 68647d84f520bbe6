/** validate-data as the GitHub runner runs it: anomalies on rows of repository files become annotations there. */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { customers, lineOf, writeCsv } from "../../tasks/data-files.js";
import { runAction } from "./run-action.js";

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
});
