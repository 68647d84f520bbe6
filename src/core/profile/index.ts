export { type CellExample, ColumnProfile, MAX_EXAMPLES, TypeMismatch } from "./column-profile.js";
export { COLUMN_TYPES, type ColumnType, isNumericType, type NumericType } from "./column-type.js";
export { DatasetProfile, type ProfiledSource, type ProfileOptions, profileTable } from "./dataset-profile.js";
export { DISTINCT_STANDARD_ERROR } from "./distinct-sketch.js";
export {
  type ColumnDocument,
  PROFILE_FORMAT,
  PROFILE_VERSION,
  type ProfileDocument,
  readProfileDocument,
  toProfileDocument,
} from "./document.js";
export { FREQUENT_CAPACITY, FrequentItems } from "./frequent-items.js";
export { mergeProfiles, type ShardProfile } from "./merge-profiles.js";
export { NumericStats } from "./numeric-stats.js";
export { EXACT_CAPACITY, QuantileSketch, RELATIVE_ACCURACY } from "./quantile-sketch.js";
export {
  cellText,
  INVALID,
  MISSING,
  type NumericColumn,
  type TextColumn,
  type TypedColumn,
  typeColumn,
  VALUE,
} from "./typed-column.js";
