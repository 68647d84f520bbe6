/**
 * Rows per batch when the caller does not say: 16384, fewer for wide tables so a batch holds at most
 * 65536 cells. Reading text is bound by garbage collection: the cells of a batch outlive V8's young
 * generation when batches are large, and copying them out of it halves the throughput.
 */
const MAX_ROWS = 16_384;
const MAX_CELLS = 65_536;

export function rowsPerBatch(requested: number | undefined, columns: number): number {
  if (requested !== undefined) return requested;
  return Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_CELLS / Math.max(1, columns))));
}
