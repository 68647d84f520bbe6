/**
 * The registry: models, versions, aliases, runs and records over any StoreBackend, using only its
 * two atomic primitives (the key layout is in layout.ts).
 * - Objects are written before the manifest that names them, and the manifest's create-if-absent is
 *   the commit point: a crash leaves the old or the new state, never a version with missing objects.
 * - Version numbers: create-if-absent on `versions/<n>` from (highest listed)+1, n+1 on loss.
 * - An alias document holds the pointer and its whole history, so one compare-and-swap moves both.
 */

import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { sha256Hex } from "../digest.js";
import { ConflictError, InputError, IntegrityError } from "../errors.js";
import type { StoreBackend } from "./backend.js";
import { checkId, checkName, digestHex, encodeDocument, keys, parseDocument, toDigest } from "./layout.js";
import { mapLimit } from "./limit.js";
import { scanVersions, type VersionSummary, writeCompletePages } from "./summaries.js";
import type { AliasMove, AliasState, ArtifactRef, Digest, NewVersion, RunRecord, VersionManifest } from "./types.js";
import { type VerifyReport, verifyStore } from "./verify.js";

export type { VersionSummary } from "./summaries.js";
export type { VerifyReport } from "./verify.js";

/** Who moves an alias and why: recorded in its history. */
export interface AliasMoveRequest {
  task: string;
  actor?: string;
  runId?: string;
  runUrl?: string;
  reason?: string;
  verdictId?: string;
  rollback?: true;
  forced?: true;
}

export type HistoryEntry = AliasMove & { alias: string };

/** Lost races tolerated by one unconditional alias move before giving up. */
const MAX_MOVE_ATTEMPTS = 60;
/** Losses tolerated while allocating one version number (each loss means another version landed). */
const MAX_VERSION_ATTEMPTS = 1_000;

export class Registry {
  readonly location: string;
  private readonly now: () => Date;

  constructor(
    /** raw access for tools (benchmarks, tests); tasks use the methods */
    readonly backend: StoreBackend,
    options: { now?: () => Date } = {},
  ) {
    this.location = backend.location;
    this.now = options.now ?? (() => new Date());
  }

  async putObject(data: Buffer, mediaType: string, name?: string): Promise<ArtifactRef> {
    const hex = sha256Hex(data);
    const key = keys.object(hex);
    if (!(await this.backend.exists(key))) await this.backend.createIfAbsent(key, data);
    return { digest: toDigest(hex), size: data.length, mediaType, ...(name === undefined ? {} : { name }) };
  }

  /** The object's bytes, verified against the digest. */
  async getObject(ref: ArtifactRef | Digest): Promise<Buffer> {
    const digest = typeof ref === "string" ? ref : ref.digest;
    const hex = digestHex(digest);
    const entry = await this.backend.read(keys.object(hex));
    if (!entry) throw new IntegrityError(`object ${digest} is missing from ${this.location} — run verify`);
    const actual = sha256Hex(entry.data);
    if (actual !== hex) {
      throw new IntegrityError(
        `object ${digest} in ${this.location} is corrupted (its bytes hash to sha256:${actual}) — run verify`,
      );
    }
    return entry.data;
  }

  async registerVersion(
    model: string,
    version: NewVersion,
    options: { allowDuplicate?: boolean } = {},
  ): Promise<{ manifest: VersionManifest; created: boolean }> {
    checkName(model, "name");
    const hex = digestHex(version.digest);
    if (version.artifacts.model.digest !== version.digest) {
      throw new Error("a version's digest must be the digest of its model artifact");
    }
    await this.requireObjects(version.artifacts);
    if (!options.allowDuplicate) {
      const existing = await this.versionByHint(model, hex);
      if (existing) return { manifest: existing, created: false };
    }
    const scanned = await scanVersions(this.backend, model, (number) => this.getVersion(model, number));
    if (!options.allowDuplicate) {
      // the hint is written after the manifest: a crash in between leaves only the listing
      const match = scanned.summaries.find((entry) => entry.digest === version.digest);
      const existing = match && (await this.getVersion(model, match.version));
      if (existing) {
        await this.backend.createIfAbsent(keys.digestHint(model, hex), encodeDocument({ version: existing.version }));
        return { manifest: existing, created: false };
      }
    }
    const createdAt = this.now().toISOString();
    let number = (scanned.summaries.at(-1)?.version ?? 0) + 1;
    for (let attempt = 1; ; attempt++, number++) {
      const manifest: VersionManifest = { schema: "mlgate.version/1", model, version: number, createdAt, ...version };
      const metadata = { digest: version.digest, created: createdAt };
      if (await this.backend.createIfAbsent(keys.version(model, number), encodeDocument(manifest), metadata)) {
        await this.backend.createIfAbsent(keys.digestHint(model, hex), encodeDocument({ version: number }));
        const summary = { version: number, digest: version.digest, createdAt };
        await writeCompletePages(this.backend, model, { ...scanned, summaries: [...scanned.summaries, summary] });
        return { manifest, created: true };
      }
      if (attempt >= MAX_VERSION_ATTEMPTS) {
        throw new ConflictError(`model '${model}': could not allocate a version number after ${attempt} attempts`);
      }
    }
  }

  async listModels(): Promise<string[]> {
    return this.backend.children(keys.models);
  }

  /** From summary pages and listing metadata: no manifest is read. */
  async listVersions(model: string): Promise<VersionSummary[]> {
    checkName(model, "name");
    const scanned = await scanVersions(this.backend, model, (version) => this.getVersion(model, version));
    // filling missing pages is only a cache fill: a reader without write access still gets its answer
    await writeCompletePages(this.backend, model, scanned).catch(() => undefined);
    return scanned.summaries;
  }

  async getVersion(model: string, version: number): Promise<VersionManifest | undefined> {
    checkName(model, "name");
    const entry = await this.backend.read(keys.version(model, version));
    return entry && parseDocument<VersionManifest>(entry.data, `${model} version ${version}`);
  }

  /**
   * The newest version whose model file has this digest. Listed rather than taken from the dedup
   * hint: the hint names the first such version, and `allowDuplicate` may have registered more.
   */
  async findVersionByDigest(model: string, digest: Digest): Promise<VersionManifest | undefined> {
    const match = (await this.listVersions(model)).filter((summary) => summary.digest === digest).at(-1);
    return match && this.getVersion(model, match.version);
  }

  /** A version by number (`3`, `"3"`) or alias name (`"production"`). */
  async resolve(model: string, ref: number | string): Promise<VersionManifest> {
    checkName(model, "name");
    if (typeof ref === "number" || /^\d+$/.test(ref)) {
      const version = Number(ref);
      const manifest = await this.getVersion(model, version);
      if (!manifest) throw new InputError(`model '${model}' has no version ${version} (${await this.describe(model)})`);
      return manifest;
    }
    checkName(ref, "alias");
    const state = await this.getAlias(model, ref);
    if (!state) throw new InputError(`model '${model}' has no alias '${ref}' (${await this.describe(model)})`);
    const manifest = await this.getVersion(model, state.version);
    if (!manifest) {
      throw new IntegrityError(
        `alias '${ref}' of model '${model}' points at missing version ${state.version} — run verify`,
      );
    }
    return manifest;
  }

  async getAlias(model: string, alias: string): Promise<AliasState | undefined> {
    checkName(model, "name");
    checkName(alias, "alias");
    const entry = await this.backend.read(keys.alias(model, alias));
    return entry && parseDocument<AliasState>(entry.data, `alias '${alias}' of ${model}`);
  }

  async listAliases(model: string): Promise<AliasState[]> {
    checkName(model, "name");
    const prefix = keys.aliases(model);
    const names = (await this.backend.list(prefix)).map(({ key }) => key.slice(prefix.length));
    const states = await mapLimit(names, 16, (alias) => this.getAlias(model, alias));
    return states.filter((state) => state !== undefined);
  }

  /**
   * Points the alias at version `to` and appends the move to its history, in one compare-and-swap.
   * With `expectedRevision` (null: the alias must not exist yet) the move happens only from that
   * revision, else ConflictError. Without it the move is retried until it lands, exactly once.
   */
  async moveAlias(
    model: string,
    alias: string,
    to: number,
    move: AliasMoveRequest,
    options: { expectedRevision?: number | null } = {},
  ): Promise<AliasState> {
    checkName(model, "name");
    checkName(alias, "alias");
    if (!Number.isSafeInteger(to) || to < 1 || !(await this.backend.exists(keys.version(model, to)))) {
      throw new InputError(`model '${model}' has no version ${to} (${await this.describe(model)})`, { key: "version" });
    }
    const key = keys.alias(model, alias);
    const id = randomUUID();
    const strict = options.expectedRevision !== undefined;
    for (let attempt = 1; ; attempt++) {
      const entry = await this.backend.read(key);
      const current = entry && parseDocument<AliasState>(entry.data, `alias '${alias}' of ${model}`);
      // an earlier attempt whose response was lost may have landed
      if (current?.history.some((moved) => moved.id === id)) return current;
      if (strict && (current?.revision ?? null) !== options.expectedRevision) {
        throw aliasConflict(model, alias, current, options.expectedRevision ?? null);
      }
      const next = this.nextAliasState(model, alias, current, to, id, move);
      if (await this.backend.compareAndSwap(key, encodeDocument(next), entry?.etag ?? null)) return next;
      if (attempt >= MAX_MOVE_ATTEMPTS) {
        throw new ConflictError(
          `alias '${alias}' of model '${model}' kept moving under ${attempt} attempts to move it — re-run`,
        );
      }
      if (!strict) await sleep(Math.random() * Math.min(250, 5 * 2 ** attempt));
    }
  }

  /** Every move of every alias of the model, oldest first. */
  async history(model: string): Promise<HistoryEntry[]> {
    const moves = (await this.listAliases(model)).flatMap((state) =>
      state.history.map((move) => ({ ...move, alias: state.alias })),
    );
    return moves.sort((a, b) => a.at.localeCompare(b.at) || a.alias.localeCompare(b.alias) || a.revision - b.revision);
  }

  /** true when this call stored the record, false when a run with this id was already recorded. */
  async putRun(record: RunRecord): Promise<boolean> {
    return this.backend.createIfAbsent(keys.run(checkId(record.id, "run")), encodeDocument(record));
  }

  async getRun(id: string): Promise<RunRecord | undefined> {
    const entry = await this.backend.read(keys.run(checkId(id, "run")));
    return entry && parseDocument<RunRecord>(entry.data, `run ${id}`);
  }

  /** Immutable documents of other tasks (verdicts, run cache); false when `kind/id` already exists. */
  async putRecord(kind: string, id: string, document: unknown): Promise<boolean> {
    return this.backend.createIfAbsent(
      keys.record(checkName(kind, "kind"), checkId(id, "record")),
      encodeDocument(document),
    );
  }

  async getRecord<T>(kind: string, id: string): Promise<T | undefined> {
    const entry = await this.backend.read(keys.record(checkName(kind, "kind"), checkId(id, "record")));
    return entry && parseDocument<T>(entry.data, `record ${kind}/${id}`);
  }

  verify(): Promise<VerifyReport> {
    return verifyStore(this.backend);
  }

  private nextAliasState(
    model: string,
    alias: string,
    current: AliasState | undefined,
    to: number,
    id: string,
    move: AliasMoveRequest,
  ): AliasState {
    const revision = (current?.revision ?? 0) + 1;
    const entry: AliasMove = {
      id,
      revision,
      from: current?.version ?? null,
      to,
      at: this.now().toISOString(),
      ...move,
    };
    return {
      schema: "mlgate.alias/1",
      model,
      alias,
      version: to,
      revision,
      history: [...(current?.history ?? []), entry],
    };
  }

  private async versionByHint(model: string, hex: string): Promise<VersionManifest | undefined> {
    const hint = await this.backend.read(keys.digestHint(model, hex));
    const version = hint && Number(/"version":\s*(\d+)/.exec(hint.data.toString("utf8"))?.[1]);
    if (!version) return undefined;
    // only a hint: trusted once the version it names has this digest
    const manifest = await this.getVersion(model, version);
    return manifest?.digest === toDigest(hex) ? manifest : undefined;
  }

  private async requireObjects(artifacts: VersionManifest["artifacts"]): Promise<void> {
    for (const [role, ref] of Object.entries(artifacts)) {
      if (ref && !(await this.backend.exists(keys.object(digestHex(ref.digest))))) {
        throw new IntegrityError(
          `the ${role} artifact ${ref.digest} is not in ${this.location}: put its object before registering the version`,
        );
      }
    }
  }

  /** "versions 1–12; aliases candidate → 12, production → 9", for messages about unknown references. */
  private async describe(model: string): Promise<string> {
    const [versions, aliases] = await Promise.all([this.listVersions(model), this.listAliases(model)]);
    if (versions.length === 0) return `no versions registered in ${this.location}`;
    const first = versions[0]?.version;
    const last = versions.at(-1)?.version;
    const range = first === last ? `version ${first}` : `versions ${first}–${last}`;
    const pointers = aliases.map((state) => `${state.alias} → ${state.version}`).join(", ");
    return `${range}; ${pointers ? `aliases ${pointers}` : "no aliases"}`;
  }
}

function aliasConflict(
  model: string,
  alias: string,
  current: AliasState | undefined,
  expected: number | null,
): ConflictError {
  const subject = `alias '${alias}' of model '${model}'`;
  if (!current) {
    return new ConflictError(`${subject} does not exist (expected revision ${expected}) — re-run`);
  }
  const last = current.history.at(-1);
  const who = [
    last?.runId && `run ${last.runId}`,
    last?.actor && `by ${last.actor}`,
    last?.task && `task ${last.task}`,
    last?.at && `at ${last.at}`,
  ]
    .filter(Boolean)
    .join(", ");
  const expectation = expected === null ? "expected it to be unset" : `expected revision ${expected}`;
  return new ConflictError(
    `${subject} was moved by someone else: it is at revision ${current.revision} → version ${current.version}${who ? ` (${who})` : ""}, ${expectation} — re-run to re-evaluate against the current version`,
  );
}
