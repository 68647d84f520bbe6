/** Builds the inputs of a registration the way the register task does. */
import { randomUUID } from "node:crypto";
import type { Registry } from "../../src/core/store/registry.js";
import type { NewVersion } from "../../src/core/store/types.js";

export async function newVersion(
  registry: Registry,
  modelBytes: Buffer,
  runId: string = randomUUID(),
): Promise<NewVersion> {
  const model = await registry.putObject(modelBytes, "application/onnx", "model.onnx");
  const metrics = await registry.putObject(
    Buffer.from(JSON.stringify({ auc: 0.9, run: runId })),
    "application/json",
    "metrics.json",
  );
  return {
    digest: model.digest,
    artifacts: { model, metrics },
    metrics: { auc: 0.9 },
    tags: { team: "risk" },
    lineage: {
      mlgateVersion: "0.0.0-test",
      task: "register",
      host: "cli",
      inputDigests: { model: model.digest },
      startedAt: new Date().toISOString(),
    },
    runId,
  };
}

/** What the register task does: objects first, the manifest, then the alias. */
export async function registerAndMove(
  registry: Registry,
  model: string,
  modelBytes: Buffer,
  runId: string = randomUUID(),
) {
  const { manifest, created } = await registry.registerVersion(model, await newVersion(registry, modelBytes, runId));
  const alias = await registry.moveAlias(model, "candidate", manifest.version, { task: "register", runId });
  return { manifest, created, alias };
}
