/**
 * verify proves the store's crash-safety claims: every manifest parses, every artifact it names is
 * present and hashes to its digest, version numbers are dense, every alias points at an existing
 * version with a dense history. Stray temporary files and unreferenced objects (a writer that died
 * between its objects and its manifest) are harmless and only counted.
 */

import { sha256Hex } from "../digest.js";
import type { StoreBackend } from "./backend.js";
import { digestHex, keys, versionOfKey } from "./layout.js";
import { mapLimit } from "./limit.js";
import { rangeCount, type SummaryPage } from "./summaries.js";
import type { AliasState, VersionManifest } from "./types.js";

export interface VerifyReport {
  ok: boolean;
  versions: number;
  /** objects in the store */
  objects: number;
  aliases: number;
  problems: string[];
  /** objects no manifest names: left by interrupted registrations, harmless */
  unreferencedObjects: number;
  /** temporary files left by crashed writers, harmless */
  leftovers: number;
}

interface VersionEntry {
  model: string;
  version: number;
  key: string;
  digest?: string;
}

export async function verifyStore(backend: StoreBackend): Promise<VerifyReport> {
  const [modelKeys, objectKeys, leftovers] = await Promise.all([
    backend.list(keys.models, { metadata: true }),
    backend.list(keys.objects),
    backend.leftovers(),
  ]);
  const problems: string[] = [];
  const versions: VersionEntry[] = [];
  const aliasKeys: string[] = [];
  const pageKeys: string[] = [];
  for (const { key, metadata } of modelKeys) {
    const model = key.split("/")[1] ?? "";
    const version = versionOfKey(key);
    if (version !== undefined) versions.push({ model, version, key, digest: metadata?.digest });
    else if (key.startsWith(keys.aliases(model))) aliasKeys.push(key);
    else if (key.startsWith(keys.summaries(model))) pageKeys.push(key);
  }
  problems.push(...versionGaps(versions));

  /** object hex → the first manifest artifact naming it, for messages */
  const referenced = new Map<string, string>();
  await mapLimit(versions, 16, async (entry) => {
    const manifest = await readJson<VersionManifest>(backend, entry.key);
    const label = `${entry.model}@${entry.version}`;
    if (typeof manifest === "string") return void problems.push(`${label}: manifest ${manifest}`);
    problems.push(...manifestProblems(manifest, entry, label));
    for (const [role, ref] of Object.entries(manifest.artifacts ?? {})) {
      const hex = /^sha256:[0-9a-f]{64}$/.test(ref?.digest ?? "") ? digestHex(ref.digest) : undefined;
      if (hex === undefined) problems.push(`${label}: the ${role} artifact has no valid digest`);
      else if (!referenced.has(hex)) referenced.set(hex, `${label} ${role}`);
    }
  });

  const present = new Set(objectKeys.map(({ key }) => key.slice(keys.objects.length)));
  await mapLimit([...referenced], 8, async ([hex, referrer]) => {
    if (!present.has(hex)) return void problems.push(`object sha256:${hex} (${referrer}) is missing`);
    const entry = await backend.read(keys.object(hex));
    if (!entry) return void problems.push(`object sha256:${hex} (${referrer}) is missing`);
    const actual = sha256Hex(entry.data);
    if (actual !== hex)
      problems.push(`object sha256:${hex} (${referrer}) is corrupted: its bytes hash to sha256:${actual}`);
  });

  const existing = new Set(versions.map(({ model, version }) => `${model}@${version}`));
  const digests = new Map(versions.map(({ model, version, digest }) => [`${model}@${version}`, digest]));
  await mapLimit(pageKeys, 16, async (key) => {
    const page = await readJson<SummaryPage>(backend, key);
    const model = key.split("/")[1] ?? "";
    if (typeof page === "string") return void problems.push(`${model}: summary page ${key} ${page}`);
    problems.push(...pageProblems(page, model, (version) => digests.get(`${model}@${version}`)));
  });
  await mapLimit(aliasKeys, 16, async (key) => {
    const state = await readJson<AliasState>(backend, key);
    const [, model, , alias] = key.split("/");
    const label = `alias '${alias}' of ${model}`;
    if (typeof state === "string") return void problems.push(`${label}: ${state}`);
    problems.push(...aliasProblems(state, label, (version) => existing.has(`${model}@${version}`)));
  });

  return {
    ok: problems.length === 0,
    versions: versions.length,
    objects: present.size,
    aliases: aliasKeys.length,
    problems: problems.sort(),
    unreferencedObjects: [...present].filter((hex) => !referenced.has(hex)).length,
    leftovers: leftovers.length,
  };
}

function versionGaps(versions: readonly VersionEntry[]): string[] {
  const byModel = new Map<string, number[]>();
  for (const { model, version } of versions) byModel.set(model, [...(byModel.get(model) ?? []), version]);
  const problems: string[] = [];
  for (const [model, numbers] of byModel) {
    numbers.sort((a, b) => a - b);
    const missing = numbers.findIndex((number, index) => number !== index + 1);
    if (missing >= 0) problems.push(`${model}: version numbers are not dense (version ${missing + 1} is missing)`);
  }
  return problems;
}

function manifestProblems(manifest: VersionManifest, entry: VersionEntry, label: string): string[] {
  const problems: string[] = [];
  if (manifest.schema !== "mlgate.version/1") problems.push(`${label}: unknown manifest schema ${manifest.schema}`);
  if (manifest.model !== entry.model || manifest.version !== entry.version) {
    problems.push(`${label}: the manifest says ${manifest.model}@${manifest.version}`);
  }
  if (manifest.artifacts?.model?.digest !== manifest.digest) {
    problems.push(`${label}: the digest is not the model artifact's digest`);
  }
  if (entry.digest !== undefined && entry.digest !== manifest.digest) {
    problems.push(`${label}: listing metadata says ${entry.digest}, the manifest ${manifest.digest}`);
  }
  return problems;
}

function pageProblems(page: SummaryPage, model: string, digestOf: (version: number) => string | undefined): string[] {
  const label = `${model}: the summary page of versions ${page.range * 100}…${page.range * 100 + 99}`;
  if (page.model !== model || !Array.isArray(page.versions) || page.versions.length !== rangeCount(page.range)) {
    return [`${label} is incomplete`];
  }
  const wrong = page.versions.find((summary) => digestOf(summary.version) !== summary.digest);
  return wrong ? [`${label} disagrees with version ${wrong.version}`] : [];
}

function aliasProblems(state: AliasState, label: string, versionExists: (version: number) => boolean): string[] {
  const problems: string[] = [];
  if (!versionExists(state.version)) problems.push(`${label} points at missing version ${state.version}`);
  const history = state.history ?? [];
  const dense = history.every((move, index) => move.revision === index + 1);
  if (!dense || state.revision !== history.length) {
    problems.push(`${label}: history revisions are not 1..${state.revision}`);
  }
  const chained = history.every((move, index) => move.from === (index === 0 ? null : history[index - 1]?.to));
  if (!chained || history.at(-1)?.to !== state.version) {
    problems.push(`${label}: history does not chain to version ${state.version}`);
  }
  return problems;
}

/** The parsed document, or a description of why it cannot be read. */
async function readJson<T>(backend: StoreBackend, key: string): Promise<T | string> {
  const entry = await backend.read(key);
  if (!entry) return "disappeared while verifying";
  try {
    return JSON.parse(entry.data.toString("utf8")) as T;
  } catch {
    return "is not valid JSON";
  }
}
