/**
 * The retrain trigger: what monitor-drift fires when it decides a model should be retrained.
 *
 * The `trigger` input (surrounding spaces ignored; empty or absent means no trigger):
 *
 * - `github:repository_dispatch:<event type>` — POST {api}/repos/{owner}/{repo}/dispatches with
 *   `{event_type, client_payload}`. The workflow listens with `on: repository_dispatch: types:
 *   [<event type>]` and reads `github.event.client_payload`: `model`, `version` (number), `reason`,
 *   `driftShare` (0 to 1), `driftedColumns` (as many names as fit in 48 KB), `driftedColumnCount`
 *   and `runUrl` (the deciding run, when known). Needs no declaration. Token: `contents: write`.
 * - `github:workflow_dispatch:<workflow file or id>[@<ref>]` — POST
 *   {api}/repos/{owner}/{repo}/actions/workflows/{workflow}/dispatches with `{ref, inputs}`. The
 *   workflow is `retrain.yml` (a leading `.github/workflows/` is dropped) or its numeric id; `<ref>`
 *   is a branch or tag, by default the branch this run is on. The workflow declares
 *   `on: workflow_dispatch` with the string inputs `model`, `version`, `reason`. Token: `actions: write`.
 * - `azure-pipelines:<pipeline id>[@<branch>]` — Runs - Run Pipeline, POST
 *   {collectionUri}{project}/_apis/pipelines/{id}/runs?api-version=7.1 with
 *   `{resources: {repositories: {self: {refName}}}, templateParameters: {model, version, reason}}`.
 *   `<branch>` defaults to the branch this run is on (without one, the pipeline's default branch);
 *   the pipeline declares the string `parameters:` `model`, `version`, `reason`. The job's
 *   System.AccessToken needs the build service's "Queue builds" permission on that pipeline.
 *
 * Runs - Run Pipeline rather than Builds - Queue: it belongs to the Pipelines API area made for YAML
 * pipelines (documented at api-version 7.1, not preview); its body is only what a run needs, runtime
 * parameters as `templateParameters` (a parameter the pipeline does not declare is refused rather
 * than ignored) and the branch through `resources`, and it answers with the run and its web link.
 * Builds - Queue takes a whole Build object from the classic-definition era (the branch as
 * `sourceBranch`, queue-time variables as a JSON string in `parameters`).
 *
 * All three carry the same reason, as strings where the API wants strings: `reason` is cut to 1,000
 * characters, well inside workflow_dispatch's 10 inputs / 65,535 characters and repository_dispatch's
 * 10 properties / 64 KB. Every failure is an InputError (exit 2) naming the trigger input, the status
 * and what to do (a missing token, 403 → the permission to grant); the token is never in a message.
 */
import { runAzurePipeline } from "./azure-pipelines.js";
import { dispatchOnGitHub } from "./github.js";
import type { RetrainReason, TriggerContext, TriggerResult, TriggerTarget } from "./types.js";

export { parseTrigger } from "./parse.js";
export { declaredInputs } from "./payload.js";
export type { RetrainReason, TriggerContext, TriggerResult, TriggerTarget } from "./types.js";

/** Starts the retrain the target names, once (no retries: a dispatch is not idempotent). */
export function fireTrigger(
  target: TriggerTarget,
  context: TriggerContext,
  why: RetrainReason,
): Promise<TriggerResult> {
  return target.kind === "azure-pipelines"
    ? runAzurePipeline(target, context, why)
    : dispatchOnGitHub(target, context, why);
}
