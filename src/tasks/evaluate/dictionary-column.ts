/**
 * A label or slice column gathered across batches: each row's value as a code into the distinct
 * values (−1 where missing), the first line each value was seen on (for messages), and each row as a
 * number (NaN where it is not one) for numeric labels. Codes stop being assigned past
 * MAX_DISTINCT values: a regression target needs only the numbers.
 */
import type { CellColumn, RecordBatch } from "../../core/data/table.js";
import { parseNumberText } from "../../core/profile/cell-parsing.js";
import { cellText } from "../../core/profile/typed-column.js";

export const MAX_DISTINCT = 10_000;

export interface SeenAt {
  file: string;
  line?: number;
}

export class DictionaryColumn {
  rows = 0;
  private codeBuffer = new Int32Array(1024);
  private numberBuffer = new Float64Array(1024);
  private readonly index = new Map<string | number, number>();
  readonly values: string[] = [];
  readonly seenAt: SeenAt[] = [];
  /** the first missing value's place */
  missingAt: SeenAt | undefined;
  /** more than MAX_DISTINCT values: codes are not kept */
  overflowed = false;

  constructor(readonly name: string) {}

  add(batch: RecordBatch, cells: CellColumn): void {
    const n = batch.rowCount;
    this.reserve(this.rows + n);
    for (let i = 0; i < n; i++) {
      const row = this.rows + i;
      const cell = cells[i] ?? null;
      // numbers are looked up as numbers: no string per row for a numeric label
      const key = typeof cell === "number" ? cell : cell === null ? "" : cellText(cell);
      this.numberBuffer[row] = typeof cell === "number" ? cell : typeof key === "string" ? numberOf(key) : Number.NaN;
      if (key === "") {
        this.codeBuffer[row] = -1;
        this.missingAt ??= place(batch, i);
        continue;
      }
      let code = this.index.get(key);
      if (code === undefined && !this.overflowed) code = this.newValue(key, batch, i);
      this.codeBuffer[row] = code ?? -1;
    }
    this.rows += n;
  }

  private newValue(key: string | number, batch: RecordBatch, row: number): number | undefined {
    const text = String(key);
    // a number and its text (1 in Parquet, "1" in CSV) are one value
    const existing = this.index.get(text);
    if (existing !== undefined) {
      this.index.set(key, existing);
      return existing;
    }
    if (this.values.length === MAX_DISTINCT) {
      this.overflowed = true;
      return undefined;
    }
    const code = this.values.length;
    this.index.set(key, code);
    this.index.set(text, code);
    this.values.push(text);
    this.seenAt.push(place(batch, row));
    return code;
  }

  get codes(): Int32Array {
    return this.codeBuffer.subarray(0, this.rows);
  }

  get numbers(): Float64Array {
    return this.numberBuffer.subarray(0, this.rows);
  }

  private reserve(rows: number): void {
    if (rows <= this.codeBuffer.length) return;
    const size = Math.max(rows, this.codeBuffer.length * 2);
    const codes = new Int32Array(size);
    codes.set(this.codeBuffer);
    const numbers = new Float64Array(size);
    numbers.set(this.numberBuffer);
    this.codeBuffer = codes;
    this.numberBuffer = numbers;
  }
}

function place(batch: RecordBatch, row: number): SeenAt {
  const line = batch.lines?.[row];
  return { file: batch.source, ...(line === undefined ? {} : { line }) };
}

function numberOf(text: string): number {
  return parseNumberText(text) ?? Number.NaN;
}
