/** A host port that records nothing: benchmarks time the task, not a terminal. */
import type { TaskContext } from "../src/tasks/context.js";
import { mlgateVersion } from "../src/version.js";

export function quietContext(workspace: string, env: Record<string, string>): TaskContext {
  const nothing = () => {};
  return {
    log: {
      info: nothing,
      warning: nothing,
      error: nothing,
      debug: nothing,
      group: (_title, body) => body(),
      progress: nothing,
    },
    identity: { host: "cli", event: "bench" },
    workspace,
    env,
    mask: nothing,
    summary: async () => {},
    comment: async () => {},
    trigger: { githubApiUrl: "http://127.0.0.1:9" },
    version: mlgateVersion,
    now: () => new Date(),
  };
}
