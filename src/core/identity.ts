/** Who and what is running, as the host reports it: the identity every lineage record starts from. */
export type HostName = "github" | "azure-pipelines" | "cli";

/** Who and what is running: recorded as lineage with every run. */
export interface RunIdentity {
  host: HostName;
  /** `owner/name` (GitHub) or `project/repository` (Azure DevOps); absent on a bare laptop run */
  repository?: string;
  commit?: string;
  branch?: string;
  /** pull_request, push, schedule, workflow_dispatch, IndividualCI, PullRequest, manual, … */
  event?: string;
  actor?: string;
  runId?: string;
  runUrl?: string;
  pullRequest?: number;
  /** true when the pull request comes from a fork (untrusted code, read-only token) */
  fromFork?: boolean;
}
