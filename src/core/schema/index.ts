/** The data schema of validate-data: reading schema.yml, checking data against it, and inferring a first one. */
export type { Anomaly, AnomalyKind, Severity } from "./anomaly.js";
export type { CheckOptions } from "./column-checker.js";
export { formatSchema } from "./format-schema.js";
export { inferSchema, MAX_INFERRED_DOMAIN, MIN_UNIQUE_VALUES } from "./infer-schema.js";
export { parseSchema, readSchema } from "./parse-schema.js";
export {
  type Bounds,
  type ColumnSchema,
  type Domain,
  type DomainValue,
  declaredTypes,
  SCHEMA_VERSION,
  type Schema,
} from "./schema.js";
export { checkTable, SchemaChecker } from "./schema-checker.js";
export { UNIQUE_CAPACITY, UNIQUE_CHARACTERS } from "./unique-values.js";
