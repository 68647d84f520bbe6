/**
 * The deploy ran and the answer is no (exit 1): a reject verdict, an alias that moved since the
 * verdict, a lost race for the alias, a failed smoke test or deploy command. The alias is where it was.
 */
import type { AliasMove, AliasState } from "../../core/store/types.js";

export class DeployRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DeployRefusal";
  }
}

/** Where an alias pointed: the verdict's champion, or the alias as this deploy read it. */
export interface AliasPoint {
  version: number;
  revision: number;
}

/**
 * "alias 'production' moved from v2 (revision 3) to v5 (revision 4) by run … since verdict …: …".
 * `expected` null: the alias did not exist then.
 */
export function aliasMoved(
  alias: string,
  expected: AliasPoint | null,
  now: AliasState | undefined,
  since: string,
  fix: string,
): DeployRefusal {
  const to = now ? `v${now.version} (revision ${now.revision})` : "nowhere";
  const head = expected
    ? `alias '${alias}' moved from v${expected.version} (revision ${expected.revision}) to ${to}`
    : `alias '${alias}' was set to ${to}`;
  const last = now?.history.at(-1);
  return new DeployRefusal(`${head}${last ? ` by ${mover(last)}` : ""} since ${since}: ${fix}`);
}

function mover(move: AliasMove): string {
  if (move.runId) return `run ${move.runId}${move.actor ? ` (${move.actor})` : ""}`;
  return move.actor ?? `task ${move.task}`;
}
