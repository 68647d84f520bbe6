/**
 * The data schema: the checked-in expectations a dataset must meet (docs/schema.md). Defaults are
 * resolved when the file is read, so every setting here is explicit.
 */
import type { ColumnType } from "../profile/index.js";

export const SCHEMA_VERSION = 1;

/** Inclusive bounds; either may be absent. Dates are milliseconds since the epoch (UTC). */
export interface Bounds {
  min?: number;
  max?: number;
}

export type DomainValue = string | number | boolean;

export interface Domain {
  /** strings for string columns, true/false for boolean columns, whole numbers for integer columns */
  values: readonly DomainValue[];
  /** the least fraction of a column's values that must be in `values` */
  minMass: number;
}

export interface ColumnSchema {
  type: ColumnType;
  /** the column must exist in the data */
  required: boolean;
  /** the least fraction of rows with a value (a cell that is not missing) */
  presence: number;
  /** NaN allowed (float columns) */
  nan: boolean;
  /** +Inf and -Inf allowed (float columns) */
  infinity: boolean;
  unique: boolean;
  /** the range of finite values (integer, float and date columns) */
  range?: Bounds;
  domain?: Domain;
  /** a regular expression every value must match (string columns) */
  pattern?: string;
}

export interface Schema {
  version: typeof SCHEMA_VERSION;
  /** the dataset's row count */
  rows?: Bounds;
  columns: ReadonlyMap<string, ColumnSchema>;
}

/** A required column must be complete unless it says otherwise; an optional one has no floor. */
export function defaultPresence(required: boolean): number {
  return required ? 1 : 0;
}

/** The column types to declare to profileTable, so the profile and the checks read cells as the schema does. */
export function declaredTypes(schema: Schema): Map<string, ColumnType> {
  return new Map([...schema.columns].map(([name, column]) => [name, column.type]));
}
