/**
 * Fetches one package tarball from an npm registry into a file and proves it is the tarball the
 * lockfile pinned before anyone unpacks it: native code runs from here.
 */
import { open } from "node:fs/promises";
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { InputError } from "../../errors.js";
import { createIntegrityHash, formatIntegrity, parseIntegrity } from "./integrity.js";
import type { PackagePin } from "./pin.js";

export const DEFAULT_REGISTRY = "https://registry.npmjs.org";

/** The registry could not give us the tarball (unreachable, 404, …): a reason to try elsewhere. */
export class DownloadFailed extends Error {
  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(`${url}: ${reason}`);
    this.name = "DownloadFailed";
  }
}

export function tarballUrl(registryUrl: string, name: string, version: string): string {
  const base = registryUrl.replace(/\/+$/, "");
  const file = name.replace(/^@[^/]+\//, "");
  return `${base}/${name}/-/${file}-${version}.tgz`;
}

/** Downloads `name@pin.version` into `file`; throws InputError when it is not the pinned tarball. */
export async function downloadVerified(
  name: string,
  pin: PackagePin,
  registryUrl: string,
  file: string,
  fetchImpl: typeof fetch,
): Promise<void> {
  const expected = parseIntegrity(pin.integrity);
  if (!expected) {
    throw new InputError(
      `the pinned integrity of ${name}@${pin.version} (${pin.integrity}) has no sha256/384/512 hash to check a download against`,
      {},
      "pin it from a package-lock.json written by npm 7 or later",
    );
  }
  const url = tarballUrl(registryUrl, name, pin.version);
  let response: Response;
  try {
    response = await fetchImpl(url);
  } catch (error) {
    throw new DownloadFailed(url, networkReason(error));
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw new DownloadFailed(url, `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`);
  }

  const hash = createIntegrityHash(expected);
  const handle = await open(file, "w");
  try {
    for await (const chunk of Readable.fromWeb(response.body as WebReadableStream<Uint8Array>)) {
      hash.update(chunk as Buffer);
      await handle.write(chunk as Buffer);
    }
  } catch (error) {
    if (isFileSystemError(error)) throw error;
    throw new DownloadFailed(url, `the download broke off (${networkReason(error)})`);
  } finally {
    await handle.close();
  }

  const actual = hash.digest("base64");
  if (actual !== expected.base64) {
    throw new InputError(
      `${url} does not match the integrity package-lock.json pins for ${name}@${pin.version} ` +
        `(expected ${formatIntegrity(expected.algorithm, expected.base64)}, got ${formatIntegrity(expected.algorithm, actual)}); refused, nothing was cached`,
      {},
      "check that the registry (or the proxy in between) serves the published package, or set onnxruntime-path to an unpacked onnxruntime-node package",
    );
  }
}

function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message ?? String(error);
}

export function isFileSystemError(error: unknown): error is NodeJS.ErrnoException {
  return typeof (error as NodeJS.ErrnoException).syscall === "string" && typeof (error as Error).message === "string";
}
