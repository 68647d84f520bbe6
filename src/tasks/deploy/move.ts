/**
 * The alias move: one compare-and-swap from the revision the plan read, with the audit entry in the
 * same write. Losing the race is a refusal that says who won.
 */
import { ConflictError } from "../../core/errors.js";
import type { Registry } from "../../core/store/registry.js";
import type { AliasState } from "../../core/store/types.js";
import type { DeployPlan } from "./plan.js";
import { aliasMoved } from "./refusal.js";

export interface Mover {
  actor?: string;
  /** this deploy's run record */
  runId: string;
  /** the CI run */
  runUrl?: string;
}

export async function moveAlias(
  registry: Registry,
  plan: DeployPlan,
  names: { model: string; alias: string },
  mover: Mover,
): Promise<AliasState> {
  const { current, manifest } = plan;
  try {
    return await registry.moveAlias(
      names.model,
      names.alias,
      manifest.version,
      { task: "deploy", ...mover, ...plan.audit },
      { expectedRevision: current?.revision ?? null },
    );
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    const now = await registry.getAlias(names.model, names.alias);
    const expected = current ? { version: current.version, revision: current.revision } : null;
    throw aliasMoved(names.alias, expected, now, plan.since, plan.fix);
  }
}
