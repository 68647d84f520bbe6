/**
 * Whole columns in memory, typed with the types a profile decided: a second pass over the data for
 * when the profile's own pass could not collect them (see ColumnCollector). Reads with the profile's
 * numeric hints, so plain decimals never become strings.
 */
import type { NumericHints, Table } from "../data/table.js";
import type { ColumnType } from "../profile/column-type.js";
import { type TypedColumn, TypingBuffers, typeColumn } from "../profile/typed-column.js";
import { ColumnCollector, type TabularColumns } from "./column-collector.js";

export type { TabularColumns } from "./column-collector.js";

export interface ReadColumnsOptions {
  /** the columns to keep, with their types from the profile */
  types: ReadonlyMap<string, ColumnType>;
  /** stop after this many rows */
  maxRows?: number;
}

export async function readColumns(table: Table, options: ReadColumnsOptions): Promise<TabularColumns> {
  const { types } = options;
  const collector = new ColumnCollector((name) => types.has(name), options.maxRows);
  const buffers = new Map([...types.keys()].map((name) => [name, new TypingBuffers()]));
  const hints: NumericHints = new Map(
    [...types].filter(([, type]) => type === "integer" || type === "float") as [string, "integer" | "float"][],
  );
  for await (const batch of table.batches({ numericHints: hints })) {
    const typed = new Map<string, TypedColumn>();
    for (const [name, type] of types) {
      const index = batch.names.indexOf(name);
      typed.set(
        name,
        typeColumn(index < 0 ? [] : (batch.columns[index] ?? []), type, batch.rowCount, buffers.get(name)),
      );
    }
    collector.add({ names: [...types.keys()], rowCount: batch.rowCount }, typed);
    if (collector.full) break;
  }
  return collector.finish(types) as TabularColumns;
}
