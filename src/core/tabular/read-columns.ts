/**
 * Whole columns in memory, typed as the data's profile decided: numbers (NaN where missing or
 * invalid; dates as epoch milliseconds) and text (booleans as "true"/"false", "" where missing).
 * What a builtin trainer fits on and a model is fed with; read in the same column batches as the
 * profile, with the profile's numeric hints so plain decimals never become strings.
 */
import type { NumericHints, Table } from "../data/table.js";
import { type ColumnType, isNumericType } from "../profile/column-type.js";
import { type TypedColumn, TypingBuffers, typeColumn, VALUE } from "../profile/typed-column.js";

export interface TabularColumns {
  numeric: Map<string, Float64Array>;
  text: Map<string, string[]>;
  rows: number;
  /** per column, cells that were missing or did not fit its type */
  missing: Map<string, number>;
}

export interface ReadColumnsOptions {
  /** the columns to keep, with their types from the profile */
  types: ReadonlyMap<string, ColumnType>;
  /** stop after this many rows (a smoke prediction needs a few) */
  maxRows?: number;
}

export async function readColumns(table: Table, options: ReadColumnsOptions): Promise<TabularColumns> {
  const numeric = new Map<string, NumberBuilder>();
  const text = new Map<string, string[]>();
  const missing = new Map<string, number>();
  const buffers = new Map<string, TypingBuffers>();
  const hints: NumericHints = new Map(
    [...options.types].filter(([, type]) => type === "integer" || type === "float") as [string, "integer" | "float"][],
  );
  for (const [name, type] of options.types) {
    if (isNumericType(type)) numeric.set(name, new NumberBuilder());
    else text.set(name, []);
    missing.set(name, 0);
    buffers.set(name, new TypingBuffers());
  }
  const limit = options.maxRows ?? Number.POSITIVE_INFINITY;
  let rows = 0;
  for await (const batch of table.batches({ numericHints: hints })) {
    const take = Math.min(batch.rowCount, limit - rows);
    for (const [name, type] of options.types) {
      const index = batch.names.indexOf(name);
      const cells = index < 0 ? [] : (batch.columns[index] ?? []);
      const typed = typeColumn(cells, type, take, buffers.get(name));
      missing.set(name, (missing.get(name) as number) + countNonValues(typed));
      if ("numbers" in typed) (numeric.get(name) as NumberBuilder).append(typed);
      else appendTexts(text.get(name) as string[], typed.texts, take);
    }
    rows += take;
    if (rows >= limit) break;
  }
  return {
    numeric: new Map([...numeric].map(([name, builder]) => [name, builder.finish()])),
    text,
    rows,
    missing,
  };
}

function countNonValues(typed: TypedColumn): number {
  let count = 0;
  for (const kind of typed.kinds) if (kind !== VALUE) count++;
  return count;
}

function appendTexts(into: string[], texts: readonly (string | undefined)[], rows: number): void {
  for (let i = 0; i < rows; i++) into.push(texts[i] ?? "");
}

/** A Float64Array that grows by doubling; missing and invalid cells become NaN. */
class NumberBuilder {
  private values = new Float64Array(1024);
  private length = 0;

  append(typed: { kinds: Uint8Array; numbers: Float64Array }): void {
    const rows = typed.kinds.length;
    if (this.length + rows > this.values.length) {
      const grown = new Float64Array(Math.max(this.values.length * 2, this.length + rows));
      grown.set(this.values.subarray(0, this.length));
      this.values = grown;
    }
    for (let i = 0; i < rows; i++) {
      this.values[this.length + i] = typed.kinds[i] === VALUE ? (typed.numbers[i] as number) : Number.NaN;
    }
    this.length += rows;
  }

  finish(): Float64Array {
    return this.values.slice(0, this.length);
  }
}
