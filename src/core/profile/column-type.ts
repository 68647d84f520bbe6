/**
 * Column types and how they are inferred. Every non-missing cell narrows the set of types it fits;
 * the column takes the first type of boolean → integer → float → date that every cell fits, else
 * string. CSV cells are text and are parsed strictly (see cell-parsing.ts); JSON Lines and Parquet
 * cells keep their own types.
 */
import type { Cell, CellColumn } from "../data/table.js";
import { parseBooleanText, parseDateTimeText, parseNumberText } from "./cell-parsing.js";

export const COLUMN_TYPES = ["boolean", "integer", "float", "date", "string"] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];
export type NumericType = "integer" | "float" | "date";

export function isNumericType(type: ColumnType): type is NumericType {
  return type === "integer" || type === "float" || type === "date";
}

/**
 * Text that means "no value" in a typed column, as pandas reads it by default. In a string column
 * only an unquoted empty field (or a JSON null) is missing: "NA" may be a real category.
 */
const MISSING_TOKENS: ReadonlySet<string> = new Set(["", "NA", "N/A", "n/a", "#N/A", "null", "NULL", "None", "<NA>"]);

const LONGEST_TOKEN = 4;

export function isMissingText(text: string): boolean {
  const length = text.length;
  if (length === 0) return true;
  const first = text.charCodeAt(0);
  // every token starts with a letter, '#' or '<': a digit, sign or dot never does (the common case)
  if (first < 65 && first !== 35 && first !== 60 && first > 32) return false;
  if (length <= LONGEST_TOKEN && first > 32 && text.charCodeAt(length - 1) > 32) return MISSING_TOKENS.has(text);
  return MISSING_TOKENS.has(text.trim());
}

const FITS_BOOLEAN = 1;
const FITS_INTEGER = 2;
const FITS_FLOAT = 4;
const FITS_DATE = 8;
const FITS_ANY = FITS_BOOLEAN | FITS_INTEGER | FITS_FLOAT | FITS_DATE;

/** The types a non-missing cell fits, as bits; 0 means only string. Missing cells fit everything. */
function fits(cell: Cell): number {
  if (cell === null) return FITS_ANY;
  switch (typeof cell) {
    case "number":
      return Number.isInteger(cell) ? FITS_INTEGER | FITS_FLOAT : FITS_FLOAT;
    case "bigint":
      return FITS_INTEGER | FITS_FLOAT;
    case "boolean":
      return FITS_BOOLEAN;
    case "string":
      return fitsText(cell);
    default:
      return FITS_DATE;
  }
}

function fitsText(text: string): number {
  if (isMissingText(text)) return FITS_ANY;
  const number = parseNumberText(text);
  if (number !== undefined)
    return Number.isInteger(number) && isIntegerSpelling(text) ? FITS_INTEGER | FITS_FLOAT : FITS_FLOAT;
  if (parseBooleanText(text) !== undefined) return FITS_BOOLEAN;
  return parseDateTimeText(text) !== undefined ? FITS_DATE : 0;
}

/** `12` and `-3` are integers; `12.0` and `1e3` are floats that happen to be whole, as pandas reads them. */
export function isIntegerSpelling(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 46 || code === 101 || code === 69) return false;
  }
  return true;
}

/** Narrows `candidates` (bits from a previous call, or undefined) by the cells; undefined while all are missing. */
export function narrowTypes(cells: CellColumn, candidates = FITS_ANY): number {
  let bits = candidates;
  for (let i = 0; i < cells.length && bits !== 0; i++) bits &= fits(cells[i] as Cell);
  return bits;
}

export function hasValue(cells: CellColumn): boolean {
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i] as Cell;
    if (cell !== null && !(typeof cell === "string" && isMissingText(cell))) return true;
  }
  return false;
}

export function typeFromBits(bits: number): ColumnType {
  if (bits & FITS_BOOLEAN) return "boolean";
  if (bits & FITS_INTEGER) return "integer";
  if (bits & FITS_FLOAT) return "float";
  if (bits & FITS_DATE) return "date";
  return "string";
}

/** The type of a column after merging shards inferred separately: integer widens to float; anything else must agree. */
export function widerType(a: ColumnType, b: ColumnType): ColumnType | undefined {
  if (a === b) return a;
  if ((a === "integer" && b === "float") || (a === "float" && b === "integer")) return "float";
  return undefined;
}
