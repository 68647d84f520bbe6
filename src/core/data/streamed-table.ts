/** A Table over resolved sources: each read streams them in order, counting, hashing and parsing as it goes. */
import type { ByteSource } from "./byte-source.js";
import { readDelimited } from "./csv.js";
import type { SourceFormat } from "./format.js";
import { gunzip } from "./gzip.js";
import { readJsonLines } from "./jsonl.js";
import { Meter } from "./metered.js";
import { readParquet } from "./parquet.js";
import type { ReadOptions, ReadProgress, RecordBatch, SourceFingerprint, Table } from "./table.js";

export interface TableSource {
  source: ByteSource;
  format: SourceFormat;
}

export class StreamedTable implements Table {
  readonly sources: readonly string[];
  private readonly totalBytes: number;
  private readonly counters = { bytesRead: 0, rows: 0 };
  private readonly printed = new Map<string, SourceFingerprint>();

  constructor(
    private readonly entries: readonly TableSource[],
    private readonly batchRows?: number,
  ) {
    this.sources = entries.map((entry) => entry.source.name);
    this.totalBytes = entries.reduce((sum, entry) => sum + entry.source.size, 0);
  }

  async *batches(options: ReadOptions = {}): AsyncGenerator<RecordBatch> {
    this.counters.bytesRead = 0;
    this.counters.rows = 0;
    this.printed.clear();
    for (const entry of this.entries) {
      const meter = new Meter(this.counters);
      let rows = 0;
      for await (const batch of this.read(entry, meter.pass(entry.source.stream()), options)) {
        rows += batch.rowCount;
        this.counters.rows += batch.rowCount;
        yield batch;
      }
      this.printed.set(entry.source.name, { digest: meter.digest(), bytes: meter.bytes, rows });
    }
  }

  progress(): ReadProgress {
    return { ...this.counters, totalBytes: this.totalBytes };
  }

  fingerprints(): ReadonlyMap<string, SourceFingerprint> {
    return this.printed;
  }

  private read(
    { source, format }: TableSource,
    bytes: AsyncIterable<Buffer>,
    options: ReadOptions,
  ): AsyncIterable<RecordBatch> {
    const file = source.name;
    const batchRows = this.batchRows;
    if (format.format === "parquet") return readParquet(source, bytes, { batchRows });
    const text = format.gzip ? gunzip(bytes, file) : bytes;
    if (format.format === "jsonl") return readJsonLines(text, { file, batchRows });
    const delimiter = format.format === "tsv" ? "\t" : ",";
    return readDelimited(text, { file, delimiter, batchRows, numericHints: options.numericHints });
  }
}
