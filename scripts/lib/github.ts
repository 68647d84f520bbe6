/**
 * GitHub Actions surfaces: actions/<task>/action.yml, the root action.yml (input `task:`), and the
 * tiny committed entries that call the one shared bundle dist/index.js.
 */
import YAML from "yaml";
import { githubHostInputs } from "../../src/hosts/host-inputs.js";
import type { InputSpec, OutputSpec, TaskSpec } from "../../src/tasks/spec.js";
import { generatedNotice, inputHelp, requiredByHost } from "./describe.js";

export const githubDir = "dist/github";
/** What the runner executes: node24 ships with the runner, so nothing is installed at job time. */
const runtime = "node24";

const icons: Readonly<Record<string, string>> = {
  "validate-data": "check-square",
  train: "cpu",
  "evaluate-against-champion": "bar-chart-2",
  register: "package",
  deploy: "upload-cloud",
  "monitor-drift": "activity",
};

export const actionEntry = (task: string) => `${githubDir}/${task}.js`;
/** The root action's entry: without a task name, runGitHubAction reads the `task` input. */
export const rootEntry = `${githubDir}/root.js`;

export function renderActionYml(spec: TaskSpec): string {
  return yaml({
    name: spec.title,
    description: spec.description,
    author: "mlgate",
    inputs: Object.fromEntries([...spec.inputs, ...githubHostInputs].map((input) => [input.name, actionInput(input)])),
    outputs: Object.fromEntries(spec.outputs.map((output) => [output.name, { description: output.description }])),
    runs: { using: runtime, main: `../../${actionEntry(spec.name)}` },
    branding: { icon: icons[spec.name] ?? "shield", color: "purple" },
  });
}

export function renderRootActionYml(specs: readonly TaskSpec[], description: string): string {
  const names = specs.map((spec) => spec.name);
  const task = {
    description: `The mlgate task to run: one of ${names.map((name) => `\`${name}\``).join(", ")}. The other inputs are those of that task.`,
    required: true,
  };
  const inputs = union(specs, (spec) => spec.inputs).map(([name, uses]) => [name, rootInput(uses)] as const);
  const hostInputs = githubHostInputs.map((input) => [input.name, actionInput(input)] as const);
  const outputs = union(specs, (spec) => spec.outputs).map(([name, uses]) => [name, { description: combined(uses) }]);
  return yaml({
    name: "mlgate",
    description,
    author: "mlgate",
    inputs: Object.fromEntries([["task", task], ...inputs, ...hostInputs]),
    outputs: Object.fromEntries(outputs),
    runs: { using: runtime, main: rootEntry },
    branding: { icon: "shield", color: "purple" },
  });
}

export function renderActionEntry(task: string): string {
  return `// ${generatedNotice}\nimport { runGitHubAction } from "../index.js";\n\nawait runGitHubAction(${JSON.stringify(task)});\n`;
}

export function renderRootEntry(): string {
  return `// ${generatedNotice}\nimport { runGitHubAction } from "../index.js";\n\nawait runGitHubAction();\n`;
}

function actionInput(input: InputSpec) {
  return {
    description: inputHelp(input),
    required: requiredByHost(input),
    ...(input.default === undefined ? {} : { default: input.default }),
  };
}

interface Use<T> {
  task: string;
  item: T;
}

/** Every input (or output) name across the tasks, in first-seen order, with the tasks that use it. */
function union<T extends InputSpec | OutputSpec>(specs: readonly TaskSpec[], items: (spec: TaskSpec) => readonly T[]) {
  const byName = new Map<string, Use<T>[]>();
  for (const spec of specs) {
    for (const item of items(spec)) {
      const uses = byName.get(item.name) ?? [];
      byName.set(item.name, [...uses, { task: spec.name, item }]);
    }
  }
  return [...byName];
}

/** Optional here: whether an input is required depends on the task. A default is kept only when every task agrees. */
function rootInput(uses: readonly Use<InputSpec>[]) {
  const defaults = new Set(uses.map((use) => use.item.default));
  const [only] = defaults;
  if (defaults.size === 1) {
    return { description: combined(uses), required: false, ...(only === undefined ? {} : { default: only }) };
  }
  const each = uses.map(
    (use) => `${use.item.default === undefined ? "none" : `\`${use.item.default}\``} for \`${use.task}\``,
  );
  return { description: `${combined(uses)}\nDefault: ${each.join(", ")}.`, required: false };
}

function combined(uses: readonly Use<InputSpec | OutputSpec>[]): string {
  const help = (item: InputSpec | OutputSpec) => ("type" in item ? inputHelp(item) : item.description);
  const texts = new Set(uses.map((use) => help(use.item)));
  const tasks = uses.map((use) => `\`${use.task}\``).join(", ");
  if (texts.size === 1) return `${[...texts][0]} Used by ${tasks}.`;
  return uses.map((use) => `\`${use.task}\`: ${help(use.item)}`).join("\n");
}

function yaml(value: unknown): string {
  const document = new YAML.Document(value);
  document.commentBefore = ` ${generatedNotice}`;
  return document.toString({ lineWidth: 100 });
}
