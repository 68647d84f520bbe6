/**
 * Checks Azure Pipelines YAML that uses the mlgate extension's tasks: each `task: Mlgate…@0` step's
 * inputs (task.json's camelCase names), every output variable it reads — `$(step.var)` in the same
 * job, `stageDependencies.<stage>.<job>.outputs['<step>.<var>']` across stages,
 * `dependencies.<stage>.outputs['<job>.<step>.<var>']` in stage conditions — how the tasks' outputs
 * feed one another, the service connection kept away from fork builds, the approval environment in
 * front of deploy, and the drift schedule's retrain trigger.
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

export interface PipelineFile {
  /** shown in messages: `azure-pipelines.yml` */
  file: string;
  doc: unknown;
}

interface Step {
  index: number;
  node: Node;
  name?: string;
  task?: TaskEntry;
  inputs: Record<string, string>;
  script?: string;
  /** variables a script sets with ##vso[task.setvariable], and whether as an output */
  sets: { name: string; output: boolean }[];
  where: string;
}

interface Job {
  name: string;
  node: Node;
  deployment: boolean;
  steps: Step[];
  dependsOn: string[];
  variables: Map<string, string>;
  where: string;
}

interface Stage {
  name: string;
  node: Node;
  jobs: Map<string, Job>;
  dependsOn: string[];
  variables: Map<string, string>;
  where: string;
}

interface Pipeline {
  file: string;
  doc: Node;
  variables: Map<string, string>;
  parameters: Map<string, Node>;
  stages: Map<string, Stage>;
  /** `pr: none` pipelines are never built for a pull request */
  pullRequests: boolean;
}

const MLGATE_TASK = /^(Mlgate\w*)@(\d+)$/;
const PREDEFINED = new Set([
  "agent",
  "build",
  "system",
  "pipeline",
  "environment",
  "release",
  "resources",
  "strategy",
  "checks",
  "tf",
]);
const SCRIPT_KEYS = ["script", "bash", "pwsh", "powershell"] as const;
const NOT_FORK = /ne\(variables\['System\.PullRequest\.IsFork'\],\s*'True'\)/;
const MAIN_ONLY = /eq\(variables\['Build\.SourceBranch'\],\s*'refs\/heads\/main'\)/;

export function checkAzurePipelines(files: readonly PipelineFile[], catalog: Catalog, root: string): string[] {
  const problems: string[] = [];
  const pipelines = files.map((file) => readPipeline(file, catalog, problems));
  for (const pipeline of pipelines) checkPipeline(pipeline, pipelines, root, problems);
  return problems;
}

function readVariables(value: unknown): Map<string, string> {
  const variables = new Map<string, string>();
  if (Array.isArray(value)) {
    for (const item of value) {
      const name = text(node(item).name);
      if (name !== undefined) variables.set(name, text(node(item).value) ?? "");
    }
  } else {
    for (const [name, item] of Object.entries(node(value)))
      variables.set(name, text(item) ?? text(node(item).value) ?? "");
  }
  return variables;
}

function readPipeline(file: PipelineFile, catalog: Catalog, problems: string[]): Pipeline {
  const doc = node(file.doc);
  const parameters = new Map(list(doc.parameters).map((item) => [text(node(item).name) ?? "", node(item)]));
  const stageNodes: Node[] = doc.stages
    ? list(doc.stages).map(node)
    : [{ stage: "", jobs: doc.jobs ?? [{ job: "", steps: doc.steps ?? [] }] }];
  const stages = new Map<string, Stage>();
  let previous: string | undefined;
  for (const stageNode of stageNodes) {
    const name = text(stageNode.stage) ?? "";
    const where = name ? `${file.file} › stage ${name}` : file.file;
    const dependsOn =
      "dependsOn" in stageNode ? names(stageNode.dependsOn) : previous !== undefined && name !== "" ? [previous] : [];
    const jobs = new Map<string, Job>();
    for (const jobNode of list(stageNode.jobs).map(node)) {
      const deployment = typeof jobNode.deployment === "string";
      const jobName = text(jobNode.deployment) ?? text(jobNode.job) ?? "";
      const jobWhere = `${where}${jobName ? ` › job ${jobName}` : ""}`;
      const stepNodes = deployment ? deploymentSteps(jobNode.strategy) : list(jobNode.steps);
      jobs.set(jobName, {
        name: jobName,
        node: jobNode,
        deployment,
        steps: stepNodes.map((step, index) => readStep(step, index, jobWhere, catalog, problems)),
        dependsOn: names(jobNode.dependsOn),
        variables: readVariables(jobNode.variables),
        where: jobWhere,
      });
    }
    if (stages.has(name)) problems.push(`${where}: a second stage with this name`);
    stages.set(name, { name, node: stageNode, jobs, dependsOn, variables: readVariables(stageNode.variables), where });
    previous = name;
  }
  return {
    file: file.file,
    doc,
    variables: readVariables(doc.variables),
    parameters,
    stages,
    pullRequests: text(doc.pr) !== "none",
  };
}

/** A deployment job's steps: those of every lifecycle hook of its strategy, in order. */
function deploymentSteps(strategy: unknown): unknown[] {
  const steps: unknown[] = [];
  const walk = (value: unknown) => {
    for (const [key, item] of Object.entries(node(value))) {
      if (key === "steps") steps.push(...list(item));
      else walk(item);
    }
  };
  walk(strategy);
  return steps;
}

function readStep(value: unknown, index: number, jobWhere: string, catalog: Catalog, problems: string[]): Step {
  const stepNode = node(value);
  const name = text(stepNode.name);
  const taskRef = text(stepNode.task);
  const scriptKey = SCRIPT_KEYS.find((key) => key in stepNode);
  const script = scriptKey ? text(stepNode[scriptKey]) : undefined;
  const where = `${jobWhere} › step ${index + 1} (${name ?? taskRef ?? scriptKey ?? Object.keys(stepNode)[0] ?? "?"})`;
  const step: Step = { index, node: stepNode, inputs: stringMap(stepNode.inputs), sets: [], where };
  if (name !== undefined) step.name = name;
  if (script !== undefined) {
    step.script = script;
    for (const match of script.matchAll(/##vso\[task\.setvariable variable=([\w.]+)([^\]]*)\]/g))
      step.sets.push({ name: match[1] ?? "", output: /isOutput=true/i.test(match[2] ?? "") });
  }
  const mlgate = taskRef ? MLGATE_TASK.exec(taskRef) : null;
  if (!mlgate) return step;
  const task = catalog.azureTasks.get(mlgate[1] ?? "");
  if (!task) {
    problems.push(`${where}: no mlgate task '${mlgate[1]}' (tasks: ${[...catalog.azureTasks.keys()].join(", ")})`);
    return step;
  }
  if (Number(mlgate[2]) !== task.azure.major)
    problems.push(`${where}: ${task.azure.name} is at major version ${task.azure.major}, not ${mlgate[2]}`);
  step.task = task;
  for (const [input, given] of Object.entries(step.inputs)) {
    const known = task.azure.inputs.get(input);
    if (!known) {
      problems.push(
        `${where}: ${task.azure.name} has no input '${input}' (inputs: ${[...task.azure.inputs.keys()].join(", ")})`,
      );
      continue;
    }
    if (known.spec && !/\$\(|\$\{\{|\$\[/.test(given)) {
      const problem = literalProblem(known.spec, given);
      if (problem) problems.push(`${where}: input '${input}' ${problem}`);
    }
  }
  for (const known of task.azure.inputs.values())
    if (known.required && (step.inputs[known.name] ?? "").trim() === "")
      problems.push(`${where}: ${task.azure.name} needs input '${known.name}'`);
  const missing = missingRequired(task, catalog, (input) =>
    [...task.azure.inputs.values()].some((each) => each.spec === input && (step.inputs[each.name] ?? "").trim() !== ""),
  );
  for (const input of missing)
    if (!task.azure.inputs.get(input)?.required)
      problems.push(`${where}: ${task.azure.name} needs input '${input}' (or mlgate.yml)`);
  return step;
}

function outputsOf(step: Step): Set<string> | undefined {
  if (step.task) return new Set(step.task.azure.outputs.keys());
  if (step.script !== undefined) return new Set(step.sets.filter((each) => each.output).map((each) => each.name));
  return undefined; // another task: its outputs are not known here
}

/** `<step>.<var>` of a job: the step exists and sets that output variable. */
function checkOutput(
  job: Job | undefined,
  reference: string,
  where: string,
  problems: string[],
  before?: number,
): void {
  const [stepName = "", variable = "", extra] = reference.split(".");
  if (!job) return;
  if (extra !== undefined || variable === "") {
    problems.push(`${where}: '${reference}' is not <step>.<variable>`);
    return;
  }
  const step = job.steps.find((each) => each.name === stepName && (before === undefined || each.index < before));
  if (!step) {
    problems.push(
      `${where}: job '${job.name}' has no ${before === undefined ? "" : "earlier "}step named '${stepName}'`,
    );
    return;
  }
  const outputs = outputsOf(step);
  if (outputs && !outputs.has(variable))
    problems.push(
      `${where}: step '${stepName}' sets no output variable '${variable}' (it sets: ${[...outputs].join(", ") || "none"})`,
    );
}

function stageOf(pipeline: Pipeline, name: string): Stage | undefined {
  return pipeline.stages.get(name);
}

/** stageDependencies.<stage>.<job>.outputs['<step>.<var>'] and dependencies.<…>.outputs['…'] in one expression. */
function checkDependencyReferences(
  expression: string,
  context: { pipeline: Pipeline; stage: Stage; job?: Job },
  where: string,
  problems: string[],
): void {
  const { pipeline, stage, job } = context;
  for (const [, stageName = "", jobName = "", reference = ""] of expression.matchAll(
    /\bstageDependencies\.(\w+)\.(\w+)\.outputs\['([^']+)'\]/g,
  )) {
    if (!job) {
      problems.push(
        `${where}: stageDependencies is for jobs; a stage reads dependencies.<stage>.outputs['<job>.<step>.<var>']`,
      );
      continue;
    }
    const other = stageOf(pipeline, stageName);
    if (!other) problems.push(`${where}: no stage '${stageName}'`);
    else if (!stage.dependsOn.includes(stageName))
      problems.push(`${where}: stage '${stage.name}' does not depend on '${stageName}'`);
    else if (!other.jobs.has(jobName)) problems.push(`${where}: stage '${stageName}' has no job '${jobName}'`);
    else checkOutput(other.jobs.get(jobName), reference, where, problems);
  }
  for (const [, name = "", reference = ""] of expression.matchAll(/\bdependencies\.(\w+)\.outputs\['([^']+)'\]/g)) {
    if (!job) {
      // a stage's condition or variables: dependencies.<stage>.outputs['<job>.<step>.<var>']
      const other = stageOf(pipeline, name);
      const [jobName = "", ...rest] = reference.split(".");
      if (!other) problems.push(`${where}: no stage '${name}'`);
      else if (!stage.dependsOn.includes(name))
        problems.push(`${where}: stage '${stage.name}' does not depend on '${name}'`);
      else if (!other.jobs.has(jobName)) problems.push(`${where}: stage '${name}' has no job '${jobName}'`);
      else checkOutput(other.jobs.get(jobName), rest.join("."), where, problems);
    } else {
      // a job's condition or variables: dependencies.<job>.outputs['<step>.<var>'], same stage
      const other = stage.jobs.get(name);
      if (!other) problems.push(`${where}: stage '${stage.name}' has no job '${name}'`);
      else if (!job.dependsOn.includes(name)) problems.push(`${where}: job '${job.name}' does not depend on '${name}'`);
      else checkOutput(other, reference, where, problems);
    }
  }
}

/**
 * The task output a macro reads: `$(step.var)` of the job, or a variable set to another job's
 * output (`$[ stageDependencies.<stage>.<job>.outputs['<step>.<var>'] ]`, or `dependencies.<job>…`
 * within the stage); `variable <name>` for any other variable.
 */
function producer(reference: string, context: { pipeline: Pipeline; stage: Stage; job: Job }): string | undefined {
  const { pipeline, stage, job } = context;
  const describe = (owner: Job | undefined, output: string) => {
    const [stepName, variable = ""] = output.split(".");
    const step = owner?.steps.find((each) => each.name === stepName);
    return step?.task
      ? `${step.task.spec.name}.${step.task.azure.outputs.get(variable) ?? variable}`
      : `step ${output}`;
  };
  if (reference.includes(".")) return describe(job, reference);
  const defined =
    job.variables.get(reference) ?? stage.variables.get(reference) ?? pipeline.variables.get(reference) ?? "";
  const across = /^\$\[\s*stageDependencies\.(\w+)\.(\w+)\.outputs\['([^']+)'\]\s*\]$/.exec(defined.trim());
  if (across) return describe(stageOf(pipeline, across[1] ?? "")?.jobs.get(across[2] ?? ""), across[3] ?? "");
  const within = /^\$\[\s*dependencies\.(\w+)\.outputs\['([^']+)'\]\s*\]$/.exec(defined.trim());
  if (within) return describe(stage.jobs.get(within[1] ?? ""), within[2] ?? "");
  return `variable ${reference}`;
}

/** The macros of a value that may carry a task output: all but predefined variables ($(Pipeline.Workspace)). */
function outputMacros(value: string): RegExpMatchArray[] {
  return [...value.matchAll(/\$\(([\w.]+)\)/g)].filter(
    (match) => !PREDEFINED.has((match[1] ?? "").split(".")[0]?.toLowerCase() ?? ""),
  );
}

/** A stage whose steps never run for a fork's pull request: its condition says so, or it runs only after one that does. */
function excludesForks(pipeline: Pipeline, stage: Stage, seen = new Set<string>()): boolean {
  const condition = text(stage.node.condition);
  if (condition && (NOT_FORK.test(condition) || MAIN_ONLY.test(condition))) return true;
  if (condition && !condition.includes("succeeded()")) return false;
  return stage.dependsOn.some((name) => {
    const other = stageOf(pipeline, name);
    return other !== undefined && !seen.has(name) && excludesForks(pipeline, other, new Set([...seen, name]));
  });
}

function checkPipeline(pipeline: Pipeline, pipelines: readonly Pipeline[], root: string, problems: string[]): void {
  const { file, doc } = pipeline;
  for (const key of ["trigger", "pr"]) {
    for (const entry of names(node(node(doc[key]).paths).include)) {
      const problem = pathFilterProblem(root, entry);
      if (problem) problems.push(`${file}: ${key}.paths ${problem}`);
    }
  }
  for (const [at, value] of scalars(doc)) {
    for (const [, kind = "", name = ""] of value.matchAll(/\$\{\{\s*(variables|parameters)\.(\w+)\s*\}\}/g)) {
      const known = kind === "variables" ? pipeline.variables.has(name) : pipeline.parameters.has(name);
      if (!known) problems.push(`${file}: ${at} reads ${kind}.${name}, which the pipeline does not define at the top`);
    }
    if (/\$\(\s*secret|\bsecrets?\./i.test(value))
      problems.push(`${file}: ${at} reads a secret; use the service connection`);
  }

  let hasMonitor = false;
  for (const stage of pipeline.stages.values()) {
    for (const name of stage.dependsOn)
      if (!pipeline.stages.has(name)) problems.push(`${stage.where}: depends on '${name}', which is no stage here`);
    const condition = text(stage.node.condition);
    if (condition) checkDependencyReferences(condition, { pipeline, stage }, `${stage.where} › condition`, problems);
    for (const [name, value] of stage.variables)
      checkDependencyReferences(value, { pipeline, stage }, `${stage.where} › variables.${name}`, problems);
    const forkFree = !pipeline.pullRequests || excludesForks(pipeline, stage);

    for (const job of stage.jobs.values()) {
      for (const name of job.dependsOn)
        if (!stage.jobs.has(name)) problems.push(`${job.where}: depends on '${name}', which is no job of the stage`);
      const jobCondition = text(job.node.condition);
      if (jobCondition)
        checkDependencyReferences(jobCondition, { pipeline, stage, job }, `${job.where} › condition`, problems);
      for (const [name, value] of job.variables)
        checkDependencyReferences(value, { pipeline, stage, job }, `${job.where} › variables.${name}`, problems);

      for (const step of job.steps) {
        checkMacros(step, job, stage, pipeline, problems);
        if (step.script !== undefined) {
          if (step.script.includes("${{"))
            problems.push(
              `${step.where}: the script interpolates \${{ }} into its text; pass the value through env: (script injection)`,
            );
          for (const [, reference = ""] of step.script.matchAll(/\$\(([\w.]+)\)/g))
            if (job.steps.some((each) => each.name === reference.split(".")[0]))
              problems.push(
                `${step.where}: the script interpolates the output $(${reference}) into its text; pass it through env:`,
              );
        }
        if (!step.task) continue;
        const spec = step.task.spec.name;
        for (const [input, value] of Object.entries(step.inputs)) {
          const specName = step.task.azure.inputs.get(input)?.spec?.name;
          if (FILE_INPUTS.has(input))
            for (const each of literalFiles(value))
              if (!existsSync(path.join(root, each)))
                problems.push(`${step.where}: input '${input}' names '${each}', which the example does not have`);
          const rule = specName ? WIRING[`${spec}.${specName}`] : undefined;
          if (!rule) continue;
          const macros = outputMacros(value);
          const whole = macros.length === 1 && macros[0]?.[0] === value.trim();
          const problem = wiringProblem(
            rule,
            macros.map((macro) => producer(macro[1] ?? "", { pipeline, stage, job })),
            whole,
          );
          if (problem) problems.push(`${step.where}: input '${input}' ${problem} (got '${value.trim()}')`);
        }
        const connection = step.inputs.azureSubscription;
        if (connection !== undefined) {
          if (connection.includes("$("))
            problems.push(
              `${step.where}: azureSubscription is resolved when the pipeline is compiled: use \${{ variables.… }} or the name, not $(…)`,
            );
          if (!forkFree)
            problems.push(
              `${step.where}: uses the service connection in a stage a fork's pull request can run (condition: ne(variables['System.PullRequest.IsFork'], 'True'))`,
            );
        }
        const registry = step.inputs.registry;
        if (!forkFree && registry !== undefined && /:\/\/|\$\(/.test(registry))
          problems.push(
            `${step.where}: a fork's build can run this stage, so its registry must be a local folder, not '${registry}'`,
          );
        if (spec === "deploy") {
          if (!job.deployment || job.node.environment === undefined)
            problems.push(`${step.where}: deploy belongs in a deployment job with an environment (its approval check)`);
          if (!MAIN_ONLY.test(condition ?? "") || !/'promote'/.test(condition ?? ""))
            problems.push(`${stage.where}: deploys without a condition on main and on the verdict 'promote'`);
        }
        if (spec === "register" && pipeline.pullRequests && !MAIN_ONLY.test(condition ?? ""))
          problems.push(`${stage.where}: registers on pull request builds too; condition it on main`);
        if (spec === "monitor-drift") {
          hasMonitor = true;
          checkRetrainTrigger(step, pipeline, pipelines, problems);
        }
      }
    }
  }
  if (hasMonitor) {
    const schedules = list(doc.schedules).map(node);
    if (!schedules.some((schedule) => schedule.always === true))
      problems.push(`${file}: monitor-drift needs a schedule with always: true (the logs change, the code does not)`);
  }
}

function checkMacros(step: Step, job: Job, stage: Stage, pipeline: Pipeline, problems: string[]): void {
  for (const [at, value] of scalars(step.node)) {
    for (const [, reference = ""] of value.matchAll(/\$\(([\w.]+)\)/g)) {
      const where = `${step.where} › ${at}`;
      const [head = ""] = reference.split(".");
      if (reference.includes(".")) {
        if (job.steps.some((each) => each.name === head)) checkOutput(job, reference, where, problems, step.index);
        else if (!PREDEFINED.has(head.toLowerCase()))
          problems.push(`${where}: $(${reference}) is neither an earlier step's output nor a predefined variable`);
        continue;
      }
      const setEarlier = job.steps
        .slice(0, step.index)
        .some((each) => each.sets.some((set) => set.name === reference && !set.output));
      const defined =
        job.variables.has(reference) || stage.variables.has(reference) || pipeline.variables.has(reference);
      if (!defined && !setEarlier) problems.push(`${where}: $(${reference}) is defined nowhere in scope`);
    }
  }
}

/** monitor-drift's trigger on Azure Pipelines queues another pipeline, which must take the parameters it sends. */
function checkRetrainTrigger(step: Step, pipeline: Pipeline, pipelines: readonly Pipeline[], problems: string[]): void {
  const raw = step.inputs.trigger;
  if (raw === undefined) return;
  const resolved = raw.replace(/\$\((\w+)\)/g, (whole, name: string) => pipeline.variables.get(name) ?? whole);
  let target: ReturnType<typeof parseTrigger>;
  try {
    target = parseTrigger(resolved, "trigger");
  } catch (error) {
    problems.push(`${step.where}: ${(error as Error).message}`);
    return;
  }
  if (target?.kind !== "azure-pipelines") {
    problems.push(`${step.where}: on Azure Pipelines the retrain trigger is azure-pipelines:<id>, not '${raw}'`);
    return;
  }
  const takes = pipelines.some(
    (other) =>
      other !== pipeline &&
      declaredInputs.every((name) => {
        const parameter = other.parameters.get(name);
        return parameter !== undefined && (text(parameter.default) ?? "") !== "";
      }),
  );
  if (!takes)
    problems.push(
      `${step.where}: no other pipeline here declares the parameters ${declaredInputs.join(", ")} (with non-empty defaults) that the trigger sends`,
    );
}
