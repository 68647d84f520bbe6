/** Content digests: the identity of every stored artifact, written `sha256:<64 lowercase hex>`. */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import type { Digest } from "./store/types.js";

const DIGEST_PATTERN = /^sha256:[0-9a-f]{64}$/;

export function sha256Digest(data: Buffer | Uint8Array): Digest {
  return `sha256:${sha256Hex(data)}`;
}

/** The 64 hex digits alone: how the store names an object. */
export function sha256Hex(data: Buffer | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Hashes a file as it streams, so memory stays flat however large the file is. */
export async function digestFile(path: string): Promise<Digest> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return `sha256:${hash.digest("hex")}`;
}

export function isDigest(value: unknown): value is Digest {
  return typeof value === "string" && DIGEST_PATTERN.test(value);
}

/** A dataset's digest: sha256 over its sources' sorted digests, so the same files give the same digest however split. */
export function datasetDigest(sourceDigests: readonly string[]): Digest {
  return sha256Digest(Buffer.from([...sourceDigests].sort().join("\n")));
}
