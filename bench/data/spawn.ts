/** Runs one measurement in its own process (bench/data/child.ts through tsx, or the pandas anchor) and reads its JSON line. */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { type Outcome as ChildOutcome, cleanEnv, ROOT, runJsonChild } from "../child-process.js";
import type { ChildResult } from "./child.js";

const CHILD = fileURLToPath(new URL("./child.ts", import.meta.url));
export const PANDAS_ANCHOR = fileURLToPath(new URL("../anchors/pandas_profile.py", import.meta.url));

export type Outcome = ChildOutcome<ChildResult>;

export function runNode(mode: "profile" | "validate" | "drift" | "duckdb", ...args: string[]): Outcome {
  return runJsonChild<ChildResult>(process.execPath, ["--import", "tsx", CHILD, mode, ...args]);
}

export function runPython(python: string, mode: "profile" | "drift", ...args: string[]): Outcome {
  return runJsonChild<ChildResult>(python, [PANDAS_ANCHOR, mode, ...args]);
}

/** The versions of pandas and scipy `python` imports, or why the pandas anchor cannot run. */
export function checkPython(python: string): { ok: true; versions: string } | { ok: false; reason: string } {
  const result = spawnSync(python, [PANDAS_ANCHOR, "check"], { cwd: ROOT, env: cleanEnv(), encoding: "utf8" });
  if (result.error) return { ok: false, reason: `${python} did not run (${result.error.message})` };
  if (result.status !== 0) {
    return {
      ok: false,
      reason: `${python} cannot import pandas and scipy (${result.stderr.trim().split("\n").at(-1)})`,
    };
  }
  return { ok: true, versions: result.stdout.trim() };
}
