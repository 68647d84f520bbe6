/** Reading the small user files tasks take (metrics, params, profiles) with errors that name file, line and column. */
import { readFile } from "node:fs/promises";
import { LineCounter, parseDocument } from "yaml";
import { InputError } from "./errors.js";

export async function readInputFile(file: string, key: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem =
      code === "ENOENT"
        ? `${key} file not found`
        : code === "EISDIR"
          ? "is a folder, not a file"
          : `cannot be read (${code})`;
    throw new InputError(problem, { file }, `check the '${key}' input`);
  }
}

/** JSON or YAML (JSON is YAML 1.2): the parsed value, or an InputError at the offending line and column. */
export function parseStructured(text: string, file: string, key: string): unknown {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { prettyErrors: false, uniqueKeys: true, lineCounter });
  const [first] = document.errors;
  if (first) {
    const { line, col: column } = lineCounter.linePos(first.pos[0]);
    throw new InputError(
      first.message.split("\n")[0] ?? "cannot be parsed",
      { file, line, column, key },
      "fix the syntax",
    );
  }
  return document.toJS();
}

/** A JSON or YAML file that must hold an object (metrics, params, profiles): the object, or one clear error. */
export function parseObject(data: Buffer, file: string, key: string): Record<string, unknown> {
  const parsed = parseStructured(data.toString("utf8"), file, key);
  if (!isPlainObject(parsed)) {
    throw new InputError("must contain an object (key: value pairs)", { file, key }, `check the '${key}' file`);
  }
  return parsed;
}

/** Numeric leaves of a JSON object, flattened with dots: `{ "val": { "auc": 0.9 } }` → `val.auc`. */
export function numericLeaves(value: unknown, prefix = ""): Record<string, number> {
  const found: Record<string, number> = {};
  if (typeof value === "number" && Number.isFinite(value)) {
    found[prefix] = value;
  } else if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const [name, child] of Object.entries(value)) {
      Object.assign(found, numericLeaves(child, prefix ? `${prefix}.${name}` : name));
    }
  }
  return found;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
