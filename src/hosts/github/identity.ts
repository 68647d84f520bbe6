/**
 * Who and what is running on GitHub Actions, from the runner's environment and the event payload
 * file (read directly: @actions/github's context would load Octokit on every start).
 */
import { readFileSync } from "node:fs";
import type { RunIdentity } from "../../tasks/context.js";

type Env = Readonly<Record<string, string | undefined>>;

interface EventPayload {
  repository?: { full_name?: string };
  pull_request?: { number?: number; head?: { ref?: string; repo?: { full_name?: string } | null } };
}

export function gitHubIdentity(env: Env): RunIdentity {
  const payload = eventPayload(env.GITHUB_EVENT_PATH);
  const repository = env.GITHUB_REPOSITORY || payload.repository?.full_name;
  const pullRequest = payload.pull_request;
  const runId = env.GITHUB_RUN_ID || undefined;
  const serverUrl = env.GITHUB_SERVER_URL || "https://github.com";
  return {
    host: "github",
    repository,
    commit: env.GITHUB_SHA || undefined,
    branch: pullRequest?.head?.ref ?? branchOf(env.GITHUB_REF),
    event: env.GITHUB_EVENT_NAME || undefined,
    actor: env.GITHUB_ACTOR || undefined,
    runId,
    runUrl: repository && runId ? `${serverUrl}/${repository}/actions/runs/${runId}` : undefined,
    pullRequest: pullRequest?.number,
    // a deleted fork has no head repository: still a fork
    fromFork: pullRequest ? pullRequest.head?.repo?.full_name !== repository : undefined,
  };
}

function eventPayload(file: string | undefined): EventPayload {
  if (!file) return {};
  try {
    return JSON.parse(readFileSync(file, "utf8")) as EventPayload;
  } catch {
    // the runner always writes it; outside a runner there is simply no event
    return {};
  }
}

function branchOf(ref: string | undefined): string | undefined {
  return ref?.startsWith("refs/heads/") ? ref.slice("refs/heads/".length) : undefined;
}
