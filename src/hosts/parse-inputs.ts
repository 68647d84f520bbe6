/**
 * Turns raw input strings (INPUT_* variables, task-lib inputs, CLI flags) into typed task inputs,
 * by the spec. Precedence: the host's input, then mlgate.yml, then the spec's default.
 */
import path from "node:path";
import { InputError } from "../core/errors.js";
import type { InputSpec, Inputs, InputValue, TaskSpec } from "../tasks/spec.js";

/** Where a host's raw inputs come from; an empty string counts as not given (as on GitHub). */
export type RawInputs = (name: string) => string | undefined;

export interface ParseOptions {
  workspace: string;
  /** values from mlgate.yml for this task (already merged: task section over defaults) */
  configured?: Readonly<Record<string, unknown>>;
  /** how the host names an input in messages: `--model`, `input 'model'` */
  label: (name: string) => string;
  mask: (secret: string) => void;
}

const truthy = new Set(["true", "yes", "1", "on"]);
const falsy = new Set(["false", "no", "0", "off"]);

export function parseInputs(spec: TaskSpec, raw: RawInputs, options: ParseOptions): Inputs {
  const parsed: Record<string, InputValue> = {};
  for (const input of spec.inputs) {
    const given = nonEmpty(raw(input.name));
    const configured = input.configurable ? options.configured?.[input.name] : undefined;
    const text = given ?? (configured === undefined ? undefined : configValueAsText(configured)) ?? input.default;
    if (text === undefined) {
      if (input.required) {
        throw new InputError(
          `${options.label(input.name)} is required`,
          { key: input.name },
          `set it: ${input.description}`,
        );
      }
      continue;
    }
    if (input.secret) options.mask(text);
    parsed[input.name] = convert(input, text, options);
  }
  return parsed;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

function configValueAsText(value: unknown): string {
  if (Array.isArray(value)) return value.join("\n");
  return typeof value === "object" && value !== null ? JSON.stringify(value) : String(value);
}

function convert(input: InputSpec, text: string, options: ParseOptions): InputValue {
  const bad = (expected: string) =>
    new InputError(`${options.label(input.name)} must be ${expected}, got '${input.secret ? "***" : text}'`, {
      key: input.name,
    });
  switch (input.type) {
    case "string":
      return text;
    case "path":
      return path.resolve(options.workspace, text);
    case "boolean": {
      const lower = text.toLowerCase();
      if (truthy.has(lower)) return true;
      if (falsy.has(lower)) return false;
      throw bad("true or false");
    }
    case "integer": {
      if (!/^[+-]?\d+$/.test(text)) throw bad("a whole number");
      return Number(text);
    }
    case "number": {
      const value = Number(text);
      if (!Number.isFinite(value)) throw bad("a number");
      return value;
    }
    case "choice": {
      if (!input.options?.includes(text)) throw bad(`one of ${input.options?.join(", ")}`);
      return text;
    }
    case "list":
      return text
        .split(/[\n,]/)
        .map((item) => item.trim())
        .filter((item) => item !== "");
  }
}
