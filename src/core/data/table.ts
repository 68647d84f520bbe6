/**
 * What every reader yields: a table read in column batches, so memory stays flat however large
 * the file. Cells keep what the format says: CSV gives text (an unquoted empty field is `null`,
 * a quoted empty one is `""`), JSON Lines and Parquet give typed values. Type inference is the
 * profile's job, not the reader's.
 */
export type Cell = string | number | boolean | bigint | Date | null;

/**
 * One column of a batch: cells, or (Parquet columns of plain doubles) a Float64Array — the same
 * values without a boxed number per cell, which at a million rows is most of the garbage collector's work.
 */
export type CellColumn = ArrayLike<Cell>;

export interface RecordBatch {
  /** Column names of this batch, in order; JSON Lines may add names in later batches. */
  readonly names: readonly string[];
  /** Column-major: `columns[c][r]` is the cell of row `r` in column `names[c]`. */
  readonly columns: readonly CellColumn[];
  readonly rowCount: number;
  /** 1-based line where each row starts in its file (text formats); absent for Parquet. */
  readonly lines?: ArrayLike<number>;
  /** The file (or URL) these rows came from, as the user named it. */
  readonly source: string;
}

export type DataFormat = "csv" | "tsv" | "jsonl" | "parquet";

export interface ReadProgress {
  /** bytes consumed so far across all sources */
  bytesRead: number;
  /** total bytes of all sources when known */
  totalBytes?: number;
  rows: number;
}

/** Columns the reader may deliver as numbers where the text is a plain decimal (text readers only). */
export type NumericHints = ReadonlyMap<string, "integer" | "float">;

export interface ReadOptions {
  /** consulted at every batch: a profile fills it in as it learns the columns' types */
  numericHints?: NumericHints;
}

export interface Table {
  /** The sources in read order, as the user named them (workspace-relative paths, URLs without query). */
  readonly sources: readonly string[];
  batches(options?: ReadOptions): AsyncIterable<RecordBatch>;
  /** Live counters for progress lines. */
  progress(): ReadProgress;
  /** Per source, once its batches have all been read: digest of its bytes, size and row count. */
  fingerprints(): ReadonlyMap<string, SourceFingerprint>;
}

export interface SourceFingerprint {
  /** `sha256:<hex>` of the source's bytes as read */
  digest: string;
  bytes: number;
  rows: number;
}
