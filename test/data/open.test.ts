/** Opening local sources: paths, globs and lists in a fixed order, formats, gzip, progress and fingerprints. */
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { openTable } from "../../src/core/data/index.js";
import { InputError } from "../../src/core/errors.js";
import { tempDir } from "../support/temp.js";
import { readTable } from "./read.js";

async function workspaceWith(files: Record<string, string | Buffer>): Promise<string> {
  const workspace = await tempDir("mlgate-data-");
  for (const [name, content] of Object.entries(files)) {
    await mkdir(dirname(join(workspace, name)), { recursive: true });
    await writeFile(join(workspace, name), content);
  }
  return workspace;
}

const sha256 = (data: string | Buffer) => `sha256:${createHash("sha256").update(data).digest("hex")}`;

describe("opening local sources", () => {
  const files = {
    "data/b.csv": "x\n2\n",
    "data/a.csv": "x\n1\n",
    "data/sub/c.csv": "x\n3\n",
    "data/sub/deeper/d.csv": "x\n4\n",
    "data/.hidden.csv": "x\n0\n",
    "data/notes.txt": "not data",
    "data/e.jsonl": '{"x": 5}\n',
  };

  it("expands globs in name order, `**` at any depth, skipping dot files", async () => {
    const workspace = await workspaceWith(files);
    const open = (spec: string) => openTable(spec, { workspace, env: {} });
    expect((await open("data/*.csv")).sources).toEqual(["data/a.csv", "data/b.csv"]);
    expect((await open("data/**/*.csv")).sources).toEqual([
      "data/a.csv",
      "data/b.csv",
      "data/sub/c.csv",
      "data/sub/deeper/d.csv",
    ]);
    expect((await open("data/*/*.csv")).sources).toEqual(["data/sub/c.csv"]);
    expect((await open("data/{b,e}.*")).sources).toEqual(["data/b.csv", "data/e.jsonl"]);
    expect((await open("data/?.csv")).sources).toEqual(["data/a.csv", "data/b.csv"]);
    expect((await open(join(workspace, "data/[ab].csv"))).sources).toEqual(["data/a.csv", "data/b.csv"]);
  });

  it("keeps a list in the order given, once each, across commas, new lines and arrays", async () => {
    const workspace = await workspaceWith(files);
    const table = await openTable(["data/sub/c.csv, data/b.csv\n data/*.csv", "data/e.jsonl"], { workspace, env: {} });
    expect(table.sources).toEqual(["data/sub/c.csv", "data/b.csv", "data/a.csv", "data/e.jsonl"]);
    const read = await readTable(table);
    expect(read.rows).toEqual([["3"], ["2"], ["1"], [5]]);
    expect(read.batches.map((batch) => batch.source)).toEqual(table.sources);
  });

  it("shows a path outside the workspace as it is", async () => {
    const elsewhere = await workspaceWith({ "one.csv": "x\n1\n" });
    const workspace = await tempDir("mlgate-data-");
    const table = await openTable(join(elsewhere, "one.csv"), { workspace, env: {} });
    expect(table.sources).toEqual([join(elsewhere, "one.csv")]);
  });

  it("says what matched nothing", async () => {
    const workspace = await workspaceWith(files);
    const fails = (spec: string) => openTable(spec, { workspace, env: {} });
    const where = `check the pattern (relative paths start at the workspace, ${workspace})`;
    await expect(fails("data/*.parquet")).rejects.toThrow(
      new InputError("no file matches", { file: "data/*.parquet" }, where),
    );
    await expect(fails("missing/**/*.csv")).rejects.toThrow(`missing/**/*.csv: no file matches — ${where}`);
    await expect(fails("data/nope.csv")).rejects.toThrow(
      `data/nope.csv: not found — check the path (relative paths start at the workspace, ${workspace})`,
    );
    await expect(fails("data")).rejects.toThrow(
      "data: is a folder, not a data file — name the files, or a glob such as data/*.csv",
    );
    await expect(fails(" , \n")).rejects.toThrow(
      "no data source given — name files, globs or blob URLs, separated by commas or new lines",
    );
  });

  it("takes the format from the extension, or as given", async () => {
    const workspace = await workspaceWith({ ...files, "data/t.tsv": "x\ty\n1,5\t2\n", "data/n.ndjson": '{"x": 1}\n' });
    expect((await readTable(await openTable("data/t.tsv", { workspace, env: {} }))).rows).toEqual([["1,5", "2"]]);
    expect((await readTable(await openTable("data/n.ndjson", { workspace, env: {} }))).rows).toEqual([[1]]);
    await expect(openTable("data/notes.txt", { workspace, env: {} })).rejects.toThrow(
      "data/notes.txt: cannot tell the data format from the file name — name files .csv, .tsv, .jsonl, .ndjson or .parquet (.gz for gzipped text), or set the format",
    );
    const forced = await openTable("data/notes.txt", { workspace, env: {}, format: "csv" });
    await expect(readTable(forced)).rejects.toThrow("data/notes.txt: has a header row but no data rows");
  });

  it("inflates .gz text as it streams, fingerprinting the stored bytes", async () => {
    const gzipped = gzipSync("x,y\n1,2\n3,4\n");
    const workspace = await workspaceWith({ "d.csv.gz": gzipped, "bad.jsonl.gz": "not gzip at all" });
    const table = await openTable("d.csv.gz", { workspace, env: {} });
    expect((await readTable(table)).rows).toEqual([
      ["1", "2"],
      ["3", "4"],
    ]);
    expect(table.fingerprints().get("d.csv.gz")).toEqual({ digest: sha256(gzipped), bytes: gzipped.length, rows: 2 });
    await expect(readTable(await openTable("bad.jsonl.gz", { workspace, env: {} }))).rejects.toThrow(
      /^bad\.jsonl\.gz: is not valid gzip \(.+\) — check the file, or drop the \.gz from its name if it is not compressed$/,
    );
  });

  it("counts progress and fingerprints each source once read, afresh on every read", async () => {
    const workspace = await workspaceWith(files);
    const table = await openTable("data/a.csv,data/sub/c.csv", { workspace, env: {} });
    const total =
      (await readFile(join(workspace, "data/a.csv"))).length +
      (await readFile(join(workspace, "data/sub/c.csv"))).length;
    expect(table.progress()).toEqual({ bytesRead: 0, totalBytes: total, rows: 0 });
    for (let round = 0; round < 2; round++) {
      const seen: number[] = [];
      for await (const batch of table.batches()) seen.push(batch.rowCount, table.progress().rows);
      expect(seen).toEqual([1, 1, 1, 2]);
      expect(table.progress()).toEqual({ bytesRead: total, totalBytes: total, rows: 2 });
      expect([...table.fingerprints()]).toEqual([
        ["data/a.csv", { digest: sha256(files["data/a.csv"]), bytes: 4, rows: 1 }],
        ["data/sub/c.csv", { digest: sha256(files["data/sub/c.csv"]), bytes: 4, rows: 1 }],
      ]);
    }
  });

  it("fingerprints nothing of a source that fails", async () => {
    const workspace = await workspaceWith({ "good.csv": "x\n1\n", "bad.csv": "x,y\n1\n" });
    const table = await openTable("good.csv,bad.csv", { workspace, env: {} });
    await expect(readTable(table)).rejects.toThrow("bad.csv:2:2: row has 1 field but the header has 2");
    expect([...table.fingerprints().keys()]).toEqual(["good.csv"]);
  });
});

describe("the data modules", () => {
  const folder = new URL("../../src/core/data/", import.meta.url);

  it("leave the environment to the host and load the Azure SDK only for blob sources", async () => {
    const names = (await readdir(folder)).filter((name) => name.endsWith(".ts"));
    expect(names.length).toBeGreaterThan(10);
    for (const name of names) {
      const source = await readFile(new URL(name, folder), "utf8");
      expect(source, name).not.toContain("process.env");
      const runtimeImports = source.match(/^import (?!type )[^;]*from "[^"]+";/gms) ?? [];
      const azure = runtimeImports.filter((line) => /@azure\/|store\/blob-connect/.test(line));
      if (name !== "blob-source.ts") expect(azure, name).toEqual([]);
    }
  });
});
