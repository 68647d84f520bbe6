/**
 * Everything the profile knows about one column: rows seen, missing and invalid cells (with a few
 * examples), and the statistics of its type. The type is declared by a schema or inferred from the
 * first batch in which the column has a value; an inferred integer column widens to float when a
 * later cell is a fraction. A cell that does not fit the type is invalid, not a reason to change it.
 */
import type { Cell, CellColumn, RecordBatch } from "../data/table.js";
import { type ColumnType, hasValue, isNumericType, narrowTypes, typeFromBits, widerType } from "./column-type.js";
import { FrequentItems } from "./frequent-items.js";
import { NumericStats } from "./numeric-stats.js";
import { cellText, INVALID, MISSING, type TypedColumn, TypingBuffers, typeColumn } from "./typed-column.js";

export const MAX_EXAMPLES = 5;

export interface CellExample {
  value: string;
  source: string;
  /** 1-based line of the row in its file (text formats) */
  line?: number;
}

export class ColumnProfile {
  rows = 0;
  missing = 0;
  invalid = 0;
  readonly invalidExamples: CellExample[] = [];
  numeric: NumericStats | undefined;
  text: FrequentItems | undefined;
  /**
   * Missing-value spellings ("NA", "null") seen while the type is undecided: missing in a typed
   * column, but values if the column turns out to be a string column.
   */
  readonly pendingTokens = new Map<string, number>();
  private readonly buffers = new TypingBuffers();

  constructor(
    readonly name: string,
    /** undefined while every cell so far was missing and no schema declared the type */
    public type: ColumnType | undefined,
    private readonly declared = false,
  ) {
    if (type) this.createStats(type);
  }

  /** Rows before this column first appeared (JSON Lines adds keys as it meets them) count as missing. */
  addAbsentRows(count: number): void {
    this.rows += count;
    this.missing += count;
  }

  /** Profiles this column's cells of the batch; returns them typed (undefined while the type is undecided). */
  addBatch(cells: CellColumn, batch: RecordBatch): TypedColumn | undefined {
    const rowCount = batch.rowCount;
    if (!this.type) {
      if (!hasValue(cells)) {
        this.addAbsentRows(rowCount);
        for (let i = 0; i < rowCount; i++) {
          const cell = cells[i];
          if (typeof cell === "string") this.pendingTokens.set(cell, (this.pendingTokens.get(cell) ?? 0) + 1);
        }
        return undefined;
      }
      this.decide(typeFromBits(narrowTypes(cells)));
    }
    let typed = typeColumn(cells, this.type as ColumnType, rowCount, this.buffers);
    if (this.type === "integer" && !this.declared && hasFraction(cells, typed)) {
      this.type = "float";
      typed = typeColumn(cells, "float", rowCount, this.buffers);
    }
    this.rows += rowCount;
    const kinds = typed.kinds;
    for (let i = 0; i < rowCount; i++) {
      const kind = kinds[i];
      if (kind === MISSING) this.missing++;
      else if (kind === INVALID) this.noteInvalid(cells[i] ?? null, batch, i);
    }
    if ("numbers" in typed) this.numeric?.addBatch(typed);
    else {
      const items = this.text as FrequentItems;
      const texts = typed.texts;
      for (let i = 0; i < rowCount; i++) {
        const text = texts[i];
        if (text !== undefined && kinds[i] !== INVALID) items.add(text);
      }
    }
    return typed;
  }

  /** Combines the profile of the same column from another shard. */
  merge(other: ColumnProfile): void {
    const type = mergedType(this, other);
    this.rows += other.rows;
    this.missing += other.missing;
    this.invalid += other.invalid;
    for (const example of other.invalidExamples) {
      if (this.invalidExamples.length < MAX_EXAMPLES) this.invalidExamples.push(example);
    }
    for (const [token, count] of other.pendingTokens) {
      this.pendingTokens.set(token, (this.pendingTokens.get(token) ?? 0) + count);
    }
    if (!type) return;
    if (!this.type) this.decide(type);
    this.type = type;
    if (other.numeric) this.numeric?.merge(other.numeric);
    if (other.text) this.text?.merge(other.text);
    this.settlePendingTokens();
  }

  /** Fraction of rows with a value (neither missing nor invalid). */
  get presence(): number {
    return this.rows === 0 ? 0 : (this.rows - this.missing - this.invalid) / this.rows;
  }

  distinctEstimate(): number {
    return this.numeric?.distinctEstimate() ?? this.text?.distinctEstimate() ?? 0;
  }

  private decide(type: ColumnType): void {
    this.type = type;
    this.createStats(type);
    this.settlePendingTokens();
  }

  /** Once typed, the pending spellings are missing values (typed column) or values (string column). */
  private settlePendingTokens(): void {
    if (!this.type) return;
    if (this.text && this.type === "string") {
      for (const [token, count] of this.pendingTokens) {
        this.missing -= count;
        this.text.add(token, count);
      }
    }
    this.pendingTokens.clear();
  }

  private createStats(type: ColumnType): void {
    if (isNumericType(type)) this.numeric = new NumericStats();
    else this.text = new FrequentItems();
  }

  private noteInvalid(cell: Cell, batch: RecordBatch, row: number): void {
    this.invalid++;
    if (this.invalidExamples.length >= MAX_EXAMPLES) return;
    const example: CellExample = { value: cellText(cell), source: batch.source };
    const line = batch.lines?.[row];
    if (line !== undefined) example.line = line;
    this.invalidExamples.push(example);
  }
}

function hasFraction(cells: CellColumn, typed: TypedColumn): boolean {
  const kinds = typed.kinds;
  for (let i = 0; i < kinds.length; i++) {
    if (kinds[i] === INVALID && typeFromBits(narrowTypes([cells[i] ?? null])) === "float") return true;
  }
  return false;
}

function mergedType(a: ColumnProfile, b: ColumnProfile): ColumnType | undefined {
  if (!a.type || !b.type) return a.type ?? b.type;
  const type = widerType(a.type, b.type);
  if (!type) {
    throw new TypeMismatch(a.name, a.type, b.type);
  }
  return type;
}

export class TypeMismatch extends Error {
  constructor(
    readonly column: string,
    readonly first: ColumnType,
    readonly second: ColumnType,
  ) {
    super(`column '${column}' is ${first} in one profile and ${second} in the other`);
    this.name = "TypeMismatch";
  }
}
