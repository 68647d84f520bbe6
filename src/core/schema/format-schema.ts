/** Writes a schema as the YAML of schema.yml, defaults left out except presence, the number a reviewer tunes. */
import { Document, type YAMLMap, type YAMLSeq } from "yaml";
import { isoDate } from "./describe.js";
import type { Bounds, ColumnSchema, Schema } from "./schema.js";

const HEADER = [
  " Data schema for mlgate validate-data, inferred from a profile of one dataset.",
  " Review it before checking it in: it only states what that data showed, and every",
  " expectation here fails the build when new data breaks it. Format: docs/schema.md",
].join("\n");

export function formatSchema(schema: Schema): string {
  const doc = new Document();
  const flow = (value: unknown) => {
    const node = doc.createNode(value) as YAMLMap | YAMLSeq;
    node.flow = true;
    return node;
  };
  const columns = new Map<string, Record<string, unknown>>();
  for (const [name, column] of schema.columns) columns.set(name, columnEntries(column, flow));
  const top: Record<string, unknown> = { version: schema.version };
  if (schema.rows) top.rows = flow(schema.rows);
  top.columns = columns;
  doc.contents = doc.createNode(top);
  doc.commentBefore = HEADER;
  return doc.toString({ flowCollectionPadding: false });
}

function columnEntries(column: ColumnSchema, flow: (value: unknown) => unknown): Record<string, unknown> {
  const entries: Record<string, unknown> = { type: column.type };
  if (!column.required) entries.required = false;
  entries.presence = column.presence;
  if (column.range) entries.range = flow(column.type === "date" ? dateBounds(column.range) : column.range);
  if (column.nan) entries.nan = true;
  if (column.infinity) entries.infinity = true;
  if (column.unique) entries.unique = true;
  if (column.domain) {
    const { values, minMass } = column.domain;
    entries.domain = minMass === 1 ? { values: flow(values) } : { values: flow(values), "min-mass": minMass };
  }
  if (column.pattern !== undefined) entries.pattern = column.pattern;
  return entries;
}

function dateBounds(bounds: Bounds): Record<string, string> {
  const dates: Record<string, string> = {};
  if (bounds.min !== undefined) dates.min = isoDate(bounds.min);
  if (bounds.max !== undefined) dates.max = isoDate(bounds.max);
  return dates;
}
