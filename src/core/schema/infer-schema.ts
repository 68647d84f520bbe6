/**
 * A conservative first schema from a profile, for a person to review: every expectation is one the
 * profiled data meets, and none is a guess about data to come (docs/schema.md, "Inferring").
 */
import type { ColumnProfile, ColumnType, DatasetProfile } from "../profile/index.js";
import { type ColumnSchema, type Domain, SCHEMA_VERSION, type Schema } from "./schema.js";

/** the most distinct values a string or boolean column may have to get a domain */
export const MAX_INFERRED_DOMAIN = 100;
/** the fewest values a column needs before all of them being distinct says it is a key */
export const MIN_UNIQUE_VALUES = 2;

export function inferSchema(profile: DatasetProfile): Schema {
  const columns = new Map<string, ColumnSchema>();
  for (const [name, column] of profile.columns) columns.set(name, inferColumn(column));
  return { version: SCHEMA_VERSION, columns };
}

function inferColumn(column: ColumnProfile): ColumnSchema {
  // a cell that did not fit the type inferred from earlier rows makes the column text
  const type: ColumnType = column.type && column.invalid === 0 ? column.type : "string";
  const numeric = column.numeric;
  const infinite = (numeric?.positiveInfinity ?? 0) + (numeric?.negativeInfinity ?? 0);
  const inferred: ColumnSchema = {
    type,
    required: true,
    presence: floorToHundredths(column.rows - column.missing, column.rows),
    nan: type === "float" && (numeric?.nan ?? 0) > 0,
    infinity: type === "float" && infinite > 0,
    unique: isKey(column, type),
  };
  const domain = type === column.type ? inferDomain(column) : undefined;
  if (domain) inferred.domain = domain;
  return inferred;
}

function floorToHundredths(part: number, whole: number): number {
  return whole === 0 ? 1 : Math.floor((part * 100) / whole) / 100;
}

/** Integer and string columns whose values were all distinct, counted exactly; floats and dates are distinct by nature. */
function isKey(column: ColumnProfile, type: ColumnType): boolean {
  const values = column.rows - column.missing - column.invalid;
  if (type !== column.type || values < MIN_UNIQUE_VALUES) return false;
  if (type === "integer") return column.numeric?.isDistinctExact === true && column.distinctEstimate() === values;
  if (type === "string") return column.text?.isExact === true && column.distinctEstimate() === values;
  return false;
}

/** The values of a string or boolean column whose values repeat, when there are few and they were counted exactly. */
function inferDomain(column: ColumnProfile): Domain | undefined {
  const text = column.text;
  if (!text?.isExact) return undefined;
  const distinct = text.distinctEstimate();
  if (distinct > MAX_INFERRED_DOMAIN || distinct >= text.count) return undefined;
  const values = text.items(MAX_INFERRED_DOMAIN).map(([value]) => value);
  if (column.type === "boolean") {
    return distinct === 1 ? { values: values.map((value) => value === "true"), minMass: 1 } : undefined;
  }
  return { values: values.sort(), minMass: 1 };
}
