/**
 * The fast path for flat DOUBLE and FLOAT columns: what it reads equals hyparquet's own reading
 * (plain and dictionary pages, several pages and row groups), it
 * hands doubles over as a Float64Array, and a column with a null takes the generic path.
 */

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parquetReadObjects } from "hyparquet";
import { type ColumnSource, parquetWriteBuffer } from "hyparquet-writer";
import { describe, expect, it } from "vitest";
import { openTable } from "../../src/core/data/index.js";
import { tempDir } from "../support/temp.js";

async function readAll(bytes: Buffer) {
  const workspace = await tempDir("mlgate-parquet-");
  writeFileSync(join(workspace, "doubles.parquet"), bytes);
  const table = await openTable("doubles.parquet", { workspace, env: {}, batchRows: 3000 });
  const batches = [];
  for await (const batch of table.batches()) batches.push(batch);
  return batches;
}

describe("reading flat double columns", () => {
  const rows = 12_000;
  const wave = Array.from({ length: rows }, (_, i) => Math.sin(i) * 1e3);
  const repeated = Array.from({ length: rows }, (_, i) => [0.5, -2.25, 1e-300, Number.NaN][i % 4] as number);
  const floats = new Float32Array(Array.from({ length: rows }, (_, i) => i / 7));
  const withNull = Array.from({ length: rows }, (_, i) => (i === 5000 ? null : i * 0.5));
  const columnData: ColumnSource[] = [
    { name: "wave", data: wave, type: "DOUBLE" },
    { name: "repeated", data: repeated, type: "DOUBLE", encoding: "RLE_DICTIONARY" },
    { name: "single", data: floats, type: "FLOAT" },
    { name: "with_null", data: withNull, type: "DOUBLE" },
    { name: "label", data: Array.from({ length: rows }, (_, i) => i % 3), type: "INT32" },
  ];
  const bytes = Buffer.from(parquetWriteBuffer({ columnData, rowGroupSize: 5000, pageSize: 16_384 }));

  it("reads exactly what hyparquet reads, doubles as Float64Array, a column with a null as cells", async () => {
    const batches = await readAll(bytes);
    expect(batches.reduce((sum, batch) => sum + batch.rowCount, 0)).toBe(rows);
    const expected = await parquetReadObjects({ file: new Uint8Array(bytes).buffer });
    const column = (name: string) =>
      batches.flatMap((batch) => Array.from(batch.columns[batch.names.indexOf(name)] ?? []));
    for (const name of ["wave", "repeated", "single", "with_null", "label"]) {
      expect(column(name), name).toEqual(expected.map((row) => row[name]));
    }
    const kind = (batch: number, name: string) =>
      batches[batch]?.columns[batches[batch]?.names.indexOf(name) ?? -1]?.constructor.name;
    expect(kind(0, "wave")).toBe("Float64Array");
    expect(kind(0, "repeated")).toBe("Float64Array");
    expect(kind(0, "single")).toBe("Float64Array");
    // row groups of 5000 rows in batches of 3000: the null at row 5000 is in the third batch's group
    expect(kind(0, "with_null")).toBe("Float64Array");
    expect(kind(2, "with_null")).toBe("Array");
    expect(column("with_null")[5000]).toBeNull();
  });
});
