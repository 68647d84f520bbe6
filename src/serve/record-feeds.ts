/** `POST /predict`: a JSON array of records (or `{"records": [...]}`) into the model's feeds. */
import { allocateValues, type FeedValues, setValue } from "./feed-values.js";
import { badRequest } from "./request-error.js";
import type { RecordLayout, ServedInput } from "./served-inputs.js";

export interface RecordFeeds {
  rows: number;
  feeds: Map<string, FeedValues>;
}

export function recordsOf(body: unknown): Record<string, unknown>[] {
  const records = Array.isArray(body) ? body : (body as { records?: unknown } | null)?.records;
  if (!Array.isArray(records)) {
    throw badRequest('the body must be a JSON array of records, or {"records": [...]}');
  }
  if (records.length === 0) throw badRequest("records: the array is empty; send at least one record");
  for (let i = 0; i < records.length; i++) {
    const record = records[i];
    if (record === null || typeof record !== "object" || Array.isArray(record)) {
      throw badRequest(`records[${i}]: expected an object of column values`);
    }
  }
  return records as Record<string, unknown>[];
}

export function recordFeeds(
  records: readonly Record<string, unknown>[],
  inputs: readonly ServedInput[],
  layout: Exclude<RecordLayout, { kind: "none" }>,
): RecordFeeds {
  const rows = records.length;
  const feeds = new Map<string, FeedValues>();
  if (layout.kind === "single-tensor") {
    const input = inputs[0] as ServedInput;
    const width = layout.fields.length;
    const values = allocateValues(input.elemType, rows * width);
    for (let i = 0; i < rows; i++) {
      const record = records[i] as Record<string, unknown>;
      for (let j = 0; j < width; j++) {
        const field = layout.fields[j] as string;
        setValue(values, input.elemType, i * width + j, record[field], () => fieldName(i, field));
      }
    }
    feeds.set(input.name, values);
    return { rows, feeds };
  }
  for (const input of inputs) {
    const values = allocateValues(input.elemType, rows);
    const name = input.name;
    for (let i = 0; i < rows; i++) {
      setValue(values, input.elemType, i, (records[i] as Record<string, unknown>)[name], () => fieldName(i, name));
    }
    feeds.set(name, values);
  }
  return { rows, feeds };
}

function fieldName(row: number, field: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(field) ? `records[${row}].${field}` : `records[${row}][${JSON.stringify(field)}]`;
}
