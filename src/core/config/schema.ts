/**
 * The JSON Schema of mlgate.yml, built from the task specs so that an input's name, type, options,
 * default and description are written once (in its spec). `npm run generate` writes
 * the result to schema/mlgate.schema.json, which editors use for completion and loadConfig validates
 * against.
 */
import type { InputSpec, TaskSpec } from "../../tasks/spec.js";
import { GATES_CONFIG_SCHEMA } from "../evaluate/gates/gates-config.js";
import { SEARCH_CONFIG_SCHEMA } from "../train/search/search-config.js";

export const CONFIG_SCHEMA_ID = "https://raw.githubusercontent.com/mlgate/mlgate/main/schema/mlgate.schema.json";

type JsonSchema = Record<string, unknown>;

export function buildConfigSchema(specs: readonly TaskSpec[]): JsonSchema {
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    $id: CONFIG_SCHEMA_ID,
    title: "mlgate.yml",
    description:
      "mlgate configuration, read from mlgate.yml at the workspace root. Inputs given to a task (workflow, pipeline or command line) override these values. Secrets never belong here: use environment or secret variables.",
    type: "object",
    required: ["version"],
    additionalProperties: false,
    properties: {
      $schema: { type: "string", description: "The JSON Schema this file follows, for editors." },
      version: { title: "Format version", description: "The version of this file's format.", const: 1 },
      registry: {
        title: "Registry",
        type: "string",
        description:
          "Where the registry lives, for every task: a folder path, `file://…`, `az://<container>/<prefix>` or `https://<account>.blob.core.windows.net/<container>/<prefix>`. Shorthand for `defaults.registry`.",
      },
      model: {
        title: "Model",
        type: "object",
        additionalProperties: false,
        required: ["name"],
        properties: {
          name: {
            type: "string",
            description: "The model this repository delivers (e.g. `churn`). Shorthand for `defaults.name`.",
          },
        },
      },
      defaults: {
        title: "Defaults for every task",
        description: "Inputs that apply to every task that has them; a task's own section overrides them.",
        ...inputsObject(configurableInputsOfAll(specs)),
      },
      tasks: {
        title: "Per-task inputs",
        description: "Inputs for one task, by task name; they override `defaults`.",
        type: "object",
        additionalProperties: false,
        properties: Object.fromEntries(specs.map((spec) => [spec.name, taskSection(spec)])),
      },
      gates: GATES_CONFIG_SCHEMA,
      search: SEARCH_CONFIG_SCHEMA,
      schema: {
        title: "Data schema",
        type: "string",
        description: "Path to the data schema file validate-data checks.",
      },
      drift: { title: "Drift", type: "object", description: "Drift monitoring settings for monitor-drift." },
    },
  };
}

function taskSection(spec: TaskSpec): JsonSchema {
  const inputs = new Map(configurableInputs(spec).map((input) => [input.name, inputSchema(input)]));
  return { title: spec.title, description: spec.description, ...inputsObject(inputs) };
}

function inputsObject(inputs: ReadonlyMap<string, JsonSchema>): JsonSchema {
  return { type: "object", additionalProperties: false, properties: Object.fromEntries(inputs) };
}

function configurableInputs(spec: TaskSpec): InputSpec[] {
  return spec.inputs.filter((input) => {
    if (input.configurable && input.secret) {
      throw new Error(`task spec ${spec.name}: input ${input.name} is secret and so cannot be configurable`);
    }
    return input.configurable === true;
  });
}

/** The union over all tasks; an input name whose schema differs between tasks accepts any of them. */
function configurableInputsOfAll(specs: readonly TaskSpec[]): Map<string, JsonSchema> {
  const variants = new Map<string, JsonSchema[]>();
  for (const spec of specs) {
    for (const input of configurableInputs(spec)) {
      const schema = inputSchema(input);
      const known = variants.get(input.name) ?? [];
      if (!known.some((other) => sameValueSchema(other, schema))) known.push(schema);
      variants.set(input.name, known);
    }
  }
  return new Map(
    [...variants].map(([name, [first, ...rest]]) => [
      name,
      rest.length === 0 ? (first as JsonSchema) : { description: first?.description, anyOf: [first, ...rest] },
    ]),
  );
}

function sameValueSchema(a: JsonSchema, b: JsonSchema): boolean {
  const { description: _a, default: _da, ...restA } = a;
  const { description: _b, default: _db, ...restB } = b;
  return JSON.stringify(restA) === JSON.stringify(restB);
}

function inputSchema(input: InputSpec): JsonSchema {
  const schema: JsonSchema = { description: input.description, ...valueSchema(input) };
  if (input.default !== undefined) schema.default = typedDefault(input, input.default);
  return schema;
}

function valueSchema(input: InputSpec): JsonSchema {
  switch (input.type) {
    case "string":
    case "path":
      return { type: "string" };
    case "boolean":
      return { type: "boolean" };
    case "integer":
      return { type: "integer" };
    case "number":
      return { type: "number" };
    case "choice":
      return { enum: [...(input.options ?? [])] };
    case "list":
      // A YAML list, or the same comma- or newline-separated text an input takes.
      return { type: ["array", "string"], items: { type: "string" } };
  }
}

function typedDefault(input: InputSpec, text: string): unknown {
  switch (input.type) {
    case "boolean":
      return text === "true";
    case "integer":
    case "number":
      return Number(text);
    default:
      return text;
  }
}
