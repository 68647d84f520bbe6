/** ONNX Runtime for a task: the `onnxruntime-path` input, else installed, cached or fetched at the pinned version. */
import { type OnnxRuntime, PINNED_RUNTIME, resolveOnnxRuntime, runtimeCacheDir } from "../core/model/runtime/index.js";
import type { TaskContext } from "./context.js";

export function taskOnnxRuntime(explicitPath: string | undefined, ctx: TaskContext): Promise<OnnxRuntime> {
  return resolveOnnxRuntime({
    explicitPath,
    cacheDir: runtimeCacheDir(ctx.env),
    pin: PINNED_RUNTIME,
    // a private registry (Artifactory, Azure Artifacts) as npm itself would be told about it
    registryUrl: ctx.env.npm_config_registry || ctx.env.NPM_CONFIG_REGISTRY || undefined,
    log: (line) => ctx.log.info(line),
  });
}
