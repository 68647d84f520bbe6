/** monitor-drift end to end through the committed CLI bundle: profile file and registry references, the trigger. */
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCli, runCliAsync } from "../cli/run-cli.js";
import { openApiProblems } from "../hosts/github/openapi.js";
import { type Recorder, startRecorder } from "../trigger/recorder.js";
import { customers, writeCsv } from "./data-files.js";

function workspace(): string {
  const cwd = mkdtempSync(path.join(os.tmpdir(), "mlgate-drift-"));
  writeCsv(cwd, "train.csv", customers(3000, 11));
  writeCsv(cwd, "same.csv", customers(3000, 12));
  writeCsv(cwd, "shifted.csv", customers(3000, 13, 0.8));
  const profiled = runCli(["validate-data", "--data", "train.csv", "--profile-out", "train-profile.json"], { cwd });
  if (profiled.status !== 0) throw new Error(profiled.stderr);
  return cwd;
}

function lastJson(stdout: string): Record<string, string> {
  return JSON.parse(stdout.trim().split("\n").pop() as string) as Record<string, string>;
}

interface ReportJson {
  format: string;
  drift: boolean;
  columns: {
    column: string;
    drifted: boolean;
    tests: { test: string; statistic: number; pValue?: number; threshold: number; drifted: boolean }[];
  }[];
}

let recorder: Recorder | undefined;
afterEach(async () => {
  await recorder?.close();
  recorder = undefined;
});

describe("mlgate monitor-drift", () => {
  it("finds no drift in a fresh sample of the same distribution (exit 0)", () => {
    const cwd = workspace();
    const run = runCli(["monitor-drift", "--current", "same.csv", "--reference", "train-profile.json", "--json"], {
      cwd,
    });
    expect(run.status, run.stderr).toBe(0);
    expect(lastJson(run.stdout)).toMatchObject({ drift: "false", "should-retrain": "false", triggered: "false" });
  });

  it("reports drifted columns by severity with every test's score in the JSON report (exit 1)", () => {
    const cwd = workspace();
    const run = runCli(["monitor-drift", "--current", "shifted.csv", "--reference", "train-profile.json", "--json"], {
      cwd,
    });
    expect(run.status, run.stderr).toBe(1);
    const out = lastJson(run.stdout);
    expect(out.drift).toBe("true");
    expect(out["drifted-columns"]?.split(",")).toEqual(expect.arrayContaining(["score", "plan"]));
    expect(out["should-retrain"]).toBe("true");
    const report = JSON.parse(readFileSync(out["report-json"] as string, "utf8")) as ReportJson;
    expect(report.format).toBe("mlgate.drift-report");
    const score = report.columns.find((c) => c.column === "score");
    expect(score?.drifted).toBe(true);
    expect(score?.tests.map((t) => t.test)).toEqual(["ks", "wasserstein", "psi", "jensen-shannon", "missing-rate"]);
    expect(report.columns[0]?.drifted).toBe(true);
    const html = readFileSync(out.report as string, "utf8");
    expect(html).toContain("<svg");
    expect(html).toContain("score: reference vs current");
  });

  it("compares with the profile stored with a registry version, and refuses a version without one", () => {
    const cwd = workspace();
    const model = path.resolve("test/fixtures/onnx/regressor.onnx");
    const registered = runCli(
      ["register", "--model", model, "--name", "churn", "--profile", "train-profile.json", "--alias", "production"],
      { cwd },
    );
    expect(registered.status, registered.stderr).toBe(0);
    const run = runCli(["monitor-drift", "--current", "shifted.csv", "--model", "churn", "--json"], { cwd });
    expect(run.status, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/churn@(&#8203;)?1 \(production\)/);

    const bare = runCli(
      [
        "register",
        "--model",
        path.resolve("test/fixtures/onnx/classifier-zipmap-int64.onnx"),
        "--name",
        "bare",
        "--alias",
        "production",
      ],
      { cwd },
    );
    expect(bare.status, bare.stderr).toBe(0);
    const refused = runCli(["monitor-drift", "--current", "same.csv", "--model", "bare"], { cwd });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain("bare@1 (production) has no training-data profile");
  });

  it("fires a GitHub repository_dispatch that GitHub's API description accepts, without leaking the token", async () => {
    const cwd = workspace();
    recorder = await startRecorder({ status: 204 });
    const token = "ghp_monitorDriftTokenValue123";
    const env = { GITHUB_TOKEN: token, GITHUB_API_URL: recorder.url, GITHUB_REPOSITORY: "octo-org/models" };
    const args = ["monitor-drift", "--current", "shifted.csv", "--reference", "train-profile.json"];
    const run = await runCliAsync([...args, "--trigger", "github:repository_dispatch:retrain", "--json"], { cwd, env });
    expect(run.status, run.stderr).toBe(1);
    expect(lastJson(run.stdout).triggered).toBe("true");
    expect(recorder.requests).toHaveLength(1);
    const [request] = recorder.requests;
    expect(openApiProblems(request as NonNullable<typeof request>)).toEqual([]);
    expect(request?.body).toMatchObject({
      event_type: "retrain",
      client_payload: { reason: expect.stringContaining("drift") },
    });
    expect(run.stdout + run.stderr).not.toContain(token);
  });

  it("does not retrain on too few new rows, and says why", () => {
    const cwd = workspace();
    const run = runCli(
      [
        "monitor-drift",
        "--current",
        "shifted.csv",
        "--reference",
        "train-profile.json",
        "--min-new-rows",
        "5000",
        "--json",
      ],
      { cwd },
    );
    expect(run.status).toBe(1);
    const out = lastJson(run.stdout);
    expect(out["should-retrain"]).toBe("false");
    expect(out["retrain-reason"]).toContain("only 3000 new rows (min-new-rows 5000)");
  });

  it("refuses an unknown test name with a suggestion (exit 2)", () => {
    const cwd = workspace();
    const run = runCli(
      ["monitor-drift", "--current", "same.csv", "--reference", "train-profile.json", "--tests", "kss"],
      { cwd },
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("did you mean 'ks'?");
  });
});

describe("mlgate profile merge", () => {
  it("merges shard profiles into the profile of the whole, and refuses overlapping shards", () => {
    const cwd = mkdtempSync(path.join(os.tmpdir(), "mlgate-merge-"));
    const rows = customers(900, 21);
    writeCsv(cwd, "a.csv", rows.slice(0, 300));
    writeCsv(cwd, "b.csv", rows.slice(300, 900));
    for (const [data, out] of [
      ["a.csv", "a.json"],
      ["b.csv", "b.json"],
      ["a.csv,b.csv", "whole.json"],
    ] as const) {
      const run = runCli(["validate-data", "--data", data, "--profile-out", out, "--schema-out", `${out}.yml`], {
        cwd,
      });
      expect(run.status, run.stderr).toBe(0);
    }
    const merged = runCli(["profile", "merge", "a.json", "b.json", "--out", "merged.json"], { cwd });
    expect(merged.status, merged.stderr).toBe(0);
    const read = (name: string) => JSON.parse(readFileSync(path.join(cwd, name), "utf8"));
    const whole = read("whole.json");
    const combined = read("merged.json");
    expect(combined.rows).toBe(900);
    expect(combined.digest).toBe(whole.digest);
    expect(combined.columns.map((c: { summary: { distinct: number } }) => c.summary.distinct)).toEqual(
      whole.columns.map((c: { summary: { distinct: number } }) => c.summary.distinct),
    );
    const twice = runCli(["profile", "merge", "a.json", "whole.json", "--out", "bad.json"], { cwd });
    expect(twice.status).toBe(2);
    expect(twice.stderr).toContain("would count twice");
  });
});
