/** Feeding readers from memory in chosen chunks, and collecting what they yield. */
import { readDelimited } from "../../src/core/data/csv.js";
import { readJsonLines } from "../../src/core/data/jsonl.js";
import type { Cell, RecordBatch, Table } from "../../src/core/data/table.js";

/** The bytes cut at the given sizes (cycling), or whole. */
export async function* chunked(data: string | Buffer, sizes: readonly number[] = []): AsyncGenerator<Buffer> {
  const bytes = typeof data === "string" ? Buffer.from(data) : data;
  if (sizes.length === 0) {
    yield bytes;
    return;
  }
  let start = 0;
  for (let k = 0; start < bytes.length; k++) {
    const size = Math.max(1, sizes[k % sizes.length] ?? 1);
    yield bytes.subarray(start, start + size);
    start += size;
  }
}

export interface Collected {
  names: string[];
  /** rows as arrays in the order of `names` (cells of names a batch lacks are null) */
  rows: Cell[][];
  lines: number[];
  batches: RecordBatch[];
}

export async function collect(batches: AsyncIterable<RecordBatch>): Promise<Collected> {
  const collected: Collected = { names: [], rows: [], lines: [], batches: [] };
  for await (const batch of batches) {
    collected.batches.push(batch);
    for (const name of batch.names) if (!collected.names.includes(name)) collected.names.push(name);
    for (let row = 0; row < batch.rowCount; row++) {
      collected.rows.push(
        collected.names.map((name) => {
          const column = batch.names.indexOf(name);
          return column < 0 ? null : (batch.columns[column]?.[row] ?? null);
        }),
      );
      if (batch.lines) collected.lines.push(batch.lines[row] as number);
    }
  }
  return collected;
}

export function readCsv(
  data: string | Buffer,
  options: { sizes?: number[]; delimiter?: "," | "\t"; batchRows?: number; file?: string } = {},
): Promise<Collected> {
  const { sizes, delimiter = ",", batchRows, file = "x.csv" } = options;
  return collect(readDelimited(chunked(data, sizes), { file, delimiter, batchRows }));
}

export function readJsonl(
  data: string | Buffer,
  options: { sizes?: number[]; batchRows?: number } = {},
): Promise<Collected> {
  return collect(readJsonLines(chunked(data, options.sizes), { file: "x.jsonl", batchRows: options.batchRows }));
}

export function readTable(table: Table): Promise<Collected> {
  return collect(table.batches());
}

/** Rows as objects keyed by column name, the way the csv-spectrum corpus writes them. */
export function asObjects({ names, rows }: Collected): Record<string, Cell>[] {
  return rows.map((row) => Object.fromEntries(names.map((name, column) => [name, row[column] ?? null])));
}
