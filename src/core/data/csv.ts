/** CSV and TSV: RecordBatches of text cells from a byte stream, with the line each row starts on. */
import { CsvParser } from "./csv-parser.js";
import type { NumericHints, RecordBatch } from "./table.js";
import { invalidUtf8, utf8Chunks } from "./text-input.js";

export interface DelimitedOptions {
  /** the source's name, for batches and errors */
  file: string;
  delimiter: "," | "\t";
  /** rows per batch; by default 16384, fewer for wide tables */
  batchRows?: number;
  numericHints?: NumericHints;
}

export async function* readDelimited(
  bytes: AsyncIterable<Buffer>,
  options: DelimitedOptions,
): AsyncGenerator<RecordBatch> {
  const { file, delimiter, batchRows, numericHints } = options;
  const parser = new CsvParser(file, delimiter, batchRows, numericHints);
  for await (const chunk of utf8Chunks(bytes, file, delimiter === "," ? "CSV" : "TSV")) {
    parser.feed(chunk.bytes);
    if (chunk.invalidByte !== undefined) throw invalidUtf8(chunk.invalidByte, { file, ...parser.position() });
    yield* parser.ready.splice(0);
  }
  parser.finish();
  yield* parser.ready.splice(0);
}
