/**
 * Which version the alias moves to, and whether it may: the verdict's challenger under a `promote`
 * verdict whose champion is still the alias's target, a forced version, or the previous version
 * of a rollback. Reads only; bad input is InputError (exit 2), a refusal comes back in the plan (exit 1).
 */
import { InputError } from "../../core/errors.js";
import { VERDICT_KIND, type Verdict } from "../../core/evaluate/verdict.js";
import type { Registry } from "../../core/store/registry.js";
import type { AliasMove, AliasState, VersionManifest } from "../../core/store/types.js";
import { type AliasPoint, aliasMoved, DeployRefusal } from "./refusal.js";
import type { DeployRequest } from "./request.js";
import { rollbackTarget } from "./rollback.js";

export interface DeployPlan {
  manifest: VersionManifest;
  /** the alias as read: the move happens from this revision or not at all */
  current: AliasState | undefined;
  verdict?: Verdict;
  /** what the alias history records besides who and which run */
  audit: { reason: string; verdictId?: string; rollback?: true; forced?: true };
  /** for the message when another deploy moves the alias first */
  since: string;
  fix: string;
  /** this verdict's move already landed (a re-run of the same deploy): nothing left to move */
  landed?: AliasMove;
  /** why the alias may not move to this version */
  refusal?: DeployRefusal;
}

const REEVALUATE = "re-evaluate against the new champion";

export async function planDeploy(registry: Registry, request: DeployRequest): Promise<DeployPlan> {
  const current = await registry.getAlias(request.model, request.alias);
  const { source } = request;
  if (source.kind === "verdict") return verdictPlan(registry, request, source.verdictId, source.version, current);
  if (source.kind === "version") {
    return {
      manifest: await existingVersion(registry, request.model, source.version),
      current,
      audit: { reason: request.reason as string, forced: true },
      since: "this deploy read it",
      fix: "re-run the deploy",
    };
  }
  return rollbackPlan(registry, request, current);
}

async function verdictPlan(
  registry: Registry,
  request: DeployRequest,
  verdictId: string,
  version: number | undefined,
  current: AliasState | undefined,
): Promise<DeployPlan> {
  const { model, alias } = request;
  const verdict = await registry.getRecord<Verdict>(VERDICT_KIND, verdictId);
  if (!verdict) {
    throw new InputError(
      `no verdict '${verdictId}' in ${registry.location}`,
      { key: "verdict" },
      "pass the verdict-id output of an evaluate-against-champion run on this registry",
    );
  }
  if (verdict.model !== undefined && verdict.model !== model) {
    throw new InputError(
      `verdict ${verdictId} evaluated model '${verdict.model}', not '${model}'`,
      { key: "verdict" },
      `deploy it to model '${verdict.model}', or evaluate a challenger of '${model}'`,
    );
  }
  const manifest =
    version === undefined
      ? await challengerVersion(registry, model, verdict)
      : await checkedVersion(registry, model, version, verdict);
  if (verdict.champion && verdict.champion.alias !== alias) {
    throw new InputError(
      `verdict ${verdictId} measured the challenger against alias '${verdict.champion.alias}', not '${alias}'`,
      { key: "alias" },
      `deploy to alias '${verdict.champion.alias}', or evaluate against '${alias}' (champion-alias)`,
    );
  }
  const last = current?.history.at(-1);
  const landed = last?.verdictId === verdictId && current?.version === manifest.version ? last : undefined;
  const refusal = landed || request.force ? undefined : verdictRefusal(verdict, alias, current);
  return {
    manifest,
    current,
    verdict,
    audit: {
      reason: request.reason ?? `promoted by verdict ${verdictId}`,
      verdictId,
      ...(request.force ? { forced: true as const } : {}),
    },
    since: `verdict ${verdictId}`,
    fix: REEVALUATE,
    ...(landed ? { landed } : {}),
    ...(refusal ? { refusal } : {}),
  };
}

/** A `reject` verdict, or one whose champion is no longer the alias's target. */
function verdictRefusal(verdict: Verdict, alias: string, current: AliasState | undefined): DeployRefusal | undefined {
  if (verdict.decision !== "promote") {
    const failed = verdict.gates
      .filter((gate) => gate.status === "fail")
      .map((gate) => `gate ${gate.gate} failed: ${gate.text}`);
    return new DeployRefusal(
      `verdict ${verdict.id} rejected ${verdict.challenger.label}${failed.length ? `: ${failed.join("; ")}` : ""} — improve the model and evaluate again, or force with a reason`,
    );
  }
  const champion: AliasPoint | null = verdict.champion
    ? { version: verdict.champion.version, revision: verdict.champion.aliasRevision }
    : null;
  if ((current?.revision ?? null) === (champion?.revision ?? null)) return undefined;
  const since = `verdict ${verdict.id}${champion ? "" : ", which found no champion"}`;
  return aliasMoved(alias, champion, current, since, REEVALUATE);
}

/** The verdict's own challenger version when it names one, else the newest version with its digest. */
async function challengerVersion(registry: Registry, model: string, verdict: Verdict): Promise<VersionManifest> {
  const { challenger } = verdict;
  const named = challenger.version === undefined ? undefined : await registry.getVersion(model, challenger.version);
  const manifest =
    named?.digest === challenger.digest ? named : await registry.findVersionByDigest(model, challenger.digest);
  if (!manifest) {
    throw new InputError(
      `the challenger of verdict ${verdict.id} (${challenger.label}, ${challenger.digest}) is not a registered version of '${model}'`,
      { key: "verdict" },
      `register it first (mlgate register --model ${challenger.label} --name ${model}), then deploy the verdict`,
    );
  }
  return manifest;
}

async function checkedVersion(
  registry: Registry,
  model: string,
  version: number,
  verdict: Verdict,
): Promise<VersionManifest> {
  const manifest = await existingVersion(registry, model, version);
  if (manifest.digest !== verdict.challenger.digest) {
    throw new InputError(
      `${model}@${version} (${manifest.digest}) is not the challenger of verdict ${verdict.id} (${verdict.challenger.digest})`,
      { key: "version" },
      "leave version out to deploy the verdict's challenger, or evaluate this version",
    );
  }
  return manifest;
}

async function existingVersion(registry: Registry, model: string, version: number): Promise<VersionManifest> {
  const manifest = await registry.getVersion(model, version);
  if (!manifest) {
    const latest = (await registry.listVersions(model)).at(-1)?.version;
    throw new InputError(
      `model '${model}' has no version ${version} in ${registry.location}`,
      { key: "version" },
      latest === undefined ? `register '${model}' first` : `its versions are 1–${latest}`,
    );
  }
  return manifest;
}

async function rollbackPlan(
  registry: Registry,
  request: DeployRequest,
  current: AliasState | undefined,
): Promise<DeployPlan> {
  const { model, alias } = request;
  if (!current) {
    throw new InputError(
      `model '${model}' has no alias '${alias}': nothing to roll back`,
      { key: "alias" },
      "name the alias to roll back",
    );
  }
  const target = rollbackTarget(current.history);
  if (target === undefined) {
    throw new InputError(
      `alias '${alias}' of '${model}' has no earlier version to roll back to (it points at v${current.version})`,
      { key: "rollback" },
      "deploy a version instead (a verdict, or version with force)",
    );
  }
  return {
    manifest: await existingVersion(registry, model, target),
    current,
    audit: {
      reason: request.reason ?? `rollback from v${current.version} to v${target}`,
      rollback: true,
      ...(request.force ? { forced: true as const } : {}),
    },
    since: "this rollback read it",
    fix: "check the alias history and roll back again if still needed",
  };
}
