/**
 * GitHub's two ways to start a workflow (REST API version 2022-11-28):
 * - Create a repository dispatch event: POST /repos/{owner}/{repo}/dispatches {event_type, client_payload}
 *   https://docs.github.com/rest/repos/repos#create-a-repository-dispatch-event (needs `contents: write`)
 * - Create a workflow dispatch event: POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches {ref, inputs}
 *   https://docs.github.com/rest/actions/workflows#create-a-workflow-dispatch-event (needs `actions: write`)
 * Both answer 204. `return_run_details` is not sent: GitHub Enterprise Server does not document it.
 */

import { mlgateVersion } from "../../version.js";
import { InputError } from "../errors.js";
import { clientPayload, declaredInputs, stringInputs } from "./payload.js";
import { defaultTimeoutMs, post } from "./post.js";
import type { RepositoryDispatch, RetrainReason, TriggerContext, TriggerResult, WorkflowDispatch } from "./types.js";

export async function dispatchOnGitHub(
  target: RepositoryDispatch | WorkflowDispatch,
  context: TriggerContext,
  why: RetrainReason,
): Promise<TriggerResult> {
  const { key, text } = target;
  const permission = target.kind === "github:repository_dispatch" ? "contents: write" : "actions: write";
  const token = context.githubToken;
  if (!token)
    throw new InputError(
      `no GitHub token to fire '${text}'`,
      { key },
      `set \`github-token\` to a token with \`${permission}\``,
    );
  const repository = context.repository ?? "";
  const [owner, repo, extra] = repository.split("/");
  if (!owner || !repo || extra !== undefined)
    throw new InputError(
      `'${text}' needs the GitHub repository (owner/name) to dispatch to, and this run names ${repository ? `'${repository}'` : "none"}`,
      { key },
      "fire it from a workflow run of that repository",
    );
  const repos = `${context.githubApiUrl.replace(/\/+$/, "")}/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`;
  const common = {
    service: "GitHub" as const,
    headers: {
      Accept: "application/vnd.github+json",
      "X-GitHub-Api-Version": "2022-11-28",
      "User-Agent": `mlgate/${mlgateVersion}`,
    },
    token,
    key,
    timeoutMs: context.timeoutMs ?? defaultTimeoutMs,
  };
  const refused = (status: number, notFound: string, unprocessable: string | undefined) => {
    if (status === 401) return "the token was not accepted (expired or revoked); set `github-token` to a valid token";
    if (status === 403) return `give the job \`permissions: ${permission}\` (or use a token that has it)`;
    if (status === 404) return notFound;
    if (status === 422) return unprocessable;
    return undefined;
  };

  if (target.kind === "github:repository_dispatch") {
    const what = `repository_dispatch '${target.eventType}' to ${repository}`;
    await post({
      ...common,
      what,
      url: `${repos}/dispatches`,
      body: { event_type: target.eventType, client_payload: clientPayload(why) },
      fix: (status) => refused(status, `check that ${repository} exists and that the token can see it`, undefined),
    });
    return { description: `sent ${what}` };
  }

  const ref = target.ref ?? context.branch;
  if (!ref)
    throw new InputError(
      `'${text}' needs a ref, and this run is on no branch`,
      { key },
      `name the branch or tag: \`${text}@main\``,
    );
  const what = `workflow_dispatch of ${target.workflow} on ${ref} in ${repository}`;
  const inputs = declaredInputs.join(", ");
  await post({
    ...common,
    what,
    url: `${repos}/actions/workflows/${encodeURIComponent(target.workflow)}/dispatches`,
    body: { ref, inputs: stringInputs(why) },
    fix: (status) =>
      refused(
        status,
        `check that the workflow ${target.workflow} exists in ${repository} and that the token can see the repository`,
        `the workflow needs \`on: workflow_dispatch\` declaring the string inputs ${inputs}, and ${ref} must exist`,
      ),
  });
  return { description: `sent ${what}` };
}
