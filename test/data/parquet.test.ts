/** Parquet: the type mapping, row groups into bounded batches, a forward-only body, bad files. */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { ByteSource } from "../../src/core/data/byte-source.js";
import { openTable } from "../../src/core/data/index.js";
import { localSource } from "../../src/core/data/local-files.js";
import { readParquet } from "../../src/core/data/parquet.js";
import { InputError } from "../../src/core/errors.js";
import { tempDir } from "../support/temp.js";
import { asObjects, collect, readTable } from "./read.js";

const fixtures = fileURLToPath(new URL("../fixtures/data/", import.meta.url));

describe("reading Parquet", () => {
  it("maps every type: safe INT64 to numbers, others to bigint, dates, decimals, strings, nulls, JSON text", async () => {
    const table = await openTable("types.parquet", { workspace: fixtures, env: {} });
    const read = await readTable(table);
    expect(read.names).toEqual(["id", "count", "big", "score", "name", "flag", "at", "day", "price", "meta"]);
    expect(read.lines).toEqual([]);
    const rows = asObjects(read);
    expect(rows).toHaveLength(9);
    expect(rows[4]).toEqual({
      id: 4,
      count: 4000,
      big: 2n ** 60n + 4n,
      score: 1,
      name: null,
      flag: true,
      at: new Date("2024-01-05T12:00:00Z"),
      day: new Date("2024-01-05T00:00:00Z"),
      price: 11,
      meta: '{"row":4,"tags":["a","b"]}',
    });
    expect(rows.map((row) => row.name)).toEqual([
      "name 0",
      "name 1",
      "name 2",
      "name 3",
      null,
      "name 5",
      "name 6",
      "name 7",
      "name 8",
    ]);
  });

  it("reads row group by row group into batches of at most batchRows, gzip pages included", async () => {
    const table = await openTable("groups.parquet", { workspace: fixtures, env: {}, batchRows: 300 });
    const read = await readTable(table);
    expect(read.batches.every((batch) => batch.rowCount <= 300 && batch.source === "groups.parquet")).toBe(true);
    // five row groups of 1000 rows: 300, 300, 300, 100 each
    expect(read.batches).toHaveLength(20);
    expect(read.rows).toEqual(Array.from({ length: 5000 }, (_, row) => [row, row / 2]));
    const bytes = readFileSync(join(fixtures, "groups.parquet"));
    expect(table.fingerprints().get("groups.parquet")).toEqual({
      digest: `sha256:${createHash("sha256").update(bytes).digest("hex")}`,
      bytes: bytes.length,
      rows: 5000,
    });
    expect(table.progress()).toEqual({ bytesRead: bytes.length, totalBytes: bytes.length, rows: 5000 });
  });

  it("reads only the footer by range and the body as one forward stream, in small chunks", async () => {
    const path = join(fixtures, "groups.parquet");
    const size = readFileSync(path).length;
    const file = localSource(path, "groups.parquet", size);
    const ranges: [number, number][] = [];
    let largestChunk = 0;
    const source: ByteSource = {
      ...file,
      read: (start, end) => {
        ranges.push([start, end]);
        return file.read(start, end);
      },
    };
    async function* body(): AsyncGenerator<Buffer> {
      for await (const chunk of file.stream()) {
        for (let start = 0; start < chunk.length; start += 1000) {
          const piece = chunk.subarray(start, start + 1000);
          largestChunk = Math.max(largestChunk, piece.length);
          yield piece;
        }
      }
    }
    const read = await collect(readParquet(source, body()));
    expect(read.rows).toHaveLength(5000);
    expect(largestChunk).toBe(1000);
    // one read of the file's tail for the footer; hyparquet asks for a whole tail of a small file
    expect(ranges).toEqual([[Math.max(0, size - 65_536), size]]);
  });

  it("refuses a file that is not Parquet, or is cut short", async () => {
    const workspace = await tempDir("mlgate-data-");
    await writeFile(join(workspace, "text.parquet"), "id,value\n1,2\n");
    await writeFile(join(workspace, "cut.parquet"), readFileSync(join(fixtures, "types.parquet")).subarray(0, 2000));
    for (const name of ["text.parquet", "cut.parquet"]) {
      const table = await openTable(name, { workspace, env: {} });
      const failure = await readTable(table).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(InputError);
      expect((failure as Error).message).toMatch(
        new RegExp(`^${name.replace(".", "\\.")}: is not a readable Parquet file \\(.+\\) — check the path`),
      );
      expect(table.fingerprints().size).toBe(0);
    }
  });
});
