/** Streaming data readers: CSV/TSV, JSON Lines and Parquet from local files, globs and Azure Blob Storage. */
export type { OpenTableOptions } from "./open.js";
export { openTable } from "./open.js";
export type { Cell, DataFormat, ReadProgress, RecordBatch, SourceFingerprint, Table } from "./table.js";
