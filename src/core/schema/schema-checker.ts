/**
 * Checks a dataset against its schema in the profile's single streaming pass: checkBatch sees every
 * batch as profileTable types it (with the schema's declared types), finish adds the checks that
 * need the whole dataset. Memory stays bounded: per check a count and a few examples, and for
 * `unique` columns at most UNIQUE_CAPACITY remembered values.
 */
import type { RecordBatch, Table } from "../data/table.js";
import { type DatasetProfile, profileTable, type TypedColumn } from "../profile/index.js";
import type { Anomaly } from "./anomaly.js";
import { type CheckOptions, ColumnChecker } from "./column-checker.js";
import { describeBounds, plural } from "./describe.js";
import { declaredTypes, type Schema } from "./schema.js";

export class SchemaChecker {
  private readonly columns = new Map<string, ColumnChecker>();

  constructor(
    readonly schema: Schema,
    options: CheckOptions = {},
  ) {
    for (const [name, column] of schema.columns) this.columns.set(name, new ColumnChecker(name, column, options));
  }

  checkBatch(batch: RecordBatch, typed: ReadonlyMap<string, TypedColumn>): void {
    batch.names.forEach((name, index) => {
      const checker = this.columns.get(name);
      if (!checker) return;
      const column = typed.get(name);
      if (!column) throw new Error(`column '${name}' was not typed: give profileTable declaredTypes(schema)`);
      checker.check(batch, batch.columns[index] ?? [], column);
    });
  }

  /** Every anomaly: the row count's, then each schema column's in schema order, then the columns the schema lacks. */
  finish(profile: DatasetProfile): Anomaly[] {
    const anomalies: Anomaly[] = [];
    const { rows } = this.schema;
    const { min = 0, max = Number.POSITIVE_INFINITY } = rows ?? {};
    if (rows && (profile.rows < min || profile.rows > max)) {
      anomalies.push({
        kind: "rows",
        severity: "error",
        observed: plural(profile.rows, "row"),
        expected: `${describeBounds(rows)} rows`,
        count: profile.rows,
        examples: [],
      });
    }
    for (const [name, checker] of this.columns)
      anomalies.push(...checker.finish(profile.columns.get(name), profile.rows));
    for (const [name, column] of profile.columns) {
      if (this.columns.has(name)) continue;
      anomalies.push({
        column: name,
        kind: "new-column",
        severity: "warning",
        observed: `a column the schema does not list (${column.type ?? "no values"})`,
        expected: "only the schema's columns: add it to the schema, or drop it from the data",
        count: column.rows - column.missing,
        examples: [],
      });
    }
    return anomalies;
  }
}

/** Profiles the table with the schema's types and checks it in the same pass. */
export async function checkTable(
  table: Table,
  schema: Schema,
  options: CheckOptions = {},
): Promise<{ profile: DatasetProfile; anomalies: Anomaly[] }> {
  const checker = new SchemaChecker(schema, options);
  const profile = await profileTable(table, {
    types: declaredTypes(schema),
    onBatch: (batch, typed) => checker.checkBatch(batch, typed),
  });
  return { profile, anomalies: checker.finish(profile) };
}
