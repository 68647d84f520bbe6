/** An anomaly: one way the data breaks its schema, with how often and where (a few examples). */
import type { Cell, RecordBatch } from "../data/table.js";
import { type CellExample, cellText, MAX_EXAMPLES } from "../profile/index.js";

export type AnomalyKind =
  | "type"
  | "range"
  | "presence"
  | "domain"
  | "pattern"
  | "unique"
  | "nan"
  | "infinity"
  | "missing-column"
  | "new-column"
  | "rows";

/** An error fails validate-data (exit 1); a warning is reported only. */
export type Severity = "error" | "warning";

export interface Anomaly {
  column?: string;
  kind: AnomalyKind;
  severity: Severity;
  observed: string;
  expected: string;
  /** the rows (or values) concerned */
  count: number;
  /** the first few cells concerned, at most MAX_EXAMPLES, with their file and line */
  examples: CellExample[];
}

/** Counts the rows a check flags and keeps the first MAX_EXAMPLES as examples. */
export class Tally {
  count = 0;
  readonly examples: CellExample[] = [];

  add(batch: RecordBatch, row: number, cell: Cell | undefined): void {
    this.count++;
    if (this.examples.length >= MAX_EXAMPLES) return;
    const example: CellExample = { value: cellText(cell ?? null), source: batch.source };
    const line = batch.lines?.[row];
    if (line !== undefined) example.line = line;
    this.examples.push(example);
  }
}
