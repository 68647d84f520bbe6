/**
 * JSON Lines: one object per line, blank lines skipped. Numbers, strings, booleans and null stay
 * as they are; nested objects and arrays become their JSON text. The columns are the keys in the
 * order they first appear, so a later batch may have more names than an earlier one; a key a row
 * lacks is `null`.
 */
import { InputError } from "../errors.js";
import { rowsPerBatch } from "./batch-size.js";
import { jsonErrorOffset } from "./json-syntax.js";
import type { Cell, RecordBatch } from "./table.js";
import { invalidUtf8, utf8Chunks } from "./text-input.js";

const LF = 10;

export interface JsonLinesOptions {
  /** the source's name, for batches and errors */
  file: string;
  /** rows per batch; by default 16384, fewer for wide tables */
  batchRows?: number;
}

export async function* readJsonLines(
  stream: AsyncIterable<Buffer>,
  options: JsonLinesOptions,
): AsyncGenerator<RecordBatch> {
  const { file } = options;
  const batch = new JsonLinesBatch(file, options.batchRows);
  let line = 1;
  /** the current line's bytes from earlier chunks */
  let pending: Buffer[] = [];
  for await (const { bytes, invalidByte } of utf8Chunks(stream, file, "JSON Lines")) {
    let start = 0;
    for (let end = bytes.indexOf(LF); end >= 0; end = bytes.indexOf(LF, start)) {
      const text = pending.length
        ? Buffer.concat([...pending, bytes.subarray(start, end)])
        : bytes.subarray(start, end);
      pending = [];
      batch.add(parseLine(text.toString("utf8"), file, line), line);
      line++;
      start = end + 1;
      if (batch.full) yield batch.take();
    }
    if (start < bytes.length) pending.push(bytes.subarray(start));
    if (invalidByte !== undefined) {
      const column = Buffer.concat(pending).toString("utf8").length + 1;
      throw invalidUtf8(invalidByte, { file, line, column });
    }
  }
  if (pending.length) batch.add(parseLine(Buffer.concat(pending).toString("utf8"), file, line), line);
  if (batch.rows > 0) yield batch.take();
  if (batch.total === 0) throw new InputError("has no rows", { file }, "write one JSON object per line");
}

/** The line's object, undefined for a blank line. */
function parseLine(text: string, file: string, line: number): Record<string, unknown> | undefined {
  if (text.trim() === "") return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const offset = jsonErrorOffset(text);
    throw new InputError(
      offset >= text.length ? "invalid JSON: the line ends too early" : "invalid JSON",
      { file, line, column: Math.max(0, offset) + 1 },
      "write one complete JSON object per line",
    );
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    const found = value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`;
    throw new InputError(
      `the line is ${found}, not a JSON object`,
      { file, line, column: text.length - text.trimStart().length + 1 },
      'write one object per line, such as {"name": "value"}',
    );
  }
  return value as Record<string, unknown>;
}

class JsonLinesBatch {
  private readonly names: string[] = [];
  private readonly indexOf = new Map<string, number>();
  private columns: Cell[][] = [];
  private lines: number[] = [];
  rows = 0;
  total = 0;
  private capacity: number;

  constructor(
    private readonly file: string,
    private readonly requestedRows?: number,
  ) {
    this.capacity = rowsPerBatch(requestedRows, 1);
  }

  get full(): boolean {
    return this.rows >= this.capacity;
  }

  add(object: Record<string, unknown> | undefined, line: number): void {
    if (!object) return;
    for (const key in object) {
      let index = this.indexOf.get(key);
      if (index === undefined) {
        index = this.names.length;
        this.names.push(key);
        this.indexOf.set(key, index);
        this.columns.push(new Array<Cell>(this.rows).fill(null));
        this.capacity = Math.min(this.capacity, rowsPerBatch(this.requestedRows, this.names.length));
      }
      (this.columns[index] as Cell[])[this.rows] = toCell(object[key]);
    }
    this.rows++;
    this.total++;
    this.lines.push(line);
  }

  take(): RecordBatch {
    // a key a row lacks left a hole
    for (const column of this.columns) {
      column.length = this.rows;
      for (let row = 0; row < this.rows; row++) if (column[row] === undefined) column[row] = null;
    }
    const batch: RecordBatch = {
      names: this.names.slice(),
      columns: this.columns,
      rowCount: this.rows,
      lines: Uint32Array.from(this.lines),
      source: this.file,
    };
    this.columns = this.names.map(() => []);
    this.lines = [];
    this.rows = 0;
    this.capacity = rowsPerBatch(this.requestedRows, this.names.length);
    return batch;
  }
}

function toCell(value: unknown): Cell {
  if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
    return value;
  }
  return JSON.stringify(value);
}
