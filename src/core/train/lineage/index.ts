export { canonicalJson } from "./canonical-json.js";
export { type CodeDigest, codeDigest } from "./code-digest.js";
export { describeEnvironment, type RunEnvironment } from "./environment.js";
export { type RunCacheInputs, runCacheKey } from "./run-cache-key.js";
