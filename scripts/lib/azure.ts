/**
 * Azure Pipelines surfaces: tasks/<task>/task.json (one self-contained folder per task, as tfx
 * packages each alone) and the extension manifest vss-extension.json.
 */
import { type AzureHostInputSpec, azureName, azurePipelinesHostInputs } from "../../src/hosts/host-inputs.js";
import type { InputSpec, InputType, TaskSpec } from "../../src/tasks/spec.js";
import { formatLikeBiome } from "./biome.js";
import { inputHelp, label, pascalCase, projectUrl, requiredByHost } from "./describe.js";

export const taskDir = (task: string) => `tasks/${task}`;
/** The handler target, relative to the task folder; `npm run package` builds it. */
export const taskEntry = "dist/index.js";
/** First agent with the Node20_1 handler; agents from 4.265.1 pick Node24. */
const minimumAgentVersion = "3.232.1";
const friendlyNameLimit = 40;

const taskJsonTypes: Readonly<Record<InputType, string>> = {
  string: "string",
  path: "filePath",
  boolean: "boolean",
  integer: "string",
  number: "string",
  choice: "pickList",
  list: "multiLine",
};

const deployTasks = new Set(["register", "deploy"]);

export function renderTaskJson(spec: TaskSpec, id: string, version: string): string {
  if (spec.title.length > friendlyNameLimit) {
    throw new Error(
      `${spec.name}: title '${spec.title}' is longer than ${friendlyNameLimit} characters (Azure Pipelines friendlyName limit)`,
    );
  }
  const [Major, Minor, Patch] = version.split(".").map((part) => Number.parseInt(part, 10));
  const inputs = [...spec.inputs, ...azurePipelinesHostInputs];
  assertDistinctNames(spec.name, inputs);
  assertDistinctNames(spec.name, spec.outputs);
  const handler = { target: taskEntry, argumentFormat: "" };
  return json({
    id,
    name: `Mlgate${pascalCase(spec.name)}`,
    friendlyName: spec.title,
    description: spec.description,
    helpMarkDown: `[Inputs and outputs](${projectUrl}#${spec.name})`,
    category: deployTasks.has(spec.name) ? "Deploy" : "Utility",
    author: "mlgate",
    version: { Major, Minor, Patch },
    minimumAgentVersion,
    instanceNameFormat: spec.title,
    inputs: inputs.map(taskInput),
    outputVariables: spec.outputs.map((output) => ({ name: azureName(output.name), description: output.description })),
    execution: { Node20_1: handler, Node24: handler },
  });
}

export function renderVssExtension(specs: readonly TaskSpec[], version: string, description: string): string {
  const manifest = json({
    manifestVersion: 1,
    id: "mlgate",
    publisher: "mlgate",
    version,
    name: "mlgate",
    description,
    public: false,
    categories: ["Azure Pipelines"],
    tags: ["machine learning", "MLOps", "ONNX", "model registry", "drift"],
    targets: [{ id: "Microsoft.VisualStudio.Services" }],
    icons: { default: "images/icon.png" },
    content: { details: { path: "README.md" } },
    links: { repository: { uri: projectUrl }, support: { uri: `${projectUrl}/issues` } },
    repository: { type: "git", uri: projectUrl },
    files: specs.map((spec) => ({ path: taskDir(spec.name) })),
    contributions: specs.map((spec) => ({
      id: `${spec.name}-task`,
      type: "ms.vss-distributed-task.task",
      targets: ["ms.vss-distributed-task.tasks"],
      properties: { name: taskDir(spec.name) },
    })),
  });
  return formatLikeBiome("vss-extension.json", manifest);
}

function taskInput(input: InputSpec | AzureHostInputSpec) {
  const type = "taskJsonType" in input ? input.taskJsonType : taskJsonTypes[input.type];
  const choices =
    input.type === "choice" && input.options
      ? {
          options: Object.fromEntries(input.options.map((option) => [option, option])),
          properties: { EditableOptions: "False" },
        }
      : {};
  return {
    name: azureName(input.name),
    type,
    label: label(input.name),
    required: requiredByHost(input),
    ...(input.default === undefined ? {} : { defaultValue: input.default }),
    helpMarkDown: inputHelp(input),
    ...choices,
  };
}

/** Names that differ only by dashes would become one Azure name (and a spec input may not shadow a host input). */
function assertDistinctNames(task: string, items: readonly { name: string }[]): void {
  const seen = new Map<string, string>();
  for (const { name } of items) {
    const other = seen.get(azureName(name));
    if (other !== undefined)
      throw new Error(`${task}: '${name}' and '${other}' are both '${azureName(name)}' on Azure Pipelines`);
    seen.set(azureName(name), name);
  }
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
