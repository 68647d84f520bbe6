/** Blob sources on Azurite: az:// and URL globs, streaming, SAS URLs, and what bad ones say. */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { BlobServiceClient, ContainerSASPermissions } from "@azure/storage-blob";
import { describe, expect, inject, it } from "vitest";
import { openTable } from "../../src/core/data/index.js";
import { InputError } from "../../src/core/errors.js";
import { uniqueContainer } from "../support/stores.js";
import { readTable } from "./read.js";

const azurite = () => inject("azuriteConnectionString");
const endpoint = () => /BlobEndpoint=([^;]+)/.exec(azurite())?.[1] ?? "";
const env = () => ({ AZURE_STORAGE_CONNECTION_STRING: azurite() });
const sha256 = (data: string | Buffer) => `sha256:${createHash("sha256").update(data).digest("hex")}`;

async function containerWith(files: Record<string, string | Buffer>) {
  const name = uniqueContainer();
  const container = BlobServiceClient.fromConnectionString(azurite()).getContainerClient(name);
  await container.create();
  for (const [path, content] of Object.entries(files)) {
    const data = typeof content === "string" ? Buffer.from(content) : content;
    await container.getBlockBlobClient(path).uploadData(data);
  }
  return { name, container };
}

const files = {
  "data/b.csv": "x,y\n3,4\n",
  "data/a.csv": "x,y\n1,2\n",
  "data/sub/c.csv": "x,y\n5,6\n",
  "other/d.csv": "x,y\n7,8\n",
};

describe("blob sources", () => {
  it("expands an az:// glob in name order and streams each blob with the connection string", async () => {
    const { name } = await containerWith(files);
    const table = await openTable(`az://${name}/data/*.csv`, { workspace: "/", env: env() });
    expect(table.sources).toEqual([`az://${name}/data/a.csv`, `az://${name}/data/b.csv`]);
    const read = await readTable(table);
    expect(read.rows).toEqual([
      ["1", "2"],
      ["3", "4"],
    ]);
    expect(table.fingerprints().get(`az://${name}/data/b.csv`)).toEqual({
      digest: sha256(files["data/b.csv"]),
      bytes: 8,
      rows: 1,
    });
    expect(table.progress()).toEqual({ bytesRead: 16, totalBytes: 16, rows: 2 });
  });

  it("reads Azurite URLs, `**` globs and single blobs", async () => {
    const { name } = await containerWith(files);
    const base = `${endpoint()}/${name}`;
    const table = await openTable(`${base}/data/**/*.csv\n${base}/other/d.csv`, { workspace: "/", env: env() });
    expect(table.sources).toEqual([
      `${base}/data/a.csv`,
      `${base}/data/b.csv`,
      `${base}/data/sub/c.csv`,
      `${base}/other/d.csv`,
    ]);
    expect((await readTable(table)).rows.map((row) => row[0])).toEqual(["1", "3", "5", "7"]);
  });

  it("streams a large blob instead of downloading it first", async () => {
    let csv = "id,value\n";
    for (let row = 0; row < 200_000; row++) csv += `${row},${row % 97}\n`;
    const { name } = await containerWith({ "big.csv": csv });
    const table = await openTable(`az://${name}/big.csv`, { workspace: "/", env: env() });
    const readAtFirstBatch: number[] = [];
    let rows = 0;
    for await (const batch of table.batches()) {
      if (rows === 0) readAtFirstBatch.push(table.progress().bytesRead);
      rows += batch.rowCount;
    }
    expect(rows).toBe(200_000);
    expect(readAtFirstBatch[0]).toBeLessThan(csv.length / 2);
    expect(table.fingerprints().get(`az://${name}/big.csv`)?.digest).toBe(sha256(csv));
  });

  it("reads Parquet from a blob: the footer by range, the body as one stream", async () => {
    const parquet = readFileSync(new URL("../fixtures/data/groups.parquet", import.meta.url));
    const { name } = await containerWith({ "g.parquet": parquet });
    const table = await openTable(`az://${name}/g.parquet`, { workspace: "/", env: env() });
    expect((await readTable(table)).rows).toHaveLength(5000);
    expect(table.fingerprints().get(`az://${name}/g.parquet`)).toEqual({
      digest: sha256(parquet),
      bytes: parquet.length,
      rows: 5000,
    });
  });

  it("reads with a SAS URL's token and never shows it", async () => {
    const { name, container } = await containerWith(files);
    const sasUrl = await container.generateSasUrl({
      permissions: ContainerSASPermissions.parse("rl"),
      expiresOn: new Date(Date.now() + 3_600_000),
    });
    const query = new URL(sasUrl).search;
    const base = `${endpoint()}/${name}`;
    const table = await openTable(`${base}/data/*.csv${query}`, { workspace: "/", env: {} });
    expect(table.sources).toEqual([`${base}/data/a.csv`, `${base}/data/b.csv`]);
    expect((await readTable(table)).rows).toHaveLength(2);
    const missing = await openTable(`${base}/data/none.csv${query}`, { workspace: "/", env: {} }).catch(
      (error: unknown) => error,
    );
    expect(missing).toBeInstanceOf(InputError);
    expect((missing as Error).message).toBe(`${base}/data/none.csv: not found — check the container and the path`);
  });

  it("says what is missing or denied, in one line without secrets", async () => {
    const { name } = await containerWith(files);
    const open = (spec: string, environment: Record<string, string> = env()) =>
      openTable(spec, { workspace: "/", env: environment });
    await expect(open(`az://${name}/data/none.csv`)).rejects.toThrow(
      `az://${name}/data/none.csv: not found — check the container and the path`,
    );
    await expect(open(`az://${name}/data/*.parquet`)).rejects.toThrow(
      `az://${name}/data/*.parquet: no blob matches — check the container and the pattern`,
    );
    await expect(open(`az://${uniqueContainer()}/data/*.csv`)).rejects.toThrow(
      /: the container does not exist — check the container and the path$/,
    );
    const wrongKey = Buffer.from("not-the-key".repeat(4)).toString("base64");
    const denied = await open(`az://${name}/data/a.csv`, {
      AZURE_STORAGE_CONNECTION_STRING: azurite().replace(/AccountKey=[^;]+/, `AccountKey=${wrongKey}`),
    }).catch((error: unknown) => error);
    expect(denied).toBeInstanceOf(InputError);
    expect((denied as Error).message).toMatch(
      new RegExp(
        `^az://${name}/data/a\\.csv: access was denied \\(403[^)]*\\) — check AZURE_STORAGE_CONNECTION_STRING`,
      ),
    );
    expect((denied as Error).message).not.toContain(wrongKey);
    await expect(open("az://models/x.csv", {})).rejects.toThrow(
      "az://models/x.csv: an az:// data source needs the storage account: set AZURE_STORAGE_ACCOUNT or AZURE_STORAGE_CONNECTION_STRING",
    );
  });

  it("refuses malformed blob locations before loading the SDK", async () => {
    const open = (spec: string) => openTable(spec, { workspace: "/", env: {} });
    const forms = "use az://<container>/<path> or https://<account>.blob.core.windows.net/<container>/<path>";
    await expect(open("https://example.com/data/x.csv?sig=S3CR3T")).rejects.toThrow(
      `https://example.com/data/x.csv: is not a blob storage URL with a storage account name — ${forms}`,
    );
    await expect(open("az://Bad_Name/x.csv")).rejects.toThrow(
      `az://Bad_Name/x.csv: has an invalid container name "Bad_Name" — ${forms}; containers are 3–63 lowercase letters, digits and single hyphens`,
    );
    await expect(open("https://acct1.blob.core.windows.net/data/")).rejects.toThrow(
      "https://acct1.blob.core.windows.net/data/: names a folder, not files — name the blobs, or a glob such as https://acct1.blob.core.windows.net/data/*.csv",
    );
  });
});
