/** Where a deployed version goes besides the alias move, and when: before the move, after it, or both. */
import type { AliasState, VersionManifest } from "../../../core/store/types.js";
import type { TaskContext } from "../../context.js";
import type { DeployTargetName } from "../../deploy.spec.js";

export interface Deployment {
  model: string;
  alias: string;
  manifest: VersionManifest;
  /** the version the alias pointed at before the move; null when it did not exist */
  previous: number | null;
  /** the version's model file from the registry, verified against its digest, read once */
  modelBytes(): Promise<Buffer>;
  ctx: TaskContext;
}

export interface TargetResult {
  /** the `url` output: "" when the target has none */
  url: string;
  /** the alias moved but the target did not follow: a warning, and exit 1 */
  problem?: string;
}

export interface DeployTarget {
  name: DeployTargetName;
  /** Before the alias moves: a DeployRefusal or an error here leaves the alias where it was. */
  beforeMove?(deployment: Deployment): Promise<void>;
  /** After the alias moved to the version (`moved` is the alias now). */
  afterMove?(deployment: Deployment, moved: AliasState): Promise<TargetResult>;
  /** What beforeMove did outside the store that the lost race leaves standing, said loudly. */
  lostRace?(deployment: Deployment): string;
}
