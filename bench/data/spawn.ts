/** Runs one measurement in its own process (bench/data/child.ts through tsx, or the pandas anchor) and reads its JSON line. */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { ChildResult } from "./child.js";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const CHILD = fileURLToPath(new URL("./child.ts", import.meta.url));
export const PANDAS_ANCHOR = fileURLToPath(new URL("../anchors/pandas_profile.py", import.meta.url));

export type Outcome = { ok: true; result: ChildResult } | { ok: false; reason: string };

/**
 * A clean environment: nothing the host set (NODE_OPTIONS, NODE_EXTRA_CA_CERTS, which costs ~65 ms
 * per start, proxy settings) reaches the measured process.
 */
function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of ["PATH", "HOME", "TMPDIR", "LANG"]) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return env;
}

function run(command: string, args: readonly string[]): Outcome {
  const result = spawnSync(command, args, {
    cwd: ROOT,
    env: cleanEnv(),
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024,
  });
  if (result.error) return { ok: false, reason: result.error.message };
  if (result.status !== 0) {
    const lines = result.stderr.trim().split("\n");
    return { ok: false, reason: `exited ${result.signal ?? result.status}: ${lines.slice(-3).join(" / ")}` };
  }
  const line = result.stdout.trim().split("\n").at(-1) ?? "";
  try {
    return { ok: true, result: JSON.parse(line) as ChildResult };
  } catch {
    return { ok: false, reason: `printed no result: ${line.slice(0, 200)}` };
  }
}

export function runNode(mode: "profile" | "validate" | "drift" | "duckdb", ...args: string[]): Outcome {
  return run(process.execPath, ["--import", "tsx", CHILD, mode, ...args]);
}

export function runPython(python: string, mode: "profile" | "drift", ...args: string[]): Outcome {
  return run(python, [PANDAS_ANCHOR, mode, ...args]);
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
