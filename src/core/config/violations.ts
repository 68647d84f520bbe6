/** Turns a JSON Schema violation into the one-line InputError: where, what is wrong, and the fix. */
import type { ErrorObject } from "ajv";
import { InputError } from "../errors.js";
import { closest } from "./closest.js";
import { type ConfigSource, keyPath, locate } from "./source.js";

/** Ajv reports the failing branches of an `anyOf` before the `anyOf` itself: the latter is the one to show. */
export function violationError(source: ConfigSource, errors: readonly ErrorObject[]): InputError {
  const error = errors.find((candidate) => candidate.keyword === "anyOf") ?? errors[0];
  if (!error) return new InputError("does not match the mlgate.yml schema", { file: source.file });
  const segments = pointerSegments(error.instancePath);
  const params = error.params as Record<string, unknown>;

  switch (error.keyword) {
    case "additionalProperties": {
      const unknown = String(params.additionalProperty);
      const allowed = Object.keys((error.parentSchema?.properties as object | undefined) ?? {});
      return new InputError(
        unknownKeyProblem(segments, unknown),
        locate(source, [...segments, unknown], "key"),
        unknownKeyFix(segments, unknown, allowed),
      );
    }
    case "required": {
      const missing = String(params.missingProperty);
      const where = { ...locate(source, segments), key: keyPath([...segments, missing]) };
      const fix = missing === "version" ? "add `version: 1` as the first line" : `add \`${missing}:\``;
      return new InputError("is missing", where, fix);
    }
    case "type":
      return typeError(source, segments, String(params.type).split(","));
    case "anyOf": {
      const types = errors.filter((other) => other.keyword === "type").map((other) => String(other.params.type));
      return typeError(source, segments, types.join(",").split(","));
    }
    case "const":
      return new InputError(
        `must be ${JSON.stringify(params.allowedValue)}`,
        locate(source, segments),
        segments.join(".") === "version" ? "this mlgate understands `version: 1`" : undefined,
      );
    case "enum": {
      const options = (params.allowedValues as unknown[]).map(String);
      const suggestion = typeof error.data === "string" ? closest(error.data, options) : undefined;
      return new InputError(
        `must be one of: ${options.join(", ")}`,
        locate(source, segments),
        suggestion ? `did you mean '${suggestion}'?` : `use one of: ${options.join(", ")}`,
      );
    }
    default:
      return new InputError(error.message ?? "is not valid", locate(source, segments), "see schema/mlgate.schema.json");
  }
}

function unknownKeyProblem(segments: string[], unknown: string): string {
  if (segments.length === 0) return `unknown top-level key '${unknown}'`;
  if (keyPath(segments) === "tasks") return `unknown task '${unknown}'`;
  return `'${unknown}' is not a setting mlgate.yml can hold here`;
}

function unknownKeyFix(segments: string[], unknown: string, allowed: string[]): string {
  const suggestion = closest(unknown, allowed);
  const list = allowed.length > 0 ? `allowed: ${allowed.join(", ")}` : "nothing can be set here";
  const inInputsSection = segments[0] === "defaults" || (segments[0] === "tasks" && segments.length === 2);
  const inputsElsewhere = inInputsSection
    ? "; other inputs are given in the workflow, pipeline or on the command line"
    : "";
  return `${suggestion ? `did you mean '${suggestion}'? ` : ""}${list}${inputsElsewhere}`;
}

const TYPE_WORDS: Record<string, { problem: string; fix: string }> = {
  object: { problem: "a mapping of keys to values", fix: "write `key: value` pairs indented under it" },
  array: { problem: "a list", fix: "write one `- item` per line" },
  string: { problem: "text", fix: "quote it if YAML reads it as something else" },
  boolean: { problem: "true or false", fix: "write true or false, without quotes" },
  integer: { problem: "a whole number", fix: "write the number without quotes" },
  number: { problem: "a number", fix: "write the number without quotes" },
};

function typeError(source: ConfigSource, segments: string[], types: string[]): InputError {
  const words = [...new Set(types)].map((type) => TYPE_WORDS[type] ?? { problem: type, fix: `write ${type}` });
  const problem = `must be ${words.map((word) => word.problem).join(" or ")}`;
  return new InputError(problem, locate(source, segments), words[0]?.fix);
}

/** RFC 6901: `/tasks/register/a~1b` → `["tasks", "register", "a/b"]`. */
function pointerSegments(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((segment) => segment.replaceAll("~1", "/").replaceAll("~0", "~"));
}
