/** Running one measurement in a process of its own and reading the JSON line it prints last. */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));

export type Outcome<T> = { ok: true; result: T } | { ok: false; reason: string };

/**
 * A clean environment: nothing the host set (NODE_OPTIONS, NODE_EXTRA_CA_CERTS, which costs ~65 ms
 * per start, proxy settings, thread limits) reaches the measured process, only `extra`.
 */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of ["PATH", "HOME", "TMPDIR", "LANG"]) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return { ...env, ...extra };
}

export function runJsonChild<T>(
  command: string,
  args: readonly string[],
  env: Record<string, string> = {},
): Outcome<T> {
  const result = spawnSync(command, args, { cwd: ROOT, env: cleanEnv(env), encoding: "utf8", maxBuffer: 16 << 20 });
  if (result.error) return { ok: false, reason: result.error.message };
  if (result.status !== 0) {
    const lines = result.stderr.trim().split("\n");
    return { ok: false, reason: `exited ${result.signal ?? result.status}: ${lines.slice(-3).join(" / ")}` };
  }
  const line = result.stdout.trim().split("\n").at(-1) ?? "";
  try {
    return { ok: true, result: JSON.parse(line) as T };
  } catch {
    return { ok: false, reason: `printed no result: ${line.slice(0, 200)}` };
  }
}
