/**
 * One measurement per process, so the peak RSS it reports is that measurement's alone:
 *   child.ts profile <csv> [<profile-out.json>]   mlgate: open, profile, serialize the document
 *   child.ts validate <schema.yml> <csv>          mlgate: profile and check against the schema in the same pass
 *   child.ts drift <reference.json> <csv>         mlgate: read the stored reference profile, profile the CSV, compare
 *   child.ts duckdb <csv> <threads>               anchor: DuckDB SUMMARIZE SELECT * FROM read_csv(...)
 * Prints one JSON line: { seconds, maxRssKb, rows, detail }. Imports load before the clock starts.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { openTable } from "../../src/core/data/index.js";
import { type DriftResult, detectDrift } from "../../src/core/drift/index.js";
import {
  type DatasetProfile,
  profileTable,
  readProfileDocument,
  toProfileDocument,
} from "../../src/core/profile/index.js";
import { checkTable, formatSchema, inferSchema, readSchema } from "../../src/core/schema/index.js";
import { schemaFileOf } from "./schema-file.js";

export interface ChildResult {
  seconds: number;
  /** process.resourceUsage().maxRSS: the peak resident set of this process, in KB */
  maxRssKb: number;
  rows: number;
  detail: string;
}

const [mode, first = "", second = ""] = process.argv.slice(2);

async function profileFile(file: string): Promise<DatasetProfile> {
  return profileTable(await openTable(file, { workspace: process.cwd(), env: {} }));
}

/** The comparison the drift measurement times: the stored reference profile against the current data's. */
function compareWithReference(reference: DatasetProfile, current: DatasetProfile): DriftResult {
  return detectDrift(reference, current);
}

async function profile(file: string, out: string): Promise<Omit<ChildResult, "maxRssKb">> {
  const start = performance.now();
  const profiled = await profileFile(file);
  const document = toProfileDocument(profiled);
  const json = JSON.stringify(document);
  if (out !== "") writeFileSync(out, json);
  const seconds = (performance.now() - start) / 1000;
  // the schema the validate measurement checks against, written after the clock stops
  if (out !== "") writeFileSync(schemaFileOf(out), formatSchema(inferSchema(profiled)));
  const types = document.columns.map((column) => column.type ?? "none");
  return { seconds, rows: document.rows, detail: `${document.columns.length} columns: ${summarizeTypes(types)}` };
}

async function validate(schemaFile: string, file: string): Promise<Omit<ChildResult, "maxRssKb">> {
  const start = performance.now();
  const schema = await readSchema(schemaFile);
  const { profile, anomalies } = await checkTable(await openTable(file, { workspace: process.cwd(), env: {} }), schema);
  toProfileDocument(profile);
  const seconds = (performance.now() - start) / 1000;
  return {
    seconds,
    rows: profile.rows,
    detail: `${anomalies.length} anomalies against the schema inferred from the reference`,
  };
}

async function drift(referenceFile: string, file: string): Promise<Omit<ChildResult, "maxRssKb">> {
  const start = performance.now();
  const reference = readProfileDocument(JSON.parse(readFileSync(referenceFile, "utf8")), referenceFile);
  const read = performance.now();
  const current = await profileFile(file);
  const profiled = performance.now();
  const result = compareWithReference(reference, current);
  const end = performance.now();
  const split = [
    `reference read ${((read - start) / 1000).toFixed(2)} s`,
    `current profiled ${((profiled - read) / 1000).toFixed(2)} s`,
    `compared ${((end - profiled) / 1000).toFixed(2)} s`,
  ];
  return {
    seconds: (end - start) / 1000,
    rows: current.rows,
    detail: `drifted: ${result.driftedColumns.join(" ") || "none"} (${split.join(", ")})`,
  };
}

async function duckdb(file: string, threads: string): Promise<Omit<ChildResult, "maxRssKb">> {
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const instance = await DuckDBInstance.create(":memory:", { threads });
  const connection = await instance.connect();
  const start = performance.now();
  const reader = await connection.runAndReadAll(`SUMMARIZE SELECT * FROM read_csv('${file.replaceAll("'", "''")}')`);
  const summary = reader.getRowObjects();
  const seconds = (performance.now() - start) / 1000;
  connection.closeSync();
  instance.closeSync();
  const rows = Number(summary[0]?.count ?? 0);
  const types = summary.map((row) => String(row.column_type));
  return { seconds, rows, detail: `${summary.length} columns: ${summarizeTypes(types)}` };
}

function summarizeTypes(types: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const type of types) counts.set(type, (counts.get(type) ?? 0) + 1);
  return [...counts].map(([type, count]) => `${count} ${type}`).join(", ");
}

const run =
  mode === "profile"
    ? profile(first, second)
    : mode === "drift"
      ? drift(first, second)
      : mode === "validate"
        ? validate(first, second)
        : mode === "duckdb"
          ? duckdb(first, second || "2")
          : Promise.reject(new Error(`unknown mode ${mode}`));
const result: ChildResult = { ...(await run), maxRssKb: process.resourceUsage().maxRSS };
process.stdout.write(`${JSON.stringify(result)}\n`);
