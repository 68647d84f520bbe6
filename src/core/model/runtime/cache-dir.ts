/**
 * Where a fetched ONNX Runtime is kept between runs: the runner's tool cache on CI (GitHub's
 * RUNNER_TOOL_CACHE, Azure's AGENT_TOOLSDIRECTORY), else the user's cache folder.
 */
import os from "node:os";
import path from "node:path";

export function runtimeCacheDir(env: Readonly<Record<string, string | undefined>>): string {
  const root =
    env.MLGATE_CACHE_DIR ||
    (env.RUNNER_TOOL_CACHE && path.join(env.RUNNER_TOOL_CACHE, "mlgate")) ||
    (env.AGENT_TOOLSDIRECTORY && path.join(env.AGENT_TOOLSDIRECTORY, "mlgate")) ||
    path.join(env.XDG_CACHE_HOME || path.join(env.HOME || os.homedir(), ".cache"), "mlgate");
  return path.resolve(root);
}
