/** `npm run demo` end to end: every decision it shows, and the registry it leaves. */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { expect, it } from "vitest";
import { openStore } from "../support/stores.js";
import { tempDir } from "../support/temp.js";

const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

it("runs the whole gated flow: v1 first, v2 promoted, v3 rejected and refused, drift says retrain, rollback", async () => {
  const out = path.join(await tempDir("mlgate-demo-"), "demo");
  const demo = spawnSync(process.execPath, ["--import", tsx, "scripts/demo.ts", "--out", out], {
    encoding: "utf8",
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
    timeout: 180_000,
  });
  expect(demo.status, demo.stderr).toBe(0);

  const { decisions } = JSON.parse(readFileSync(path.join(out, "summary.json"), "utf8")) as {
    decisions: { step: string; decision: string; detail?: string }[];
  };
  const decided = Object.fromEntries(decisions.map(({ step, decision }) => [step, decision]));
  expect(decided).toEqual({
    "validate-data": "valid",
    "evaluate v1": "promote",
    "deploy v1": "production → v1",
    "evaluate v2": "promote",
    "deploy v2": "production → v2",
    "evaluate v3": "reject",
    "deploy v3": "refused",
    serve: "version 2",
    "monitor-drift like": "no drift",
    "monitor-drift logs": "should retrain",
    rollback: "production → v1",
  });
  expect(decisions.find((each) => each.step === "evaluate v3")?.detail).toMatch(/roc_auc/);

  // what the demo printed is what the registry holds
  expect(demo.stdout).toContain("verdict PROMOTE");
  expect(demo.stdout).toContain("verdict REJECT, because:");
  expect(demo.stdout).toMatch(/roc_auc \(primary\) +0\.\d{4} +0\.\d{4} +\+0\.\d{4}/);
  expect(demo.stdout).toContain(path.join(out, "reports").slice(-12));
  const registry = await openStore({ location: ".mlgate/registry", workspace: path.join(out, "project"), env: {} });
  const production = await registry.getAlias("churn", "production");
  expect(production?.history.map((move) => [move.from, move.to])).toEqual([
    [null, 1],
    [1, 2],
    [2, 1],
  ]);
  expect(production?.history[2]).toMatchObject({ rollback: true, task: "deploy" });
  expect((await registry.verify()).ok).toBe(true);
}, 180_000);
