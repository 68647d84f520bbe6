/**
 * Reads a parsed YAML file field by field. Every refusal is the one-line InputError naming the
 * file, the line and column of the offending key or value, and the fix. Positions are looked up
 * only when something is refused.
 */
import { LineCounter, parseDocument } from "yaml";
import { closest } from "../config/closest.js";
import { locate } from "../config/source.js";
import { InputError, type Where } from "../errors.js";
import { isPlainObject } from "../files.js";

export type Path = readonly string[];

export class YamlFields {
  constructor(
    private readonly source: string,
    private readonly file: string,
  ) {}

  /** Refuses the value at `path`, or with `at: "key"` its key. */
  fail(path: Path, problem: string, fix?: string, at: "key" | "value" = "value"): never {
    throw new InputError(problem, this.where(path, at), fix);
  }

  /** A mapping whose keys are all in `keys` (any keys when omitted). */
  mapping(value: unknown, path: Path, keys?: readonly string[]): Record<string, unknown> {
    if (!isPlainObject(value))
      return this.fail(path, "must be a mapping", "write `key: value` pairs indented under it");
    for (const key of Object.keys(value)) {
      if (keys && !keys.includes(key)) {
        const suggestion = closest(key, keys);
        const fix = suggestion ? `did you mean '${suggestion}'?` : `allowed here: ${keys.join(", ")}`;
        this.fail([...path, key], `unknown key '${key}'`, fix, "key");
      }
    }
    return value;
  }

  boolean(value: unknown, path: Path): boolean {
    if (typeof value === "boolean") return value;
    return this.fail(path, "must be true or false", "write true or false, without quotes");
  }

  number(value: unknown, path: Path): number {
    if (typeof value === "number" && Number.isFinite(value)) return value;
    return this.fail(path, "must be a finite number", "write the number without quotes");
  }

  count(value: unknown, path: Path): number {
    if (Number.isSafeInteger(value) && (value as number) >= 0) return value as number;
    return this.fail(path, "must be a whole number, 0 or more", "write the number without quotes");
  }

  fraction(value: unknown, path: Path): number {
    if (typeof value === "number" && value >= 0 && value <= 1) return value;
    return this.fail(path, "must be a fraction from 0 to 1", "write e.g. 0.99 for 99%");
  }

  text(value: unknown, path: Path): string {
    if (typeof value === "string") return value;
    return this.fail(path, "must be text", "quote it if YAML reads it as something else");
  }

  list(value: unknown, path: Path): unknown[] {
    if (Array.isArray(value) && value.length > 0) return value;
    return this.fail(path, "must be a list with at least one item", "write `[a, b]` or one `- item` per line");
  }

  private where(path: Path, at: "key" | "value"): Where {
    const lines = new LineCounter();
    const doc = parseDocument(this.source, { lineCounter: lines });
    return locate({ file: this.file, doc, lines }, path, at);
  }
}
