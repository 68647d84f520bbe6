/**
 * The profile of a dataset: its sources (name, digest, bytes, rows), row count and one
 * ColumnProfile per column, built in a single streaming pass over a Table. Merging two profiles of
 * disjoint sources gives the profile of their union: counts and moments add, sketches merge.
 */

import type { RecordBatch, SourceFingerprint, Table } from "../data/table.js";
import { datasetDigest } from "../digest.js";
import { ColumnProfile } from "./column-profile.js";
import type { ColumnType } from "./column-type.js";
import type { TypedColumn } from "./typed-column.js";

export interface ProfiledSource extends SourceFingerprint {
  name: string;
}

export interface ProfileOptions {
  /** Declared column types (from a schema); other columns are inferred. */
  types?: ReadonlyMap<string, ColumnType>;
  /** Sees every batch with its columns typed, in the same pass (schema checks). */
  onBatch?: (batch: RecordBatch, typed: ReadonlyMap<string, TypedColumn>) => void;
}

export class DatasetProfile {
  rows = 0;
  readonly columns = new Map<string, ColumnProfile>();
  readonly sources: ProfiledSource[] = [];
  /** the integer and float columns so far: a text reader may hand their plain decimals over as numbers */
  readonly numericHints = new Map<string, "integer" | "float">();

  /** sha256 over the sorted source digests: the same files give the same digest, however split. */
  get digest(): string {
    return datasetDigest(this.sources.map((source) => source.digest));
  }

  addBatch(batch: RecordBatch, options: ProfileOptions = {}): ReadonlyMap<string, TypedColumn> {
    const typed = new Map<string, TypedColumn>();
    const present = new Set<string>();
    batch.names.forEach((name, index) => {
      present.add(name);
      let column = this.columns.get(name);
      if (!column) {
        column = new ColumnProfile(name, options.types?.get(name), options.types?.has(name));
        column.addAbsentRows(this.rows);
        this.columns.set(name, column);
      }
      const result = column.addBatch(batch.columns[index] ?? [], batch);
      if (result) typed.set(name, result);
      if (column.type === "integer" || column.type === "float") this.numericHints.set(name, column.type);
    });
    for (const [name, column] of this.columns) if (!present.has(name)) column.addAbsentRows(batch.rowCount);
    this.rows += batch.rowCount;
    return typed;
  }

  merge(other: DatasetProfile): void {
    for (const name of other.columns.keys()) {
      if (this.columns.has(name)) continue;
      const absent = new ColumnProfile(name, undefined);
      absent.addAbsentRows(this.rows);
      this.columns.set(name, absent);
    }
    for (const [name, column] of this.columns) {
      const theirs = other.columns.get(name);
      if (theirs) column.merge(theirs);
      else column.addAbsentRows(other.rows);
    }
    this.rows += other.rows;
    this.sources.push(...other.sources);
  }
}

export async function profileTable(table: Table, options: ProfileOptions = {}): Promise<DatasetProfile> {
  const profile = new DatasetProfile();
  for await (const batch of table.batches({ numericHints: profile.numericHints })) {
    const typed = profile.addBatch(batch, options);
    options.onBatch?.(batch, typed);
  }
  for (const [name, fingerprint] of table.fingerprints()) profile.sources.push({ name, ...fingerprint });
  return profile;
}
