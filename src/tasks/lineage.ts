/** Lineage every task records: the run's identity from the host, input digests, timings. */
import { randomBytes } from "node:crypto";
import type { Digest, Lineage } from "../core/store/types.js";
import type { TaskContext } from "./context.js";

/** Time-ordered, collision-free run ids: `20261124T143200Z-9f2c4a1b7d3e`. */
export function newRunId(at: Date): string {
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  return `${stamp}-${randomBytes(6).toString("hex")}`;
}

export function startLineage(ctx: TaskContext, task: string, startedAt: Date): Lineage {
  const { fromFork: _notLineage, ...identity } = ctx.identity;
  return {
    mlgateVersion: ctx.version,
    task,
    ...definedOnly(identity),
    host: identity.host,
    inputDigests: {},
    startedAt: startedAt.toISOString(),
  };
}

export function finishLineage(lineage: Lineage, inputDigests: Record<string, Digest>, finishedAt: Date): Lineage {
  return {
    ...lineage,
    inputDigests,
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - Date.parse(lineage.startedAt),
  };
}

function definedOnly<T extends object>(record: T): Partial<T> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as Partial<T>;
}
