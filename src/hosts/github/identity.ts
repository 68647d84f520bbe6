/** Who and what is running on GitHub Actions, from the runner's environment and the event payload. */
import type { context as githubContext } from "@actions/github";
import type { RunIdentity } from "../../tasks/context.js";

type GitHubContext = typeof githubContext;

export function gitHubIdentity(context: GitHubContext, env: Readonly<Record<string, string | undefined>>): RunIdentity {
  const repository = env.GITHUB_REPOSITORY || context.payload.repository?.full_name;
  const pullRequest = context.payload.pull_request;
  const runId = Number.isFinite(context.runId) ? String(context.runId) : undefined;
  return {
    host: "github",
    repository,
    commit: context.sha,
    branch: pullRequest?.head?.ref ?? branchOf(context.ref),
    event: context.eventName,
    actor: context.actor,
    runId,
    runUrl: repository && runId ? `${context.serverUrl}/${repository}/actions/runs/${runId}` : undefined,
    pullRequest: pullRequest?.number,
    // a deleted fork has no head repository: still a fork
    fromFork: pullRequest ? pullRequest.head?.repo?.full_name !== repository : undefined,
  };
}

function branchOf(ref: string | undefined): string | undefined {
  return ref?.startsWith("refs/heads/") ? ref.slice("refs/heads/".length) : undefined;
}
