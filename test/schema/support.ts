/** Real CSV files in a temp folder, profiled and checked the way validate-data does. */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { expect } from "vitest";
import { openTable } from "../../src/core/data/index.js";
import type { Table } from "../../src/core/data/table.js";
import { InputError } from "../../src/core/errors.js";
import { type DatasetProfile, profileTable } from "../../src/core/profile/index.js";
import { type Anomaly, type CheckOptions, checkTable, parseSchema } from "../../src/core/schema/index.js";
import { tempDir } from "../support/temp.js";

/** Writes the files (name → text) into a fresh folder and opens `spec` (default: every file given) there. */
export async function csvTable(files: Record<string, string>, batchRows?: number): Promise<Table> {
  const dir = await tempDir("mlgate-schema-");
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return openTable(Object.keys(files), { workspace: dir, env: {}, batchRows });
}

export async function profileCsv(text: string): Promise<DatasetProfile> {
  return profileTable(await csvTable({ "data.csv": text }));
}

/** The anomalies of `data.csv` (the text) against the schema (YAML text). */
export async function anomaliesOf(
  schemaText: string,
  csv: string,
  options: CheckOptions & { batchRows?: number } = {},
): Promise<Anomaly[]> {
  const table = await csvTable({ "data.csv": csv }, options.batchRows);
  return (await checkTable(table, parseSchema(schemaText, "schema.yml"), options)).anomalies;
}

/** The one anomaly of `kind` (failing when there is not exactly one). */
export function only(anomalies: readonly Anomaly[], kind: Anomaly["kind"]): Anomaly {
  const found = anomalies.filter((anomaly) => anomaly.kind === kind);
  expect(found, `anomalies of kind ${kind} in ${JSON.stringify(anomalies)}`).toHaveLength(1);
  return found[0] as Anomaly;
}

/** The InputError that parsing `text` as schema.yml throws. */
export function schemaError(text: string): InputError {
  try {
    parseSchema(text, "schema.yml");
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error("expected the schema to be refused");
}

/** A CSV file's text from a header and rows of cells. */
export function csv(header: string, rows: readonly (string | number)[]): string {
  return `${header}\n${rows.join("\n")}\n`;
}
