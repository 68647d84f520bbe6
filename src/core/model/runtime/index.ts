export { runtimeCacheDir } from "./cache-dir.js";
export type { OrtModule } from "./load.js";
export { type PackagePin, pinFromLockfile, type RuntimePin, runtimePinFromLockfile } from "./pin.js";
export { PINNED_RUNTIME } from "./pinned.js";
export { type OnnxRuntime, PATH_KEY, type ResolveOptions, type RuntimeSource, resolveOnnxRuntime } from "./resolve.js";
