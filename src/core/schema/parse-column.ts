/** Reads one column's expectations, refusing settings that do not apply to its type. */
import { closest } from "../config/closest.js";
import { parseDateTimeText } from "../profile/cell-parsing.js";
import { COLUMN_TYPES, type ColumnType } from "../profile/index.js";
import { readBounds } from "./parse-bounds.js";
import { type ColumnSchema, type Domain, type DomainValue, defaultPresence } from "./schema.js";
import type { Path, YamlFields } from "./yaml-fields.js";

const COLUMN_KEYS = ["type", "required", "presence", "range", "nan", "infinity", "unique", "domain", "pattern"];

const APPLIES_TO: Readonly<Record<string, readonly ColumnType[]>> = {
  range: ["integer", "float", "date"],
  nan: ["float"],
  infinity: ["float"],
  domain: ["string", "boolean", "integer"],
  pattern: ["string"],
};

export function readColumn(fields: YamlFields, value: unknown, path: Path): ColumnSchema {
  const entries = fields.mapping(value, path, COLUMN_KEYS);
  const type = readType(fields, entries.type, [...path, "type"]);
  for (const [key, types] of Object.entries(APPLIES_TO)) {
    if (entries[key] !== undefined && !types.includes(type)) {
      const problem = `'${key}' applies to ${listOf(types)} columns, not ${type}`;
      fields.fail([...path, key], problem, "remove it, or change the column's type", "key");
    }
  }
  const setting = (key: string) => [...path, key];
  const flag = (key: string, fallback: boolean) =>
    entries[key] === undefined ? fallback : fields.boolean(entries[key], setting(key));
  const required = flag("required", true);
  const column: ColumnSchema = {
    type,
    required,
    presence:
      entries.presence === undefined
        ? defaultPresence(required)
        : fields.fraction(entries.presence, setting("presence")),
    nan: flag("nan", false),
    infinity: flag("infinity", false),
    unique: flag("unique", false),
  };
  if (entries.range !== undefined) {
    const read = type === "date" ? readDate : readNumber;
    column.range = readBounds(fields, entries.range, setting("range"), (v, at) => read(fields, v, at));
  }
  if (entries.domain !== undefined) column.domain = readDomain(fields, entries.domain, setting("domain"), type);
  if (entries.pattern !== undefined) column.pattern = readPattern(fields, entries.pattern, setting("pattern"));
  return column;
}

function listOf(words: readonly string[]): string {
  return words.length === 1 ? (words[0] as string) : `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
}

function readType(fields: YamlFields, value: unknown, path: Path): ColumnType {
  const types: readonly string[] = COLUMN_TYPES;
  if (typeof value === "string" && types.includes(value)) return value as ColumnType;
  const suggestion = typeof value === "string" ? closest(value, types) : undefined;
  const problem = value === undefined ? "is missing" : `must be one of: ${types.join(", ")}`;
  return fields.fail(
    path,
    problem,
    suggestion ? `did you mean '${suggestion}'?` : `write \`type: <${types.join("|")}>\``,
  );
}

function readNumber(fields: YamlFields, value: unknown, path: Path): number {
  return fields.number(value, path);
}

function readDate(fields: YamlFields, value: unknown, path: Path): number {
  const time = typeof value === "string" ? parseDateTimeText(value) : undefined;
  if (time !== undefined) return time;
  return fields.fail(path, "must be an ISO 8601 date", 'write e.g. "2024-01-31" or "2024-01-31T12:00:00Z"');
}

function readDomain(fields: YamlFields, value: unknown, path: Path, type: ColumnType): Domain {
  const entries = fields.mapping(value, path, ["values", "min-mass"]);
  const valuesPath = [...path, "values"];
  const values = fields
    .list(entries.values, valuesPath)
    .map((item, index) => readDomainValue(fields, item, [...valuesPath, String(index)], type));
  const minMass = entries["min-mass"] === undefined ? 1 : fields.fraction(entries["min-mass"], [...path, "min-mass"]);
  return { values, minMass };
}

function readDomainValue(fields: YamlFields, value: unknown, path: Path, type: ColumnType): DomainValue {
  if (type === "boolean") return fields.boolean(value, path);
  if (type === "string") return fields.text(value, path);
  if (Number.isSafeInteger(value)) return value as number;
  return fields.fail(path, "must be a whole number", "write the integer value without quotes");
}

function readPattern(fields: YamlFields, value: unknown, path: Path): string {
  const pattern = fields.text(value, path);
  try {
    new RegExp(pattern, "u");
  } catch (error) {
    const reason = (error as Error).message.replace(/^Invalid regular expression: /, "");
    fields.fail(
      path,
      `is not a valid regular expression: ${reason}`,
      "fix it (JavaScript syntax, u flag); quote it in YAML",
    );
  }
  return pattern;
}
