/**
 * Azure Pipelines: Runs - Run Pipeline (api-version 7.1),
 * POST {collectionUri}{project}/_apis/pipelines/{pipelineId}/runs
 * https://learn.microsoft.com/en-us/rest/api/azure/devops/pipelines/runs/run-pipeline?view=azure-devops-rest-7.1
 * The job's System.AccessToken acts as the build service, which needs "Queue builds" on the pipeline.
 */
import { InputError } from "../errors.js";
import { declaredInputs, stringInputs } from "./payload.js";
import { defaultTimeoutMs, post } from "./post.js";
import type { PipelineRun, RetrainReason, TriggerContext, TriggerResult } from "./types.js";

const apiVersion = "7.1";

interface Run {
  id?: number;
  _links?: { web?: { href?: string } };
}

export async function runAzurePipeline(
  target: PipelineRun,
  context: TriggerContext,
  why: RetrainReason,
): Promise<TriggerResult> {
  const { key, text, pipelineId } = target;
  const token = context.azureToken;
  if (!token)
    throw new InputError(
      `no Azure DevOps access token to fire '${text}'`,
      { key },
      "map the job's token into the step: `env: { SYSTEM_ACCESSTOKEN: $(System.AccessToken) }`",
    );
  const { azureCollectionUri: collectionUri, azureProject: project } = context;
  if (!collectionUri || !project)
    throw new InputError(
      `'${text}' needs the Azure DevOps collection and project, and this run names none`,
      { key },
      "fire it from an Azure Pipelines run in the pipeline's project",
    );
  const branch = target.branch ?? context.branch;
  // without a ref, Azure Pipelines runs the pipeline's default branch
  const refName = branch && (branch.startsWith("refs/") ? branch : `refs/heads/${branch}`);
  const what = `a run of pipeline ${pipelineId}${refName ? ` on ${refName}` : ""} in ${project}`;
  const url = `${collectionUri.replace(/\/?$/, "/")}${encodeURIComponent(project)}/_apis/pipelines/${pipelineId}/runs?api-version=${apiVersion}`;
  const response = await post({
    service: "Azure DevOps",
    what,
    url,
    headers: { Accept: "application/json" },
    body: {
      ...(refName ? { resources: { repositories: { self: { refName } } } } : {}),
      templateParameters: stringInputs(why),
    },
    token,
    key,
    timeoutMs: context.timeoutMs ?? defaultTimeoutMs,
    fix: (status) => {
      if (status === 401 || status === 203)
        return "the job's access token was not accepted; let the task use System.AccessToken";
      if (status === 403)
        return `give the build service the 'Queue builds' permission on pipeline ${pipelineId} (the pipeline's ⋯ › Manage security)`;
      if (status === 404)
        return `check that pipeline ${pipelineId} exists in ${project}: the id is the \`definitionId\` in the pipeline's URL`;
      if (status === 400)
        return `the pipeline needs the string parameters ${declaredInputs.join(", ")}${refName ? `, and ${refName} must exist` : ""}`;
      return undefined;
    },
  });
  const run = (await response.json().catch(() => undefined)) as Run | null | undefined;
  return { description: `started ${what}${run?.id ? ` (run ${run.id})` : ""}`, runUrl: run?._links?.web?.href };
}
