/** Reading parsed workflow YAML without trusting its shape: every accessor tolerates the wrong type. */
import { existsSync } from "node:fs";
import path from "node:path";

export type Node = Record<string, unknown>;

export function isNode(value: unknown): value is Node {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function node(value: unknown): Node {
  return isNode(value) ? value : {};
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A scalar as the runner sees it: YAML's `false` and `1000` are the inputs "false" and "1000". */
export function text(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

/** A string or a list of strings (`needs: build`, `needs: [a, b]`, `dependsOn: [A, B]`). */
export function names(value: unknown): string[] {
  if (typeof value === "string") return [value];
  return list(value).flatMap((item) => (typeof item === "string" ? [item] : []));
}

/** Every scalar in a subtree, with a dotted path for messages. */
export function* scalars(value: unknown, at = ""): Generator<[string, string]> {
  const scalar = text(value);
  if (scalar !== undefined) yield [at, scalar];
  else if (Array.isArray(value)) for (const [index, item] of value.entries()) yield* scalars(item, `${at}[${index}]`);
  else if (isNode(value))
    for (const [key, item] of Object.entries(value)) yield* scalars(item, at ? `${at}.${key}` : key);
}

/** A mapping's scalar values as strings (a step's `with:` or `inputs:`). */
export function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, item] of Object.entries(node(value))) {
    const scalar = text(item);
    if (scalar !== undefined) out[key] = scalar;
  }
  return out;
}

/** A `paths:` filter entry names something in the example: the entry itself, or a glob's folder. */
export function pathFilterProblem(root: string, entry: string): string | undefined {
  const literal = entry.replace(/^!/, "").split(/[*?[{]/)[0] ?? "";
  const base = literal.endsWith("/") || literal !== entry.replace(/^!/, "") ? path.dirname(`${literal}x`) : literal;
  if (base === "" || base === ".") return undefined;
  return existsSync(path.join(root, base)) ? undefined : `names '${entry}', and the example has no '${base}'`;
}
