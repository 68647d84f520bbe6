/** Reads the `trigger` input; the syntax is documented in index.ts. */
import { InputError } from "../errors.js";
import type { TriggerTarget } from "./types.js";

const repositoryDispatch = "github:repository_dispatch:";
const workflowDispatch = "github:workflow_dispatch:";
const pipelineRun = "azure-pipelines:";
const forms =
  "use `github:repository_dispatch:<event type>`, `github:workflow_dispatch:<workflow file or id>[@<ref>]` or `azure-pipelines:<pipeline id>[@<branch>]`, or leave it empty for no trigger";
/** GitHub: "A custom webhook event name. Must be 100 characters or fewer." */
const maxEventType = 100;
const maxPipelineId = 2 ** 31 - 1;

/** The target the text names; undefined when it is empty (no trigger). Bad syntax is an InputError naming `key`. */
export function parseTrigger(text: string | undefined, key: string): TriggerTarget | undefined {
  const trimmed = text?.trim() ?? "";
  if (trimmed === "") return undefined;
  const bad = (problem: string, fix: string) => new InputError(`'${trimmed}' ${problem}`, { key }, fix);

  if (trimmed.startsWith(repositoryDispatch)) {
    const eventType = trimmed.slice(repositoryDispatch.length);
    if (eventType === "" || /\s/.test(eventType) || eventType.length > maxEventType)
      throw bad(
        `needs an event type of 1 to ${maxEventType} characters without spaces`,
        "e.g. `github:repository_dispatch:retrain`, received by `on: repository_dispatch: types: [retrain]`",
      );
    return { kind: "github:repository_dispatch", eventType, text: trimmed, key };
  }

  if (trimmed.startsWith(workflowDispatch)) {
    const [name, ref] = splitRef(trimmed.slice(workflowDispatch.length));
    const workflow = name.replace(/^\.github\/workflows\//, "");
    if (!/^(\d+|[^/\s]+\.ya?ml)$/.test(workflow))
      throw bad(
        "names no workflow",
        "give the workflow's file name or numeric id, e.g. `github:workflow_dispatch:retrain.yml` or `github:workflow_dispatch:retrain.yml@main`",
      );
    if (ref !== undefined && !/^\S+$/.test(ref))
      throw bad(
        "needs a ref without spaces after '@'",
        "write a branch or tag after '@', or leave '@' out for this run's branch",
      );
    return { kind: "github:workflow_dispatch", workflow, ref, text: trimmed, key };
  }

  if (trimmed.startsWith(pipelineRun)) {
    const [id, branch] = splitRef(trimmed.slice(pipelineRun.length));
    const pipelineId = Number(id);
    if (!/^\d+$/.test(id) || pipelineId < 1 || pipelineId > maxPipelineId)
      throw bad(
        "names no pipeline",
        "give the pipeline's numeric id (`definitionId` in its URL), e.g. `azure-pipelines:12` or `azure-pipelines:12@main`",
      );
    if (branch !== undefined && !/^\S+$/.test(branch))
      throw bad(
        "needs a branch without spaces after '@'",
        "write a branch after '@', or leave '@' out for this run's branch",
      );
    return { kind: "azure-pipelines", pipelineId, branch, text: trimmed, key };
  }

  throw bad("is not a trigger", forms);
}

/** `name@ref` → [name, ref]; a ref may itself contain '@', a workflow file name or pipeline id does not. */
function splitRef(text: string): [string, string | undefined] {
  const at = text.indexOf("@");
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}
