/**
 * The run cache: one immutable record per cache key in the registry's store, naming the run that
 * trained with those inputs and the objects it produced. A hit restores the files (each verified
 * against its digest on download) instead of training again.
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import type { Registry } from "../../core/store/registry.js";
import type { ArtifactRef, Digest, TrainingLineage } from "../../core/store/types.js";

const KIND = "run-cache";

export interface RunCacheEntry {
  schema: "mlgate.run-cache/1";
  key: Digest;
  runId: string;
  createdAt: string;
  artifacts: { model: ArtifactRef; metrics?: ArtifactRef };
  signature: TrainingLineage["signature"];
  metrics?: Record<string, number>;
}

export async function findCachedRun(registry: Registry, key: Digest): Promise<RunCacheEntry | undefined> {
  return registry.getRecord<RunCacheEntry>(KIND, recordId(key));
}

/** Stores the entry unless a concurrent run with the same key stored one first (theirs stands: same inputs). */
export async function rememberRun(registry: Registry, entry: RunCacheEntry): Promise<void> {
  await registry.putRecord(KIND, recordId(entry.key), entry);
}

export const MODEL_FILE = "model.onnx";
export const METRICS_FILE = "metrics.json";

/** Writes the cached model (and metrics) into `dir`. */
export async function restoreRun(
  registry: Registry,
  artifacts: RunCacheEntry["artifacts"],
  dir: string,
): Promise<void> {
  await writeFile(path.join(dir, MODEL_FILE), await registry.getObject(artifacts.model));
  if (artifacts.metrics) await writeFile(path.join(dir, METRICS_FILE), await registry.getObject(artifacts.metrics));
}

function recordId(key: Digest): string {
  return key.slice("sha256:".length);
}
