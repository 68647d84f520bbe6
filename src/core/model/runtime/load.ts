/**
 * Loads an onnxruntime-node package from a folder and proves it usable: requiring it loads the
 * native binding, which is what fails on a wrong platform or a half-copied package.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type * as Ort from "onnxruntime-node";

/** The parts of onnxruntime-node the tasks use. */
export interface OrtModule {
  InferenceSession: typeof Ort.InferenceSession;
  Tensor: typeof Ort.Tensor;
  env: typeof Ort.env;
}

/** Requires the package at `packageDir`; throws with the loader's reason when it cannot be used. */
export function loadPackage(packageDir: string): { module: OrtModule; version: string } {
  const manifest = join(packageDir, "package.json");
  const { name, version, main } = JSON.parse(readFileSync(manifest, "utf8")) as Record<string, string | undefined>;
  if (name !== "onnxruntime-node") throw new Error(`${manifest} is ${name ?? "unnamed"}, not onnxruntime-node`);
  // createRequire from the package itself so its `require("onnxruntime-common")` resolves beside it;
  // the main file by name, because Node caches a folder's package.json and a replaced cache entry
  // must not be resolved through the stale one
  const loaded = createRequire(manifest)(join(packageDir, main ?? "index.js")) as unknown;
  return { module: usable(loaded), version: version ?? "unknown" };
}

/** The module an `import("onnxruntime-node")` gave, if it has the API (CommonJS arrives as `default`). */
export function usable(loaded: unknown): OrtModule {
  const candidate = ((loaded as { default?: unknown }).default ?? loaded) as Partial<OrtModule>;
  if (typeof candidate.InferenceSession?.create !== "function" || typeof candidate.Tensor !== "function") {
    throw new Error("the module has no InferenceSession/Tensor API");
  }
  return candidate as OrtModule;
}

/**
 * An onnxruntime-node package inside `dir`: the package itself, or one under `node_modules/`
 * (the layout of `npm install` and of this resolver's cache).
 */
export function findPackageDir(dir: string): string | undefined {
  return [dir, join(dir, "node_modules", "onnxruntime-node"), join(dir, "onnxruntime-node")].find(
    (candidate) => packageName(join(candidate, "package.json")) === "onnxruntime-node",
  );
}

function packageName(manifest: string): string | undefined {
  if (!existsSync(manifest)) return undefined;
  try {
    return (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name;
  } catch {
    return undefined;
  }
}

/** The first line of a loader failure, without the require stack Node appends. */
export function loadFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0] ?? message;
}
