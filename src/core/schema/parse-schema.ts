/** Reads schema.yml: the YAML syntax, then every key and value, refused with file, line and column. */
import { InputError } from "../errors.js";
import { parseStructured, readInputFile } from "../files.js";
import { readBounds } from "./parse-bounds.js";
import { readColumn } from "./parse-column.js";
import { type ColumnSchema, SCHEMA_VERSION, type Schema } from "./schema.js";
import { YamlFields } from "./yaml-fields.js";

const SCHEMA_KEYS = ["version", "rows", "columns"] as const;

/** Reads and checks the schema file; `key` is the input that named it. */
export async function readSchema(file: string, key = "schema"): Promise<Schema> {
  const bytes = await readInputFile(file, key);
  return parseSchema(bytes.toString("utf8"), file);
}

/** Checks the text of a schema file; `file` only names it in messages. */
export function parseSchema(text: string, file: string): Schema {
  const value = parseStructured(text, file, "schema");
  if (value === null || value === undefined) {
    throw new InputError("is empty", { file }, "write `version: 1` and a `columns:` mapping");
  }
  const fields = new YamlFields(text, file);
  const top = fields.mapping(value, [], SCHEMA_KEYS);
  if (top.version !== SCHEMA_VERSION) {
    const problem = top.version === undefined ? "is missing" : `must be ${SCHEMA_VERSION}`;
    fields.fail(["version"], problem, `write \`version: ${SCHEMA_VERSION}\` as the first line`);
  }
  if (top.columns === undefined) fields.fail(["columns"], "is missing", "add `columns:` with one entry per column");
  const columns = new Map<string, ColumnSchema>();
  for (const [name, column] of Object.entries(fields.mapping(top.columns, ["columns"]))) {
    columns.set(name, readColumn(fields, column, ["columns", name]));
  }
  const schema: Schema = { version: SCHEMA_VERSION, columns };
  if (top.rows !== undefined) schema.rows = readBounds(fields, top.rows, ["rows"], (v, path) => fields.count(v, path));
  return schema;
}
