/**
 * The exact onnxruntime-node (and onnxruntime-common) the product was tested with, as
 * package-lock.json records them: the build embeds these so a download can be checked byte for byte.
 */
import { InputError } from "../../errors.js";

export interface PackagePin {
  version: string;
  /** Subresource Integrity string exactly as package-lock.json stores it (`sha512-<base64>`). */
  integrity: string;
}

/** onnxruntime-node's pin plus that of the onnxruntime-common it requires at run time. */
export interface RuntimePin extends PackagePin {
  common: PackagePin;
}

interface LockEntry {
  version?: unknown;
  integrity?: unknown;
}

interface Lockfile {
  packages?: Record<string, LockEntry>;
  /** lockfileVersion 1 */
  dependencies?: Record<string, LockEntry>;
}

export function pinFromLockfile(lockText: string, name: string): PackagePin {
  let lock: Lockfile;
  try {
    lock = JSON.parse(lockText) as Lockfile;
  } catch (error) {
    throw new InputError(`is not valid JSON (${(error as Error).message})`, { file: "package-lock.json" });
  }
  // the top-level install wins over copies nested under other packages
  const entry = lock.packages?.[`node_modules/${name}`] ?? lock.dependencies?.[name];
  const { version, integrity } = entry ?? {};
  if (typeof version !== "string" || typeof integrity !== "string") {
    throw new InputError(
      `has no version and integrity for ${name}`,
      { file: "package-lock.json" },
      `run \`npm install ${name}\` so the lockfile pins it`,
    );
  }
  return { version, integrity };
}

export function runtimePinFromLockfile(lockText: string): RuntimePin {
  return {
    ...pinFromLockfile(lockText, "onnxruntime-node"),
    common: pinFromLockfile(lockText, "onnxruntime-common"),
  };
}
