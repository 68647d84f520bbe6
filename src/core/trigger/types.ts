/** The shapes the retrain trigger works with; the syntax and the wire formats are in index.ts. */

/** A parsed `trigger` input. `text` (trimmed) and `key` (the input's name) let every error name them. */
export type TriggerTarget = RepositoryDispatch | WorkflowDispatch | PipelineRun;

interface Written {
  text: string;
  key: string;
}

export interface RepositoryDispatch extends Written {
  kind: "github:repository_dispatch";
  eventType: string;
}

export interface WorkflowDispatch extends Written {
  kind: "github:workflow_dispatch";
  /** the workflow's file name (`retrain.yml`) or numeric id */
  workflow: string;
  /** branch or tag; the run's own branch when absent */
  ref?: string;
}

export interface PipelineRun extends Written {
  kind: "azure-pipelines";
  pipelineId: number;
  /** the run's own branch when absent */
  branch?: string;
}

/** Where the trigger is fired from: values the host passes in (the core never reads process.env). */
export interface TriggerContext {
  /** `owner/name` of the GitHub repository to dispatch to */
  repository?: string;
  /** the branch this run is on: the default ref of a dispatch */
  branch?: string;
  /** `https://api.github.com`, or `https://<host>/api/v3` on GitHub Enterprise Server */
  githubApiUrl: string;
  githubToken?: string;
  /** System.CollectionUri, e.g. `https://dev.azure.com/fabrikam/` */
  azureCollectionUri?: string;
  /** System.TeamProject */
  azureProject?: string;
  /** the job's System.AccessToken */
  azureToken?: string;
  /** how long to wait for the API's answer; 30 seconds by default */
  timeoutMs?: number;
}

/** Why monitor-drift asks for a retrain: what the trigger sends along. */
export interface RetrainReason {
  model: string;
  /** the version whose training profile the data drifted from */
  version: number;
  /** one sentence for people, e.g. `3 of 12 columns drifted (25% > 20%)` */
  reason: string;
  /** share of the monitored columns that drifted, 0 to 1 */
  driftShare: number;
  driftedColumns: readonly string[];
  /** the monitor-drift run that decided, when the host knows it */
  runUrl?: string;
}

export interface TriggerResult {
  /** one line for the log and the report, e.g. `workflow_dispatch of retrain.yml on main in octo/models` */
  description: string;
  /** the started run's page, when the API names it (Azure Pipelines does, GitHub's dispatches do not) */
  runUrl?: string;
}
