/**
 * Checks a recorded request against GitHub's published OpenAPI description (@octokit/openapi): the
 * method and path are a documented operation, path and query parameters are documented and valid,
 * and the JSON body validates against the operation's requestBody schema ($refs resolved).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv } from "ajv";
import type { RecordedRequest } from "./fake-github-api.js";

interface Schema {
  [keyword: string]: unknown;
}
interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema: Schema;
}
interface Operation {
  operationId: string;
  parameters?: (Parameter | { $ref: string })[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: { parameters: Record<string, Parameter> };
}

const description = createRequire(import.meta.url).resolve("@octokit/openapi/generated/api.github.com.json");
const openApi = JSON.parse(readFileSync(description, "utf8")) as OpenApi;
const documentId = "api.github.com.json";
// OpenAPI 3.0 schemas carry keywords (nullable, example, x-github…) and formats that are not JSON Schema's
const ajv = new Ajv({ strict: false, allErrors: true, logger: false, coerceTypes: false });
ajv.addSchema(openApi as unknown as Schema, documentId);

const routes = Object.keys(openApi.paths).map((template) => {
  const names: string[] = [];
  const pattern = template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\\?\{([^}]+)\\?\}/g, (_, name: string) => {
    names.push(name);
    return "([^/]+)";
  });
  return {
    template,
    names,
    regex: new RegExp(`^${pattern}$`),
    literals: template.split("/").filter((s) => !s.startsWith("{")).length,
  };
});

/** The operation a request calls, e.g. `issues/create-comment`; undefined when GitHub documents none. */
export function operationOf(request: Pick<RecordedRequest, "method" | "path">): string | undefined {
  return match(request)?.operation.operationId;
}

/** Every way the request departs from the description; empty when it conforms. */
export function openApiProblems(request: RecordedRequest): string[] {
  const found = match(request);
  const at = `${request.method} ${request.path}`;
  if (!found) return [`${at}: no documented operation`];
  const { operation, template, pathValues } = found;
  const problems: string[] = [];
  const parameters = (operation.parameters ?? []).map(resolveParameter);
  for (const [name, value] of Object.entries(pathValues)) {
    const parameter = parameters.find((p) => p.in === "path" && p.name === name);
    if (!parameter) problems.push(`${at}: path parameter '${name}' is not documented`);
    else
      problems.push(...validate(parameter.schema, coerce(value, parameter.schema), `${at}: path parameter '${name}'`));
  }
  for (const [name, value] of Object.entries(request.query)) {
    const parameter = parameters.find((p) => p.in === "query" && p.name === name);
    if (!parameter) problems.push(`${at}: query parameter '${name}' is not documented`);
    else
      problems.push(...validate(parameter.schema, coerce(value, parameter.schema), `${at}: query parameter '${name}'`));
  }
  const method = request.method.toLowerCase();
  const json = operation.requestBody?.content["application/json"];
  if (request.body !== undefined && !json) problems.push(`${at}: ${operation.operationId} takes no JSON body`);
  if (json && request.body === undefined) problems.push(`${at}: ${operation.operationId} needs a JSON body`);
  if (json && request.body !== undefined) {
    const pointer = `${documentId}#/paths/${escapePointer(template)}/${method}/requestBody/content/application~1json/schema`;
    const check = ajv.getSchema(pointer);
    if (!check) throw new Error(`cannot compile ${pointer}`);
    if (!check(request.body)) {
      problems.push(...(check.errors ?? []).map((e) => `${at}: body${e.instancePath} ${e.message ?? "is invalid"}`));
    }
  }
  return problems;
}

function match(request: Pick<RecordedRequest, "method" | "path">) {
  const method = request.method.toLowerCase();
  const candidates = routes
    .map((route) => ({ route, values: route.regex.exec(request.path) }))
    .filter(({ route, values }) => values && openApi.paths[route.template]?.[method])
    .sort((a, b) => b.route.literals - a.route.literals);
  const best = candidates[0];
  if (!best?.values) return undefined;
  const values = best.values;
  const pathValues = Object.fromEntries(
    best.route.names.map((name, i) => [name, decodeURIComponent(values[i + 1] ?? "")]),
  );
  const operation = openApi.paths[best.route.template]?.[method] as Operation;
  return { operation, template: best.route.template, pathValues };
}

function resolveParameter(parameter: Parameter | { $ref: string }): Parameter {
  if (!("$ref" in parameter)) return parameter;
  const name = parameter.$ref.replace("#/components/parameters/", "");
  const resolved = openApi.components.parameters[name];
  if (!resolved) throw new Error(`unresolvable ${parameter.$ref}`);
  return resolved;
}

/** Query and path values arrive as text; the schema says what they mean. */
function coerce(value: string, schema: Schema): unknown {
  return schema.type === "integer" || schema.type === "number" ? Number(value) : value;
}

function validate(schema: Schema, value: unknown, label: string): string[] {
  const check = ajv.compile(schema);
  return check(value) ? [] : (check.errors ?? []).map((e) => `${label} ${e.message ?? "is invalid"}`);
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}
