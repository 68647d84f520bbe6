/** A data file as bytes, wherever it lives: streamed start to end, or read by range (Parquet footers). */
export interface ByteSource {
  /** as the user named it: a workspace-relative path, or a URL without its query */
  readonly name: string;
  readonly size: number;
  /** the whole content, start to end */
  stream(): AsyncIterable<Buffer>;
  /** bytes `[start, end)` */
  read(start: number, end: number): Promise<Buffer>;
}
