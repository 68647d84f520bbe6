/**
 * What a deploy asks for, checked before the store is opened: which model and alias, where the
 * version comes from (a verdict, a forced version, or a rollback), and whether the run may deploy
 * at all (a fork's pull request may not, unless the workflow says so).
 */
import { InputError } from "../../core/errors.js";
import type { RunIdentity } from "../../core/identity.js";
import { checkId, checkName } from "../../core/store/layout.js";
import type { Inputs } from "../spec.js";
import { rekeyed } from "./rekeyed.js";

export type VersionSource =
  /** the version whose model is the verdict's challenger; `version`, when given, must be it */
  | { kind: "verdict"; verdictId: string; version?: number }
  /** forced: no verdict */
  | { kind: "version"; version: number }
  | { kind: "rollback" };

export interface DeployRequest {
  model: string;
  alias: string;
  source: VersionSource;
  force: boolean;
  /** the user's reason; required with force */
  reason?: string;
}

const SOURCE_FIX = "give verdict (the verdict-id of evaluate-against-champion), version with force, or rollback: true";

export function checkedRequest(inputs: Inputs, identity: RunIdentity): DeployRequest {
  if (identity.fromFork === true && inputs["allow-untrusted"] !== true) {
    throw new InputError(
      "refusing to deploy from a pull request of a fork: its code is untrusted",
      { key: "allow-untrusted" },
      "deploy from a push or a manual run, or set allow-untrusted: true in the workflow if that code may deploy",
    );
  }
  const force = inputs.force === true;
  const reason = (inputs.reason as string | undefined)?.trim() || undefined;
  if (force && !reason) {
    throw new InputError(
      "force needs a reason",
      { key: "reason" },
      "say why the override is needed: it goes into the alias history",
    );
  }
  return {
    model: rekeyed(() => checkName(inputs.model as string, "name"), "model"),
    alias: checkName(inputs.alias as string, "alias"),
    source: versionSource(inputs, force),
    force,
    ...(reason ? { reason } : {}),
  };
}

function versionSource(inputs: Inputs, force: boolean): VersionSource {
  const verdict = inputs.verdict as string | undefined;
  const version = inputs.version as number | undefined;
  if (version !== undefined && version < 1) {
    throw new InputError(`version ${version} does not exist: versions count from 1`, { key: "version" });
  }
  if (inputs.rollback === true) {
    const extra = verdict !== undefined ? "verdict" : version !== undefined ? "version" : undefined;
    if (extra) {
      throw new InputError(
        `rollback and ${extra} are both given`,
        { key: extra },
        "a rollback goes to the previous version: leave out verdict and version",
      );
    }
    return { kind: "rollback" };
  }
  if (verdict !== undefined) {
    const verdictId = rekeyed(() => checkId(verdict, "verdict"), "verdict");
    return { kind: "verdict", verdictId, ...(version === undefined ? {} : { version }) };
  }
  if (version === undefined) throw new InputError("nothing to deploy", { key: "verdict" }, SOURCE_FIX);
  if (!force) {
    throw new InputError(
      `version ${version} without a verdict needs force`,
      { key: "force" },
      "deploy the verdict-id of evaluate-against-champion, or set force: true with a reason (an audited override)",
    );
  }
  return { kind: "version", version };
}
