/**
 * Checks GitHub Actions workflows that use mlgate's actions: the inputs each step gives, the
 * outputs each expression reads (steps.<id>.outputs.<name>, needs.<job>.outputs.<name>), how the
 * tasks' outputs feed one another, least-privilege permissions, and the fork path (no
 * credentials where a fork's code runs; its report posted by a workflow_run workflow that runs
 * none of it). Every problem is one line naming the file, the job and the step.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { parseTrigger } from "../../src/core/trigger/index.js";
import { declaredInputs } from "../../src/core/trigger/payload.js";
import {
  type Catalog,
  FILE_INPUTS,
  literalFiles,
  literalProblem,
  missingRequired,
  type TaskEntry,
  WIRING,
  wiringProblem,
} from "./workflow-catalog.js";
import { list, type Node, names, node, pathFilterProblem, scalars, stringMap, text } from "./workflow-yaml.js";

export interface WorkflowFile {
  /** shown in messages: `.github/workflows/release.yml` */
  file: string;
  doc: unknown;
}

interface Step {
  index: number;
  node: Node;
  id?: string;
  uses?: string;
  run?: string;
  with: Record<string, string>;
  /** the mlgate task the step runs, if any */
  task?: TaskEntry;
  where: string;
}

interface Job {
  name: string;
  node: Node;
  steps: Step[];
  needs: string[];
  outputs: Record<string, string>;
  /** may run with a fork's code: a pull_request workflow's job not limited to this repository's branches */
  forkReachable: boolean;
  where: string;
}

interface Workflow {
  file: string;
  name: string;
  doc: Node;
  on: Node;
  jobs: Map<string, Job>;
}

const ACTION = /^mlgate\/mlgate\/actions\/([\w-]+)@\S+$/;
const ROOT_ACTION = /^mlgate\/mlgate@\S+$/;
/** By major version or commit: `actions/checkout@v4`, `owner/repo/path@<40 hex>`. */
const PINNED = /^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@(v\d+|[0-9a-f]{40})$/;
/** The condition that keeps a job to pull requests from this repository's own branches. */
const SAME_REPOSITORY = "github.event.pull_request.head.repo.full_name == github.repository";
/** Outputs of the third-party actions the examples read. */
const KNOWN_OUTPUTS: Record<string, readonly string[]> = {
  "actions/github-script": ["result"],
  "actions/download-artifact": ["download-path"],
  "actions/upload-artifact": ["artifact-id", "artifact-url", "artifact-digest"],
  "actions/setup-python": ["python-version", "cache-hit", "python-path"],
};
const COMMENTING_TASKS = new Set(["validate-data", "evaluate-against-champion", "monitor-drift"]);

export function checkGitHubWorkflows(files: readonly WorkflowFile[], catalog: Catalog, root: string): string[] {
  const problems: string[] = [];
  const workflows = files.map((file) => readWorkflow(file, catalog, problems));
  for (const workflow of workflows) checkWorkflow(workflow, root, problems);
  checkAcrossWorkflows(workflows, root, problems);
  return problems;
}

function readWorkflow(file: WorkflowFile, catalog: Catalog, problems: string[]): Workflow {
  const doc = node(file.doc);
  const on =
    typeof doc.on === "string"
      ? { [doc.on]: {} }
      : Array.isArray(doc.on)
        ? Object.fromEntries(names(doc.on).map((event) => [event, {}]))
        : node(doc.on);
  if (Object.keys(on).length === 0) problems.push(`${file.file}: no 'on:' triggers`);
  const pullRequest = "pull_request" in on;
  const jobs = new Map<string, Job>();
  for (const [name, value] of Object.entries(node(doc.jobs))) {
    const jobNode = node(value);
    const where = `${file.file} › jobs.${name}`;
    const steps = list(jobNode.steps).map((stepValue, index) => readStep(stepValue, index, where, catalog, problems));
    const condition = text(jobNode.if) ?? "";
    jobs.set(name, {
      name,
      node: jobNode,
      steps,
      needs: names(jobNode.needs),
      outputs: stringMap(jobNode.outputs),
      forkReachable: pullRequest && !condition.includes(SAME_REPOSITORY),
      where,
    });
  }
  if (jobs.size === 0) problems.push(`${file.file}: no jobs`);
  return { file: file.file, name: text(doc.name) ?? file.file, doc, on, jobs };
}

function readStep(value: unknown, index: number, jobWhere: string, catalog: Catalog, problems: string[]): Step {
  const stepNode = node(value);
  const id = text(stepNode.id);
  const uses = text(stepNode.uses);
  const run = text(stepNode.run);
  const withInputs = stringMap(stepNode.with);
  const where = `${jobWhere} › step ${index + 1} (${id ?? uses ?? "run"})`;
  const step: Step = { index, node: stepNode, with: withInputs, where };
  if (id !== undefined) step.id = id;
  if (uses !== undefined) step.uses = uses;
  if (run !== undefined) step.run = run;
  if (uses === undefined) return step;

  const action = ACTION.exec(uses);
  const taskName = action ? action[1] : ROOT_ACTION.test(uses) ? withInputs.task : undefined;
  if (taskName === undefined) {
    if (ROOT_ACTION.test(uses)) problems.push(`${where}: the root action needs 'task:'`);
    else if (uses.startsWith("mlgate/")) problems.push(`${where}: '${uses}' is not an mlgate action`);
    return step;
  }
  const task = catalog.tasks.get(taskName);
  if (!task) {
    problems.push(`${where}: no mlgate task '${taskName}' (tasks: ${[...catalog.tasks.keys()].join(", ")})`);
    return step;
  }
  step.task = task;
  checkTaskInputs(step, task, catalog, action === null, problems);
  return step;
}

function checkTaskInputs(step: Step, task: TaskEntry, catalog: Catalog, viaRoot: boolean, problems: string[]): void {
  // the root action (mlgate/mlgate@v0 with task:) passes on only the inputs it declares itself
  const known = new Set([...task.action.inputs].filter((name) => !viaRoot || catalog.rootInputs.has(name)));
  if (viaRoot) known.add("task");
  for (const [name, value] of Object.entries(step.with)) {
    if (!known.has(name)) {
      problems.push(`${step.where}: ${task.spec.name} has no input '${name}' (inputs: ${[...known].join(", ")})`);
      continue;
    }
    const input = task.spec.inputs.find((each) => each.name === name);
    if (input && !value.includes("${{")) {
      const problem = literalProblem(input, value);
      if (problem) problems.push(`${step.where}: input '${name}' ${problem}`);
    }
  }
  const missing = missingRequired(task, catalog, (input) => (step.with[input.name] ?? "").trim() !== "");
  for (const name of missing) problems.push(`${step.where}: ${task.spec.name} needs input '${name}' (or mlgate.yml)`);
}

function checkWorkflow(workflow: Workflow, root: string, problems: string[]): void {
  const { file, doc, on, jobs } = workflow;
  if ("pull_request_target" in on)
    problems.push(`${file}: pull_request_target runs a fork's pull request with this repository's secrets`);
  for (const [key, scalar] of scalars(doc)) {
    if (/\bsecrets\./.test(scalar))
      problems.push(`${file}: ${key} reads a stored secret; Azure is reached through OIDC (azure/login)`);
  }
  for (const [event, settings] of Object.entries(on)) {
    for (const entry of names(node(settings).paths)) {
      const problem = pathFilterProblem(root, entry);
      if (problem) problems.push(`${file}: on.${event}.paths ${problem}`);
    }
  }
  const top = doc.permissions;
  if (top === undefined) problems.push(`${file}: no top-level 'permissions:' (the token's default may be read-write)`);
  else if (typeof top === "string" || Object.values(node(top)).some((level) => level === "write"))
    problems.push(`${file}: the top-level permissions grant write access; grant it per job`);

  for (const job of jobs.values()) {
    for (const need of job.needs)
      if (!jobs.has(need)) problems.push(`${job.where}: needs '${need}', which is not a job of this workflow`);
    checkJobReferences(job, jobs, problems);
    checkWiring(job, jobs, problems);
    checkPermissions(workflow, job, problems);
    checkSteps(workflow, job, root, problems);
  }
}

/** The expressions in a value: the inside of each `${{ }}`, or the whole of an `if:` (implicitly an expression). */
function expressions(value: string, isCondition: boolean): string[] {
  const inside = [...value.matchAll(/\$\{\{([\s\S]*?)\}\}/g)].map((match) => match[1] ?? "");
  return inside.length === 0 && isCondition ? [value] : inside;
}

function checkJobReferences(job: Job, jobs: Map<string, Job>, problems: string[]): void {
  // the job's own keys: its `if:` and `env:` may read needs, never steps
  for (const key of ["if", "env", "environment", "concurrency", "runs-on", "strategy"]) {
    for (const [at, value] of scalars(job.node[key], key)) {
      for (const expression of expressions(value, at === "if")) {
        checkNeeds(expression, `${job.where} › ${at}`, job, jobs, problems);
        if (/\bsteps\./.test(expression)) problems.push(`${job.where} › ${at}: steps.* is not available here`);
      }
    }
  }
  for (const [name, value] of Object.entries(job.outputs)) {
    const where = `${job.where} › outputs.${name}`;
    const found = [...value.matchAll(/\bsteps\.([\w-]+)\.outputs\.([\w-]+)/g)];
    if (found.length === 0) problems.push(`${where}: maps to no step output`);
    for (const [, id = "", output = ""] of found) checkStepOutput(id, output, job.steps, where, problems);
  }
  for (const step of job.steps) {
    for (const [at, value] of scalars(step.node)) {
      for (const expression of expressions(value, at === "if")) {
        const where = `${step.where} › ${at}`;
        checkNeeds(expression, where, job, jobs, problems);
        if (/\boutputs\[/.test(expression)) problems.push(`${where}: write outputs.<name>, not outputs[...]`);
        for (const [, id = "", rest = ""] of expression.matchAll(/\bsteps\.([\w-]+)\.([\w-]+(?:\.[\w-]+)?)/g)) {
          const earlier = job.steps.slice(0, step.index);
          if (rest.startsWith("outputs.")) checkStepOutput(id, rest.slice("outputs.".length), earlier, where, problems);
          else if (!["outcome", "conclusion"].includes(rest))
            problems.push(`${where}: steps.${id}.${rest} is neither outputs.<name>, outcome nor conclusion`);
          else if (!earlier.some((each) => each.id === id)) problems.push(`${where}: no earlier step has id '${id}'`);
        }
      }
    }
  }
}

function checkNeeds(expression: string, where: string, job: Job, jobs: Map<string, Job>, problems: string[]): void {
  for (const [, name = "", rest = ""] of expression.matchAll(/\bneeds\.([\w-]+)\.([\w-]+(?:\.[\w-]+)?)/g)) {
    if (!job.needs.includes(name)) {
      problems.push(`${where}: reads needs.${name}, but the job does not list '${name}' in needs`);
      continue;
    }
    if (rest === "result") continue;
    const output = rest.startsWith("outputs.") ? rest.slice("outputs.".length) : undefined;
    if (output === undefined) problems.push(`${where}: needs.${name}.${rest} is neither outputs.<name> nor result`);
    else if (!Object.hasOwn(jobs.get(name)?.outputs ?? {}, output))
      problems.push(
        `${where}: job '${name}' declares no output '${output}' (outputs: ${Object.keys(jobs.get(name)?.outputs ?? {}).join(", ") || "none"})`,
      );
  }
}

function checkStepOutput(id: string, output: string, steps: readonly Step[], where: string, problems: string[]): void {
  const step = steps.find((each) => each.id === id);
  if (!step) {
    problems.push(`${where}: no earlier step has id '${id}'`);
    return;
  }
  if (step.task) {
    if (!step.task.action.outputs.has(output))
      problems.push(
        `${where}: ${step.task.spec.name} (step '${id}') has no output '${output}' (outputs: ${[...step.task.action.outputs].join(", ")})`,
      );
    return;
  }
  if (step.run !== undefined) {
    const written =
      new RegExp(`(^|[\\s"'])${output.replace(/[-]/g, "\\-")}(=|<<)`, "m").test(step.run) &&
      step.run.includes("GITHUB_OUTPUT");
    if (!written) problems.push(`${where}: step '${id}' writes no output '${output}' to $GITHUB_OUTPUT`);
    return;
  }
  const action = step.uses?.replace(/@.*$/, "") ?? "";
  const known = KNOWN_OUTPUTS[action];
  if (known && !known.includes(output)) problems.push(`${where}: ${action} has no output '${output}'`);
}

/** The task output an expression reads: `steps.<id>.outputs.<name>`, or a job output that is one. */
function producer(expression: string, job: Job, jobs: Map<string, Job>, seen = new Set<string>()): string | undefined {
  const step = /^\s*steps\.([\w-]+)\.outputs\.([\w-]+)\s*$/.exec(expression);
  if (step) {
    const found = job.steps.find((each) => each.id === step[1]);
    return found?.task ? `${found.task.spec.name}.${step[2]}` : `step ${step[1]}.${step[2]}`;
  }
  const need = /^\s*needs\.([\w-]+)\.outputs\.([\w-]+)\s*$/.exec(expression);
  const other = need ? jobs.get(need[1] ?? "") : undefined;
  const mapped = other?.outputs[need?.[2] ?? ""];
  if (!other || mapped === undefined || seen.has(other.name)) return undefined;
  const inner = /^\s*\$\{\{([\s\S]*)\}\}\s*$/.exec(mapped)?.[1];
  return inner === undefined ? undefined : producer(inner, other, jobs, new Set([...seen, other.name]));
}

function checkWiring(job: Job, jobs: Map<string, Job>, problems: string[]): void {
  for (const step of job.steps) {
    if (!step.task) continue;
    for (const [input, value] of Object.entries(step.with)) {
      const rule = WIRING[`${step.task.spec.name}.${input}`];
      if (!rule) continue;
      const parts = [...value.matchAll(/\$\{\{([\s\S]*?)\}\}/g)];
      const whole = parts.length === 1 && parts[0]?.[0] === value.trim();
      const problem = wiringProblem(
        rule,
        parts.map((part) => producer(part[1] ?? "", job, jobs)),
        whole,
      );
      if (problem) problems.push(`${step.where}: input '${input}' ${problem} (got '${value.trim()}')`);
    }
  }
}

interface Needs {
  checkout: boolean;
  idToken: boolean;
  comment: boolean;
  contentsWrite: boolean;
  actionsRead: boolean;
  actionsWrite: boolean;
}

function needsOf(workflow: Workflow, job: Job): Needs {
  const pullRequest = "pull_request" in workflow.on;
  const uses = (prefix: string) => job.steps.filter((step) => step.uses?.startsWith(`${prefix}@`));
  const trigger = (kind: string) =>
    job.steps.some(
      (step) => step.task?.spec.name === "monitor-drift" && (step.with.trigger ?? "").trim().startsWith(kind),
    );
  return {
    checkout: uses("actions/checkout").length > 0,
    idToken: uses("azure/login").length > 0,
    comment:
      (pullRequest &&
        job.steps.some(
          (step) => step.task && COMMENTING_TASKS.has(step.task.spec.name) && step.with.comment?.trim() !== "false",
        )) ||
      uses("actions/github-script").some((step) => /\bissues\.(create|update)Comment\b/.test(step.with.script ?? "")),
    contentsWrite: trigger("github:repository_dispatch:"),
    actionsWrite: trigger("github:workflow_dispatch:"),
    actionsRead: uses("actions/download-artifact").some((step) => step.with["run-id"] !== undefined),
  };
}

function checkPermissions(workflow: Workflow, job: Job, problems: string[]): void {
  const where = `${job.where} › permissions`;
  const granted = job.node.permissions ?? workflow.doc.permissions;
  if (granted === undefined) {
    problems.push(`${where}: none declared, here or at the top`);
    return;
  }
  if (typeof granted === "string") {
    problems.push(`${where}: '${granted}'; name each scope the job needs`);
    return;
  }
  const need = needsOf(workflow, job);
  const allowed: Record<string, Record<string, boolean>> = {
    contents: { read: need.checkout && !need.contentsWrite, write: need.contentsWrite },
    "id-token": { write: need.idToken },
    "pull-requests": { write: need.comment },
    actions: { read: need.actionsRead && !need.actionsWrite, write: need.actionsWrite },
  };
  const scopes = node(granted);
  for (const [scope, level] of Object.entries(scopes)) {
    if (level === "none") continue;
    if (!allowed[scope]?.[String(level)])
      problems.push(`${where}: '${scope}: ${String(level)}' is more than the job needs`);
  }
  const missing = (scope: string, level: string, why: string) => {
    const has = scopes[scope];
    if (has !== level && !(level === "read" && has === "write"))
      problems.push(`${where}: needs '${scope}: ${level}' (${why})`);
  };
  if (need.checkout) missing("contents", "read", "actions/checkout");
  if (need.idToken) missing("id-token", "write", "azure/login with OIDC");
  if (need.contentsWrite) missing("contents", "write", "monitor-drift's repository_dispatch trigger");
  if (need.actionsWrite) missing("actions", "write", "monitor-drift's workflow_dispatch trigger");
  if (need.actionsRead) missing("actions", "read", "downloading another run's artifact");
}

function checkSteps(workflow: Workflow, job: Job, root: string, problems: string[]): void {
  const ids = new Set<string>();
  for (const step of job.steps) {
    if (step.id !== undefined) {
      if (ids.has(step.id)) problems.push(`${step.where}: the id '${step.id}' is used twice in the job`);
      ids.add(step.id);
    }
    if (step.uses !== undefined && !step.uses.startsWith("./") && !PINNED.test(step.uses))
      problems.push(`${step.where}: pin '${step.uses}' to a major version (@v4) or a commit`);
    for (const [key, script] of [
      ["run", step.run],
      ["with.script", step.uses?.startsWith("actions/github-script@") ? step.with.script : undefined],
    ] as const) {
      if (script?.includes("${{"))
        problems.push(
          `${step.where}: ${key} interpolates \${{ }} into code; pass the value through env: (script injection)`,
        );
    }
    if (step.uses?.startsWith("azure/login@")) {
      for (const [name, value] of Object.entries(step.with)) {
        if (!["client-id", "tenant-id", "subscription-id", "allow-no-subscriptions"].includes(name))
          problems.push(
            `${step.where}: azure/login input '${name}': OIDC needs only client-id, tenant-id and subscription-id`,
          );
        else if (name !== "allow-no-subscriptions" && !/^\$\{\{\s*vars\.\w+\s*\}\}$/.test(value.trim()))
          problems.push(`${step.where}: azure/login '${name}' should come from a repository variable (vars.*)`);
      }
    }
    if (!step.task) continue;
    for (const [name, value] of Object.entries(step.with)) {
      if (!FILE_INPUTS.has(name)) continue;
      for (const file of literalFiles(value))
        if (!existsSync(path.join(root, file)))
          problems.push(`${step.where}: input '${name}' names '${file}', which the example does not have`);
    }
    if (job.forkReachable) {
      const registry = step.with.registry;
      if (registry !== undefined && (/:\/\//.test(registry) || registry.includes("${{")))
        problems.push(
          `${step.where}: a fork's code runs in this job, so its registry must be a local folder, not '${registry}'`,
        );
      if (step.task.spec.name === "deploy") problems.push(`${step.where}: deploy in a job a fork's pull request runs`);
    }
    if (step.task.spec.name === "deploy") {
      if (job.node.environment === undefined)
        problems.push(`${job.where}: deploys without an environment (required reviewers live on the environment)`);
      if (job.node.concurrency === undefined && workflow.doc.concurrency === undefined)
        problems.push(`${job.where}: deploys without a concurrency group`);
      if (!/'promote'/.test(text(job.node.if) ?? ""))
        problems.push(`${job.where}: deploys without checking that the verdict is 'promote' in its if:`);
    }
  }
  if (
    job.forkReachable &&
    (job.steps.some((step) => step.uses?.startsWith("azure/login@")) || node(job.node.permissions)["id-token"])
  )
    problems.push(
      `${job.where}: a fork's pull request can run this job; OIDC belongs in jobs with if: ${SAME_REPOSITORY}`,
    );
}

/** The fork path and the retrain trigger span files: the artifact a fork's job uploads is what a workflow_run workflow posts. */
function checkAcrossWorkflows(workflows: readonly Workflow[], root: string, problems: string[]): void {
  const byName = new Map(workflows.map((workflow) => [workflow.name, workflow]));
  const uploads = (workflow: Workflow) =>
    [...workflow.jobs.values()].flatMap((job) =>
      job.steps.filter((step) => step.uses?.startsWith("actions/upload-artifact@")).map((step) => ({ job, step })),
    );

  for (const workflow of workflows) {
    const listening = workflows.filter((other) => names(node(other.on.workflow_run).workflows).includes(workflow.name));
    const posterDownloads = new Set(
      listening.flatMap((other) =>
        [...other.jobs.values()].flatMap((job) =>
          job.steps
            .filter((step) => step.uses?.startsWith("actions/download-artifact@"))
            .map((step) => step.with.name ?? ""),
        ),
      ),
    );
    // a fork's evaluation must leave its report for the workflow_run poster
    for (const job of workflow.jobs.values()) {
      if (!job.forkReachable) continue;
      for (const evaluate of job.steps.filter((step) => step.task?.spec.name === "evaluate-against-champion")) {
        const carried = uploads(workflow).some(
          ({ job: uploader, step }) =>
            uploader === job &&
            (step.with.path ?? "").includes(`steps.${evaluate.id}.outputs.report-json`) &&
            posterDownloads.has(step.with.name ?? ""),
        );
        if (!carried)
          problems.push(
            `${evaluate.where}: a fork's report must be uploaded (report-json) as an artifact that a workflow_run workflow downloads and posts`,
          );
      }
    }
  }

  for (const workflow of workflows) {
    const run = node(workflow.on.workflow_run);
    if (!("workflow_run" in workflow.on)) continue;
    const sources = names(run.workflows);
    for (const source of sources)
      if (!byName.has(source))
        problems.push(`${workflow.file}: on.workflow_run names '${source}', which is no workflow here`);
    const uploaded = new Set(
      sources.flatMap((source) =>
        (byName.get(source) ? uploads(byName.get(source) as Workflow) : []).map(({ step }) => step.with.name ?? ""),
      ),
    );
    for (const job of workflow.jobs.values()) {
      for (const step of job.steps) {
        if (step.uses?.startsWith("actions/checkout@"))
          problems.push(`${step.where}: a workflow_run workflow must not check out the pull request's code`);
        if (step.run !== undefined)
          problems.push(`${step.where}: a workflow_run workflow runs no shell: read the artifact as data`);
        if (!step.uses?.startsWith("actions/download-artifact@")) continue;
        if (!uploaded.has(step.with.name ?? ""))
          problems.push(`${step.where}: no workflow in on.workflow_run uploads '${step.with.name}'`);
        if ((step.with["run-id"] ?? "").replace(/\s/g, "") !== `\${{github.event.workflow_run.id}}`)
          problems.push(`${step.where}: run-id must be the triggering run, github.event.workflow_run.id`);
      }
    }
  }

  // monitor-drift's GitHub trigger starts a workflow that exists and listens
  for (const workflow of workflows) {
    for (const job of workflow.jobs.values()) {
      for (const step of job.steps.filter((each) => each.task?.spec.name === "monitor-drift" && each.with.trigger)) {
        let target: ReturnType<typeof parseTrigger>;
        try {
          target = parseTrigger(step.with.trigger, "trigger");
        } catch (error) {
          problems.push(`${step.where}: ${(error as Error).message}`);
          continue;
        }
        if (target?.kind === "github:repository_dispatch") {
          const listens = workflows.some((other) =>
            names(node(other.on.repository_dispatch).types).includes(target.eventType),
          );
          if (!listens)
            problems.push(`${step.where}: no workflow has on.repository_dispatch.types [${target.eventType}]`);
        } else if (target?.kind === "github:workflow_dispatch") {
          const other = workflows.find((each) => path.basename(each.file) === target.workflow);
          const inputs = Object.keys(node(node(other?.on.workflow_dispatch).inputs));
          if (!other || !existsSync(path.join(root, ".github/workflows", target.workflow)))
            problems.push(`${step.where}: no workflow file ${target.workflow}`);
          else if (!declaredInputs.every((input) => inputs.includes(input)))
            problems.push(
              `${step.where}: ${target.workflow} must declare the workflow_dispatch inputs ${declaredInputs.join(", ")}`,
            );
        } else if (target) problems.push(`${step.where}: a GitHub workflow cannot fire '${step.with.trigger}'`);
      }
    }
  }
}
