/**
 * Inputs that belong to one host rather than to a task: the generators add them to every task's
 * action.yml or task.json, the README lists them once, and the hosts read them by these names.
 * The Azure Pipelines PR comment needs no input: it uses the job's `System.AccessToken`.
 */
import type { InputSpec } from "../tasks/spec.js";

/** GitHub Actions: the token for the sticky pull request comment. */
export const githubTokenInput = {
  name: "github-token",
  type: "string",
  secret: true,
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, evaluated by the runner
  default: "${{ github.token }}",
  description:
    "Token for the pull request comment (needs `pull-requests: write`) and for monitor-drift's GitHub retrain trigger (`contents: write` for repository_dispatch, `actions: write` for workflow_dispatch); the workflow's own token by default. Without the permission, or on a pull request from a fork, the report goes to the job summary only.",
} as const satisfies InputSpec;

export const githubHostInputs: readonly InputSpec[] = [githubTokenInput];

/** An Azure Pipelines-only input whose task.json type is not derived from `type`. */
export interface AzureHostInputSpec extends InputSpec {
  taskJsonType: `connectedService:${string}`;
}

/** Azure Pipelines: an Azure Resource Manager service connection for Blob Storage registries. */
export const azureSubscriptionInput = {
  name: "azureSubscription",
  type: "string",
  taskJsonType: "connectedService:AzureRM",
  description:
    "Azure Resource Manager service connection used to reach an Azure Blob Storage registry (workload identity federation or service principal). Optional: `AZURE_STORAGE_CONNECTION_STRING` or DefaultAzureCredential work too.",
} as const satisfies AzureHostInputSpec;

export const azurePipelinesHostInputs: readonly AzureHostInputSpec[] = [azureSubscriptionInput];

/** The pipeline variable whose token posts the sticky PR comment (Contribute to pull requests permission). */
export const azureAccessTokenVariable = "System.AccessToken";

/**
 * task.json input and output variable names must match `^[A-Za-z][A-Za-z0-9]*$`, so Azure Pipelines
 * spells `allow-duplicate` as `allowDuplicate`; everywhere else the spec name is used as is.
 */
export function azureName(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_, next: string) => next.toUpperCase());
}
