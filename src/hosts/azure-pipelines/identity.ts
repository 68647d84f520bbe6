/** Who and what is running on Azure Pipelines, from the predefined pipeline variables. */
import type { RunIdentity } from "../../tasks/context.js";

/** Reads a pipeline variable by its dotted name (`Build.BuildId`). */
export type PipelineVariables = (name: string) => string | undefined;

export function azurePipelinesIdentity(variable: PipelineVariables): RunIdentity {
  const project = variable("System.TeamProject");
  const name = variable("Build.Repository.Name");
  const buildId = variable("Build.BuildId");
  const collectionUri = variable("System.CollectionUri");
  const pullRequestId = variable("System.PullRequest.PullRequestId");
  // a GitHub pull request built on Azure Pipelines has its own number besides Azure's id
  const pullRequest = variable("System.PullRequest.PullRequestNumber") ?? pullRequestId;
  return {
    host: "azure-pipelines",
    // Azure Repos names a repository within its project; GitHub repositories are already `owner/name`
    repository: variable("Build.Repository.Provider") === "TfsGit" && project && name ? `${project}/${name}` : name,
    commit: variable("Build.SourceVersion"),
    branch: branchOf(pullRequestId ? variable("System.PullRequest.SourceBranch") : variable("Build.SourceBranch")),
    event: variable("Build.Reason"),
    actor: variable("Build.RequestedFor"),
    runId: buildId,
    runUrl:
      collectionUri && project && buildId
        ? `${withSlash(collectionUri)}${encodeURIComponent(project)}/_build/results?buildId=${buildId}`
        : undefined,
    pullRequest: pullRequest ? Number(pullRequest) : undefined,
    fromFork: pullRequestId ? variable("System.PullRequest.IsFork")?.toLowerCase() === "true" : undefined,
  };
}

export function withSlash(uri: string): string {
  return uri.endsWith("/") ? uri : `${uri}/`;
}

/** `refs/heads/feature/x` → `feature/x`; tags and merge refs name no branch. */
function branchOf(ref: string | undefined): string | undefined {
  if (ref?.startsWith("refs/heads/")) return ref.slice("refs/heads/".length);
  return ref && !ref.startsWith("refs/") ? ref : undefined;
}
