import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { onTestFinished } from "vitest";

/** A fresh folder, removed when the current test finishes. Call inside a test. */
export async function tempDir(prefix = "mlgate-store-", base = tmpdir()): Promise<string> {
  const dir = await mkdtemp(join(base, prefix));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * A fresh folder in memory (tmpfs) where there is one: for seeding thousands of files, which a busy
 * CI disk does at a few thousand a second.
 */
export function memoryTempDir(prefix = "mlgate-store-"): Promise<string> {
  return tempDir(prefix, existsSync("/dev/shm") ? "/dev/shm" : tmpdir());
}
