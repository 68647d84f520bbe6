/**
 * The registry layout, identical on every backend (keys relative to the store root):
 *
 *   objects/sha256/<hex>                      artifact bytes, content-addressed, immutable
 *   models/<name>/versions/<000000001>.json   version manifests, immutable; metadata {digest, created}
 *   models/<name>/aliases/<alias>             AliasState (pointer + full history), mutable by CAS
 *   models/<name>/digests/<hex>               dedup hint {"version": n}: first version with that model digest
 *   models/<name>/summaries/<0000000>.json    the {version, digest, createdAt} of a full range of 100
 *                                             versions (range k: versions 100k…100k+99), immutable
 *   runs/<id>.json                            run records, immutable
 *   records/<kind>/<id>.json                  verdicts, run cache, …, immutable
 *
 * Names are validated before they become keys, so no key can escape the store root.
 */
import { InputError, IntegrityError } from "../errors.js";
import type { Digest } from "./types.js";

const NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/;
const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;
const HEX = /^[0-9a-f]{64}$/;
const VERSION_KEY = /\/versions\/(\d{9,})\.json$/;
export const NAME_RULE =
  "1–63 characters: lowercase letters, digits, '.', '_' and '-', starting with a letter or digit, without '..'";

/** `key` is the input or config key the name came from: `name` for models, `alias` for aliases. */
export function checkName(value: string, key: "name" | "alias" | "kind"): string {
  if (!NAME.test(value) || value.includes("..")) {
    throw new InputError(`${JSON.stringify(value)} is not a valid ${key}: use ${NAME_RULE}`, { key });
  }
  if (key === "alias" && /^\d+$/.test(value)) {
    throw new InputError(`${JSON.stringify(value)} is not a valid alias: all digits would read as a version number`, {
      key,
    });
  }
  return value;
}

export function checkId(value: string, what: string): string {
  if (!ID.test(value) || value.includes("..")) {
    throw new InputError(
      `${JSON.stringify(value)} is not a valid ${what} id: use up to 200 letters, digits, '.', '_' and '-', without '..'`,
      { key: what },
    );
  }
  return value;
}

export const keys = {
  object: (hex: string) => `objects/sha256/${hex}`,
  objects: "objects/sha256/",
  models: "models/",
  model: (model: string) => `models/${model}/`,
  version: (model: string, version: number) => `models/${model}/versions/${String(version).padStart(9, "0")}.json`,
  versions: (model: string) => `models/${model}/versions/`,
  alias: (model: string, alias: string) => `models/${model}/aliases/${alias}`,
  aliases: (model: string) => `models/${model}/aliases/`,
  digestHint: (model: string, hex: string) => `models/${model}/digests/${hex}`,
  summaries: (model: string) => `models/${model}/summaries/`,
  summaryPage: (model: string, range: number) => `models/${model}/summaries/${String(range).padStart(7, "0")}.json`,
  /** the version keys of range k share the first 7 of their 9 digits */
  versionRange: (model: string, range: number) => `models/${model}/versions/${String(range).padStart(7, "0")}`,
  run: (id: string) => `runs/${id}.json`,
  record: (kind: string, id: string) => `records/${kind}/${id}.json`,
};

/** The version number in a `…/versions/<n>.json` key, or undefined for any other key. */
export function versionOfKey(key: string): number | undefined {
  const match = VERSION_KEY.exec(key);
  return match ? Number(match[1]) : undefined;
}

/** The hex part of a `sha256:<hex>` digest. */
export function digestHex(digest: string): string {
  const hex = digest.startsWith("sha256:") ? digest.slice("sha256:".length) : "";
  if (!HEX.test(hex))
    throw new InputError(`${JSON.stringify(digest)} is not a digest: expected sha256:<64 hex digits>`);
  return hex;
}

export function toDigest(hex: string): Digest {
  return `sha256:${hex}`;
}

export function encodeDocument(document: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(document, null, 2)}\n`);
}

/** Parses a stored JSON document; unreadable documents are integrity failures, not bad input. */
export function parseDocument<T>(data: Buffer, what: string): T {
  try {
    return JSON.parse(data.toString("utf8")) as T;
  } catch {
    throw new IntegrityError(`${what} is not valid JSON: the store is damaged — run verify`);
  }
}
