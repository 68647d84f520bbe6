/**
 * Keeps whole columns in memory as batches go by, typed: numbers (NaN where missing or invalid;
 * dates as epoch milliseconds) and text (booleans as "true"/"false", "" where missing). It can ride
 * along the profile's own pass, whose column types may still change as the data is read: `finish`
 * returns undefined when a column was collected under a type the profile later gave up, and the
 * caller reads the columns again with the final types.
 */
import type { ColumnType } from "../profile/column-type.js";
import { type TypedColumn, VALUE } from "../profile/typed-column.js";

export interface TabularColumns {
  numeric: Map<string, Float64Array>;
  text: Map<string, string[]>;
  rows: number;
  /** per column, cells that were missing or did not fit its type */
  missing: Map<string, number>;
}

export class ColumnCollector {
  private rows = 0;
  private readonly columns = new Map<string, CollectedColumn>();

  constructor(
    private readonly wanted: (name: string) => boolean,
    private readonly maxRows = Number.POSITIVE_INFINITY,
  ) {}

  get full(): boolean {
    return this.rows >= this.maxRows;
  }

  /** One batch: `typed` holds the columns whose type is known so far (absent ones count as missing). */
  add(batch: { names: readonly string[]; rowCount: number }, typed: ReadonlyMap<string, TypedColumn>): void {
    if (this.full) return;
    const take = Math.min(batch.rowCount, this.maxRows - this.rows);
    for (const name of batch.names) {
      if (!this.columns.has(name) && this.wanted(name)) this.columns.set(name, new CollectedColumn(this.rows));
    }
    for (const [name, column] of this.columns) column.add(typed.get(name), take);
    this.rows += take;
  }

  /** The columns `types` names, if each was collected as that type; else undefined. */
  finish(types: ReadonlyMap<string, ColumnType>): TabularColumns | undefined {
    const result: TabularColumns = { numeric: new Map(), text: new Map(), rows: this.rows, missing: new Map() };
    for (const [name, type] of types) {
      const column = this.columns.get(name);
      if (!column?.finishInto(name, type, result)) return undefined;
    }
    return result;
  }
}

class CollectedColumn {
  private kind: "numeric" | "text" | undefined;
  private readonly seen = new Set<ColumnType>();
  private numbers = new NumberBuilder();
  private readonly texts: string[] = [];
  private missing: number;
  private broken = false;

  /** `pending`: rows before the column's type was known, all missing */
  constructor(private pending: number) {
    this.missing = pending;
  }

  add(typed: TypedColumn | undefined, rows: number): void {
    if (this.broken) return;
    if (!typed) {
      this.missing += rows;
      if (this.kind === "numeric") this.numbers.appendMissing(rows);
      else if (this.kind === "text") for (let i = 0; i < rows; i++) this.texts.push("");
      else this.pending += rows;
      return;
    }
    const kind = "numbers" in typed ? "numeric" : "text";
    // a text column's undecided rows may hold "NA" and the like, which are values in a string column
    if (
      (this.kind !== undefined && this.kind !== kind) ||
      (this.kind === undefined && kind === "text" && this.pending > 0)
    ) {
      this.broken = true;
      return;
    }
    if (this.kind === undefined) {
      this.kind = kind;
      this.numbers.appendMissing(kind === "numeric" ? this.pending : 0);
    }
    this.seen.add(typed.type);
    for (let i = 0; i < rows; i++) if (typed.kinds[i] !== VALUE) this.missing++;
    if ("numbers" in typed) this.numbers.append(typed.kinds, typed.numbers, rows);
    else for (let i = 0; i < rows; i++) this.texts.push(typed.texts[i] ?? "");
  }

  finishInto(name: string, type: ColumnType, into: TabularColumns): boolean {
    if (this.broken || !this.kind || ![...this.seen].every((seen) => fits(seen, type))) return false;
    if (this.kind === "numeric") into.numeric.set(name, this.numbers.finish());
    else into.text.set(name, this.texts);
    into.missing.set(name, this.missing);
    return true;
  }
}

/** Values typed as `seen` read the same under `final`: the same type, or integers that became floats. */
function fits(seen: ColumnType, final: ColumnType): boolean {
  return seen === final || (seen === "integer" && final === "float");
}

/** A Float64Array that grows by doubling; missing and invalid cells become NaN. */
class NumberBuilder {
  private values = new Float64Array(1024);
  private length = 0;

  append(kinds: Uint8Array, numbers: Float64Array, rows: number): void {
    this.reserve(rows);
    for (let i = 0; i < rows; i++) {
      this.values[this.length + i] = kinds[i] === VALUE ? (numbers[i] as number) : Number.NaN;
    }
    this.length += rows;
  }

  appendMissing(rows: number): void {
    this.reserve(rows);
    this.values.fill(Number.NaN, this.length, this.length + rows);
    this.length += rows;
  }

  finish(): Float64Array {
    return this.values.slice(0, this.length);
  }

  private reserve(rows: number): void {
    if (this.length + rows <= this.values.length) return;
    const grown = new Float64Array(Math.max(this.values.length * 2, this.length + rows));
    grown.set(this.values.subarray(0, this.length));
    this.values = grown;
  }
}
