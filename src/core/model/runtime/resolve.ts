/**
 * Where train, evaluate and deploy get ONNX Runtime from (DESIGN.md "Models"): bundles do not carry
 * its native binaries, so it is the `onnxruntime-path` input if given, else an installed
 * onnxruntime-node, else the cached copy, else the pinned version fetched once from the registry.
 *
 * The caller sets ORT_DISABLE_TELEMETRY before resolving: core does not touch process.env.
 */
import { randomBytes } from "node:crypto";
import { rename, rm } from "node:fs/promises";
import { resolve as resolvePath } from "node:path";
import { InputError } from "../../errors.js";
import { cachedPackageDir, cachedRuntimeDir, fillCache, isCached, type Target } from "./cache.js";
import { DEFAULT_REGISTRY, DownloadFailed, isFileSystemError } from "./download.js";
import { findPackageDir, loadFailure, loadPackage, type OrtModule, usable } from "./load.js";
import type { RuntimePin } from "./pin.js";

export type RuntimeSource = "installed" | "cache" | "download" | "path";

export interface OnnxRuntime extends OrtModule {
  source: RuntimeSource;
  version: string;
  /** The package folder it was loaded from (unknown for an installed copy found by import) */
  location?: string;
}

export interface ResolveOptions {
  /** The `onnxruntime-path` input: when given, the only place looked at. */
  explicitPath?: string;
  /** The host's cache root: `$RUNNER_TOOL_CACHE/mlgate` or `~/.cache/mlgate`. */
  cacheDir: string;
  registryUrl?: string;
  pin: RuntimePin;
  platform?: NodeJS.Platform;
  arch?: string;
  fetch?: typeof fetch;
  log?: (line: string) => void;
  /** Imports an installed onnxruntime-node (in a bundle it is an external); tests simulate none. */
  importInstalled?: () => Promise<unknown>;
}

export const PATH_KEY = "onnxruntime-path";

export async function resolveOnnxRuntime(options: ResolveOptions): Promise<OnnxRuntime> {
  const target: Target = { platform: options.platform ?? process.platform, arch: options.arch ?? process.arch };
  const log = options.log ?? (() => {});
  if (options.explicitPath !== undefined) return fromExplicitPath(options.explicitPath, target, log);

  const misses: string[] = [];
  try {
    const module = usable(await (options.importInstalled ?? importInstalled)());
    const version = (module.env.versions as Record<string, string | undefined>).node ?? "unknown";
    log(`ONNX Runtime ${version}: using the installed onnxruntime-node`);
    return runtime(module, "installed", version);
  } catch (error) {
    misses.push(isNotFound(error) ? "not installed" : `the installed copy does not load (${loadFailure(error)})`);
  }

  const { pin } = options;
  const runtimeDir = cachedRuntimeDir(options.cacheDir, pin.version, target);
  if (isCached(runtimeDir)) {
    try {
      const loaded = loadPackage(cachedPackageDir(runtimeDir));
      log(`ONNX Runtime ${loaded.version}: using the copy cached in ${runtimeDir}`);
      return runtime(loaded.module, "cache", loaded.version, cachedPackageDir(runtimeDir));
    } catch (error) {
      log(`ONNX Runtime: the copy cached in ${runtimeDir} does not load (${loadFailure(error)}); fetching it again`);
      misses.push(`the copy cached in ${runtimeDir} does not load`);
      await discard(runtimeDir);
    }
  } else {
    misses.push(`not cached in ${runtimeDir}`);
  }

  const registryUrl = options.registryUrl ?? DEFAULT_REGISTRY;
  let filled: string;
  try {
    filled = await fillCache({
      cacheDir: options.cacheDir,
      pin,
      target,
      registryUrl,
      fetch: options.fetch ?? fetch,
      log,
    });
  } catch (error) {
    if (isFileSystemError(error)) {
      throw new InputError(
        `cannot write the ONNX Runtime cache in ${options.cacheDir} (${error.code ?? error.message})`,
        {},
        `make that folder writable with free space, or set ${PATH_KEY} to an unpacked onnxruntime-node package`,
      );
    }
    if (!(error instanceof DownloadFailed)) throw error;
    throw new InputError(
      `no ONNX Runtime for ${target.platform}-${target.arch}: ${misses.join(", ")}, and the download from ${registryUrl} failed (${error.reason}: ${error.url})`,
      {},
      `set ${PATH_KEY} to an unpacked onnxruntime-node package, or allow access to the npm registry`,
    );
  }
  const packageDir = cachedPackageDir(filled);
  try {
    const loaded = loadPackage(packageDir);
    log(`ONNX Runtime ${loaded.version}: downloaded, verified and cached in ${filled}`);
    return runtime(loaded.module, "download", loaded.version, packageDir);
  } catch (error) {
    throw new InputError(
      `ONNX Runtime ${pin.version} downloaded to ${filled} does not load on ${target.platform}-${target.arch} (${loadFailure(error)})`,
      {},
      `set ${PATH_KEY} to an onnxruntime-node package that works on this runner`,
    );
  }
}

/**
 * A plain dynamic import, as Node resolves it from the bundle's folder. The comment keeps the
 * bundler from hoisting it into a static import, which would fail to load wherever onnxruntime-node
 * is not installed — on every runner, before the cache or the download could be tried.
 */
function importInstalled(): Promise<unknown> {
  return import(/* webpackIgnore: true */ "onnxruntime-node");
}

function fromExplicitPath(path: string, target: Target, log: (line: string) => void): OnnxRuntime {
  const fix = `set ${PATH_KEY} to a folder holding node_modules/onnxruntime-node and node_modules/onnxruntime-common, as \`npm install onnxruntime-node\` leaves them`;
  const dir = resolvePath(path);
  const packageDir = findPackageDir(dir);
  if (!packageDir) throw new InputError(`${dir} holds no onnxruntime-node package`, { key: PATH_KEY }, fix);
  try {
    const loaded = loadPackage(packageDir);
    log(`ONNX Runtime ${loaded.version}: using ${packageDir} (${PATH_KEY})`);
    return runtime(loaded.module, "path", loaded.version, packageDir);
  } catch (error) {
    throw new InputError(
      `the onnxruntime-node in ${packageDir} does not load on ${target.platform}-${target.arch} (${loadFailure(error)})`,
      { key: PATH_KEY },
      fix,
    );
  }
}

function runtime(module: OrtModule, source: RuntimeSource, version: string, location?: string): OnnxRuntime {
  return {
    InferenceSession: module.InferenceSession,
    Tensor: module.Tensor,
    env: module.env,
    source,
    version,
    location,
  };
}

function isNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND";
}

/** Moves a broken cache entry aside first, so no run loads it while it is being deleted. */
async function discard(runtimeDir: string): Promise<void> {
  const aside = `${runtimeDir}.broken-${randomBytes(6).toString("hex")}`;
  try {
    await rename(runtimeDir, aside);
  } catch {
    return; // another run moved it already
  }
  await rm(aside, { recursive: true, force: true });
}
