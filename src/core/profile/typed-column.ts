/**
 * One batch of one column, converted to the column's type once, so the profiler and the schema
 * checks read the same values. Every row has a kind: a value, missing, or a cell that does not
 * fit the type (an invalid cell, counted and shown as an example, never silently dropped).
 */
import type { Cell, CellColumn } from "../data/table.js";
import { parseBooleanText, parseDateTimeText, parseNumberText } from "./cell-parsing.js";
import { type ColumnType, isIntegerSpelling, isMissingText, type NumericType } from "./column-type.js";

export const VALUE = 0;
export const MISSING = 1;
export const INVALID = 2;

export interface NumericColumn {
  readonly type: NumericType;
  /** VALUE, MISSING or INVALID per row */
  readonly kinds: Uint8Array;
  /** the value per row (dates as milliseconds since the epoch, UTC); NaN and ±Inf are values */
  readonly numbers: Float64Array;
}

export interface TextColumn {
  readonly type: "string" | "boolean";
  readonly kinds: Uint8Array;
  /** the value per row (`"true"`/`"false"` for booleans); undefined where missing or invalid */
  readonly texts: (string | undefined)[];
}

export type TypedColumn = NumericColumn | TextColumn;

/**
 * Buffers one column reuses from batch to batch (allocating them per batch costs a tenth of the
 * profiling time in garbage collection): a typed column is valid until the next batch is typed.
 */
export class TypingBuffers {
  private kindBuffer = new Uint8Array(0);
  private numberBuffer = new Float64Array(0);

  kinds(rows: number): Uint8Array {
    if (this.kindBuffer.length < rows) this.kindBuffer = new Uint8Array(rows);
    const kinds = this.kindBuffer.subarray(0, rows);
    kinds.fill(VALUE);
    return kinds;
  }

  numbers(rows: number): Float64Array {
    if (this.numberBuffer.length < rows) this.numberBuffer = new Float64Array(rows);
    return this.numberBuffer.subarray(0, rows);
  }
}

export function typeColumn(
  cells: CellColumn,
  type: ColumnType,
  rowCount = cells.length,
  buffers = new TypingBuffers(),
): TypedColumn {
  if (type === "string" || type === "boolean") return typeText(cells, type, rowCount, buffers);
  return typeNumeric(cells, type, rowCount, buffers);
}

function typeNumeric(cells: CellColumn, type: NumericType, rowCount: number, buffers: TypingBuffers): NumericColumn {
  const kinds = buffers.kinds(rowCount);
  const numbers = buffers.numbers(rowCount);
  const read = type === "date" ? readDate : type === "integer" ? readInteger : readFloat;
  for (let i = 0; i < rowCount; i++) {
    const cell = cells[i] ?? null;
    if (cell === null || (typeof cell === "string" && isMissingText(cell))) {
      kinds[i] = MISSING;
      continue;
    }
    const value = read(cell);
    if (value === undefined) kinds[i] = INVALID;
    else numbers[i] = value;
  }
  return { type, kinds, numbers };
}

function readFloat(cell: Cell): number | undefined {
  if (typeof cell === "number") return cell;
  if (typeof cell === "string") return parseNumberText(cell);
  if (typeof cell === "bigint") return Number(cell);
  return undefined;
}

function readInteger(cell: Cell): number | undefined {
  if (typeof cell === "number") return Number.isInteger(cell) ? cell : undefined;
  if (typeof cell === "bigint") return Number(cell);
  if (typeof cell !== "string") return undefined;
  const value = parseNumberText(cell);
  return value !== undefined && Number.isInteger(value) && isIntegerSpelling(cell) ? value : undefined;
}

function readDate(cell: Cell): number | undefined {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? undefined : cell.getTime();
  return typeof cell === "string" ? parseDateTimeText(cell) : undefined;
}

function typeText(cells: CellColumn, type: "string" | "boolean", rowCount: number, buffers: TypingBuffers): TextColumn {
  const kinds = buffers.kinds(rowCount);
  const texts: (string | undefined)[] = new Array(rowCount);
  for (let i = 0; i < rowCount; i++) {
    const cell = cells[i] ?? null;
    if (cell === null || (type === "boolean" && typeof cell === "string" && isMissingText(cell))) {
      kinds[i] = MISSING;
      continue;
    }
    const text = type === "boolean" ? booleanText(cell) : stringText(cell);
    if (text === undefined) kinds[i] = INVALID;
    texts[i] = text;
  }
  return { type, kinds, texts };
}

function booleanText(cell: Cell): string | undefined {
  if (typeof cell === "boolean") return cell ? "true" : "false";
  if (typeof cell !== "string") return undefined;
  const value = parseBooleanText(cell);
  return value === undefined ? undefined : value ? "true" : "false";
}

function stringText(cell: Cell): string {
  if (typeof cell === "string") return cell;
  if (cell instanceof Date) return cell.toISOString();
  return String(cell);
}

/** The cell as it was read, for examples in anomalies. */
export function cellText(cell: Cell): string {
  if (cell === null) return "";
  return cell instanceof Date ? cell.toISOString() : String(cell);
}
