/**
 * The runtime cache: `<cacheDir>/onnxruntime-node/<version>/<platform>-<arch>/node_modules/…`, one
 * folder per platform holding onnxruntime-node and the onnxruntime-common it requires. A folder
 * appears only by a rename of a complete staging folder, so a run sees a whole cache or none.
 */
import { randomBytes } from "node:crypto";
import { createReadStream, existsSync } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { pipeline } from "node:stream";
import { createGunzip } from "node:zlib";
import { InputError } from "../../errors.js";
import { downloadVerified } from "./download.js";
import type { PackagePin, RuntimePin } from "./pin.js";
import { extractTar, type TarEntry } from "./tar.js";

export interface Target {
  platform: string;
  arch: string;
}

export function cachedRuntimeDir(cacheDir: string, version: string, target: Target): string {
  return join(cacheDir, "onnxruntime-node", version, `${target.platform}-${target.arch}`);
}

export function cachedPackageDir(runtimeDir: string): string {
  return join(runtimeDir, "node_modules", "onnxruntime-node");
}

export function isCached(runtimeDir: string): boolean {
  return existsSync(join(cachedPackageDir(runtimeDir), "package.json"));
}

export interface FillOptions {
  cacheDir: string;
  pin: RuntimePin;
  target: Target;
  registryUrl: string;
  fetch: typeof fetch;
  log: (line: string) => void;
}

/** Downloads, verifies and unpacks both packages; returns the runtime folder (ours or a concurrent run's). */
export async function fillCache(options: FillOptions): Promise<string> {
  const { cacheDir, pin, target } = options;
  const runtimeDir = cachedRuntimeDir(cacheDir, pin.version, target);
  const staging = join(cacheDir, "onnxruntime-node", pin.version, `.staging-${randomBytes(6).toString("hex")}`);
  await mkdir(join(staging, ".download"), { recursive: true });
  try {
    const binaries = `bin/napi-v6/${target.platform}/${target.arch}/`;
    const nodeFiles = await fetchAndUnpack("onnxruntime-node", pin, staging, options, (path) =>
      ["dist/", "lib/", binaries].some((prefix) => path.startsWith(prefix)),
    );
    if (!nodeFiles.some((path) => path.startsWith(binaries))) {
      throw new InputError(
        `onnxruntime-node ${pin.version} ships no binaries for ${target.platform}-${target.arch}`,
        {},
        "run on a platform it supports, or set onnxruntime-path to an onnxruntime-node built for this one",
      );
    }
    await fetchAndUnpack("onnxruntime-common", pin.common, staging, options, (path) => path.startsWith("dist/"));
    await rm(join(staging, ".download"), { recursive: true, force: true });
    try {
      await rename(staging, runtimeDir);
    } catch (error) {
      // a concurrent run renamed its complete copy into place first: use that one
      if (!isCached(runtimeDir)) throw error;
      options.log(`ONNX Runtime ${pin.version}: another run cached it first, using ${runtimeDir}`);
    }
    return runtimeDir;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function fetchAndUnpack(
  name: string,
  pin: PackagePin,
  staging: string,
  options: FillOptions,
  wanted: (path: string) => boolean,
): Promise<string[]> {
  const tarball = join(staging, ".download", `${name}-${pin.version}.tgz`);
  options.log(`ONNX Runtime: downloading ${name}@${pin.version} from ${options.registryUrl}`);
  await downloadVerified(name, pin, options.registryUrl, tarball, options.fetch);
  const packageDir = join(staging, "node_modules", name);
  // npm tarballs put everything under one top folder (`package/`): strip it
  const inside = (path: string) => (path.includes("/") ? path.slice(path.indexOf("/") + 1) : "");
  const select = (entry: TarEntry) => {
    const path = inside(entry.path);
    return path === "package.json" || (path !== "" && wanted(path)) ? join(packageDir, ...path.split("/")) : undefined;
  };
  try {
    const unzipped = createGunzip();
    // errors of either stream end the iteration below; the callback only keeps them from going unhandled
    pipeline(createReadStream(tarball), unzipped, () => {});
    return (await extractTar(unzipped, select)).map(inside);
  } catch (error) {
    // the bytes matched the lockfile, so this is a package we cannot read, not a tampered one
    throw new InputError(
      `cannot unpack ${name}@${pin.version}: ${(error as Error).message}`,
      {},
      "set onnxruntime-path to an unpacked onnxruntime-node package",
    );
  }
}
