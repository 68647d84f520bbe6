/** Subresource Integrity (`sha512-<base64>`), the form npm lockfiles use to pin a tarball. */
import { createHash, type Hash } from "node:crypto";

const STRENGTH = ["sha512", "sha384", "sha256"] as const;
type Algorithm = (typeof STRENGTH)[number];

export interface ExpectedDigest {
  algorithm: Algorithm;
  base64: string;
}

/**
 * The strongest hash an SRI string lists (it may list several, space separated); undefined when it
 * lists none we trust (npm's older `sha1-` entries are not enough to run native code from).
 */
export function parseIntegrity(integrity: string): ExpectedDigest | undefined {
  const listed = integrity
    .trim()
    .split(/\s+/)
    .map((token) => /^(sha\d+)-([A-Za-z0-9+/]+={0,2})(\?.*)?$/.exec(token))
    .filter((match) => match !== null)
    .map((match) => ({ algorithm: match[1] as Algorithm, base64: match[2] as string }));
  for (const algorithm of STRENGTH) {
    const found = listed.find((digest) => digest.algorithm === algorithm);
    if (found) return found;
  }
  return undefined;
}

export function createIntegrityHash(expected: ExpectedDigest): Hash {
  return createHash(expected.algorithm);
}

export function formatIntegrity(algorithm: string, base64: string): string {
  return `${algorithm}-${base64}`;
}
