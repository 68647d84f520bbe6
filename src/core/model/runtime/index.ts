export type { OrtModule } from "./load.js";
export { type PackagePin, pinFromLockfile, type RuntimePin, runtimePinFromLockfile } from "./pin.js";
export { type OnnxRuntime, PATH_KEY, type ResolveOptions, type RuntimeSource, resolveOnnxRuntime } from "./resolve.js";
