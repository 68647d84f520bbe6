/**
 * Parquet through hyparquet, one row group at a time. The footer is read by range; the body is read
 * as one forward stream (so it is hashed like any other source and a blob downloads once), keeping
 * only the bytes of the row group being decoded. Types: INT64 becomes a number when it is a safe
 * integer and stays a bigint otherwise; timestamps and dates are Dates, decimals numbers, strings
 * strings; nested values (lists, structs, maps) become their JSON text.
 */
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import {
  type AsyncBuffer,
  type Compressors,
  type FileMetaData,
  parquetMetadataAsync,
  parquetRead,
  parquetSchema,
  type RowGroup,
} from "hyparquet";
import { InputError } from "../errors.js";
import { rowsPerBatch } from "./batch-size.js";
import type { ByteSource } from "./byte-source.js";
import { fastDoubleColumn, readDoubleChunk } from "./parquet-doubles.js";
import type { Cell, CellColumn, RecordBatch } from "./table.js";

export interface ParquetOptions {
  /** rows per batch; by default 16384, fewer for wide tables */
  batchRows?: number;
}

/** hyparquet reads snappy and uncompressed pages itself; Node's zlib covers gzip and brotli */
const COMPRESSORS: Compressors = {
  GZIP: (input) => gunzipSync(input),
  BROTLI: (input) => brotliDecompressSync(input),
};

/** bytes read from the end for the footer; hyparquet reads more when the metadata is larger */
const FOOTER_GUESS = 1 << 16;

interface RowGroupSpan {
  rowStart: number;
  rows: number;
  group: RowGroup;
  /** the bytes of all its column chunks: `[byteStart, byteEnd)` */
  byteStart: number;
  byteEnd: number;
}

/** An I/O failure of the source, kept apart from what hyparquet says about the bytes. */
class SourceFailure extends Error {
  constructor(readonly failure: unknown) {
    super("reading the source failed");
  }
}

/** `body`: the source's bytes start to end (hashed and counted by the caller). */
export async function* readParquet(
  source: ByteSource,
  body: AsyncIterable<Buffer>,
  options: ParquetOptions = {},
): AsyncGenerator<RecordBatch> {
  const file = source.name;
  const forward = new ForwardReader(body[Symbol.asyncIterator]());
  try {
    const metadata = await parquetMetadataAsync(footerReader(source), { initialFetchSize: FOOTER_GUESS });
    const names = parquetSchema(metadata).children.map((child) => child.element.name);
    const batchRows = rowsPerBatch(options.batchRows, names.length);
    let total = 0;
    for (const span of rowGroupSpans(metadata)) {
      const window = await forward.range(span.byteStart, span.byteEnd);
      const columns = await decodeRowGroup(window, span, metadata, names, source.size);
      for (let start = 0; start < span.rows; start += batchRows) {
        const end = Math.min(span.rows, start + batchRows);
        yield {
          names,
          columns: columns.map((column) => column.cells(start, end)),
          rowCount: end - start,
          source: file,
        };
      }
      total += span.rows;
    }
    await forward.drain();
    if (total === 0) throw new InputError("has no rows", { file }, "check that the right file is named");
  } catch (error) {
    if (error instanceof SourceFailure) throw error.failure;
    if (error instanceof InputError) throw error;
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new InputError(
      `is not a readable Parquet file (${reason})`,
      { file },
      "check the path, and that the file is Parquet (snappy, gzip, brotli or no compression)",
    );
  }
}

async function decodeRowGroup(
  window: { start: number; bytes: Buffer },
  span: RowGroupSpan,
  metadata: FileMetaData,
  names: readonly string[],
  size: number,
): Promise<DecodedColumn[]> {
  const columns = new Map<string, DecodedColumn>();
  const root = parquetSchema(metadata);
  for (const chunk of span.group.columns) {
    const name = chunk.meta_data?.path_in_schema.join(".") ?? "";
    const leaf = root.children.find((child) => child.element.name === name);
    const path = leaf && fastDoubleColumn([root, leaf]);
    const numbers = path && readDoubleChunk(window.bytes, window.start, chunk, path, span.rows, COMPRESSORS);
    if (numbers) columns.set(name, new DecodedColumn(span.rows, numbers));
  }
  const remaining = names.filter((name) => !columns.has(name));
  for (const name of remaining) columns.set(name, new DecodedColumn(span.rows));
  if (remaining.length === 0) return names.map((name) => columns.get(name) as DecodedColumn);
  const file: AsyncBuffer = {
    byteLength: size,
    slice(start, end = size) {
      if (start < window.start || end > window.start + window.bytes.length) {
        throw new Error(`bytes ${start}–${end} lie outside their row group`);
      }
      return new Uint8Array(window.bytes.subarray(start - window.start, end - window.start)).buffer;
    },
  };
  await parquetRead({
    file,
    metadata,
    rowStart: span.rowStart,
    rowEnd: span.rowStart + span.rows,
    columns: remaining,
    compressors: COMPRESSORS,
    onChunk({ columnName, columnData, rowStart }) {
      const column = columns.get(columnName);
      if (!column) return;
      const offset = rowStart - span.rowStart;
      for (let k = 0; k < columnData.length; k++) {
        const row = offset + k;
        if (row >= 0 && row < span.rows) column.set(row, toCell(columnData[k]));
      }
    },
  });
  return names.map((name) => columns.get(name) ?? new DecodedColumn(0));
}

/**
 * A row group's column: a Float64Array while every value is a plain number (no boxed number per
 * cell), switching to cells at the first other value (a null, a string, a bigint, a date).
 */
class DecodedColumn {
  private numbers: Float64Array | undefined;
  private written = 0;
  private values: Cell[] | undefined;

  /** `numbers`: a column the fast path decoded whole */
  constructor(
    private readonly rows: number,
    numbers?: Float64Array,
  ) {
    this.numbers = numbers ?? new Float64Array(rows);
    this.written = numbers ? rows : 0;
  }

  set(row: number, cell: Cell): void {
    if (this.numbers && typeof cell === "number" && row === this.written) {
      this.numbers[row] = cell;
      this.written++;
      return;
    }
    if (!this.values) {
      const values = new Array<Cell>(this.rows).fill(null);
      for (let i = 0; i < this.written; i++) values[i] = (this.numbers as Float64Array)[i] as number;
      this.values = values;
      this.numbers = undefined;
    }
    this.values[row] = cell;
  }

  cells(start: number, end: number): CellColumn {
    if (this.numbers && this.written === this.rows) return this.numbers.subarray(start, end);
    if (this.numbers) this.set(this.written, null);
    return (this.values as Cell[]).slice(start, end);
  }
}

/** Row groups in the order their bytes appear, which is their order in every writer we know of. */
function rowGroupSpans(metadata: FileMetaData): RowGroupSpan[] {
  const spans: RowGroupSpan[] = [];
  let rowStart = 0;
  for (const group of metadata.row_groups) {
    const rows = Number(group.num_rows);
    let byteStart = Number.POSITIVE_INFINITY;
    let byteEnd = 0;
    for (const chunk of group.columns) {
      const meta = chunk.meta_data;
      if (!meta) throw new Error("a column chunk has no metadata");
      // the same range hyparquet reads for the chunk
      const start = Number(meta.dictionary_page_offset || meta.data_page_offset);
      byteStart = Math.min(byteStart, start);
      byteEnd = Math.max(byteEnd, start + Number(meta.total_compressed_size));
    }
    if (rows > 0) spans.push({ rowStart, rows, group, byteStart, byteEnd });
    rowStart += rows;
  }
  return spans.sort((a, b) => a.byteStart - b.byteStart);
}

function footerReader(source: ByteSource): AsyncBuffer {
  return {
    byteLength: source.size,
    async slice(start, end = source.size) {
      const bytes = await source.read(start, end).catch((failure: unknown) => {
        throw new SourceFailure(failure);
      });
      return new Uint8Array(bytes).buffer;
    },
  };
}

/** Serves increasing byte ranges from a forward stream, keeping only what the current range needs. */
class ForwardReader {
  private chunks: Buffer[] = [];
  /** file offset of `chunks[0]` */
  private start = 0;
  /** file offset just past the last chunk */
  private end = 0;

  constructor(private readonly iterator: AsyncIterator<Buffer>) {}

  async range(from: number, to: number): Promise<{ start: number; bytes: Buffer }> {
    while (this.end < to) {
      const chunk = await this.next();
      if (!chunk) throw new Error("the file ends inside its row groups");
      this.chunks.push(chunk);
      this.end += chunk.length;
    }
    while (this.chunks.length > 0 && this.start + (this.chunks[0] as Buffer).length <= from) {
      this.start += (this.chunks.shift() as Buffer).length;
    }
    const bytes = this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks);
    return { start: from, bytes: bytes.subarray(from - this.start, to - this.start) };
  }

  /** Reads the rest (the footer), so the source is hashed whole. */
  async drain(): Promise<void> {
    this.chunks = [];
    while (await this.next());
  }

  private async next(): Promise<Buffer | undefined> {
    try {
      const { done, value } = await this.iterator.next();
      return done ? undefined : value;
    } catch (failure) {
      throw new SourceFailure(failure);
    }
  }
}

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function toCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case "number":
    case "string":
    case "boolean":
      return value;
    case "bigint":
      return value >= MIN_SAFE && value <= MAX_SAFE ? Number(value) : value;
  }
  if (value instanceof Date) return value;
  if (value instanceof Uint8Array) return Buffer.from(value).toString("hex");
  return JSON.stringify(value, (_key, inner: unknown) => (typeof inner === "bigint" ? exactNumber(inner) : inner));
}

/** A safe integer as a number; beyond that, the digits as text (JSON has no bigint). */
function exactNumber(value: bigint): number | string {
  return value >= MIN_SAFE && value <= MAX_SAFE ? Number(value) : value.toString();
}
