/**
 * Listing versions reads summary pages and listing metadata, never manifests: 10,000 versions list in
 * well under a second, and the number of storage requests grows with pages, not versions.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, inject, it } from "vitest";
import { encodeEntry } from "../../src/core/store/file-entry.js";
import { keys } from "../../src/core/store/layout.js";
import { mapLimit } from "../../src/core/store/limit.js";
import type { SummaryPage, VersionSummary } from "../../src/core/store/summaries.js";
import { type FaultProxy, startFaultProxy } from "../support/fault-proxy.js";
import { openBackend, openStore, storeCases, uniqueContainer } from "../support/stores.js";
import { memoryTempDir } from "../support/temp.js";
import { newVersion } from "../support/versions.js";

const COUNT = 10_000;

function summary(version: number): VersionSummary {
  return {
    version,
    digest: `sha256:${version.toString(16).padStart(64, "0")}`,
    createdAt: new Date(Date.UTC(2026, 0, 1) + version * 1000).toISOString(),
  };
}

function manifestBytes({ version, digest, createdAt }: VersionSummary): Buffer {
  return Buffer.from(JSON.stringify({ schema: "mlgate.version/1", model: "big", version, createdAt, digest }));
}

async function timedListing(list: () => Promise<VersionSummary[]>) {
  const start = performance.now();
  const versions = await list();
  return { versions, elapsed: performance.now() - start };
}

describe("listing many versions", () => {
  it(`lists ${COUNT + 1} versions of a folder store in well under a second`, async () => {
    const store = { location: "registry", workspace: await memoryTempDir(), env: {} };
    const registry = await openStore(store);
    // the bytes the file backend writes (same encoder), without one fsync per seeded file
    const folder = join(store.workspace, "registry", "models", "big", "versions");
    mkdirSync(folder, { recursive: true });
    for (let version = 1; version <= COUNT; version++) {
      const entry = summary(version);
      writeFileSync(
        join(folder, `${String(version).padStart(9, "0")}.json`),
        encodeEntry(manifestBytes(entry), { digest: entry.digest, created: entry.createdAt }),
      );
    }
    const unpaged = await timedListing(() => registry.listVersions("big"));
    expect(unpaged.versions).toEqual(Array.from({ length: COUNT }, (_, index) => summary(index + 1)));
    // that listing stored the 100 missing pages; a registration also writes the pages it completes
    const { manifest } = await registry.registerVersion("big", await newVersion(registry, Buffer.from("model")));
    expect(manifest.version).toBe(COUNT + 1);
    const paged = await timedListing(() => registry.listVersions("big"));
    console.log(
      `file: ${COUNT} versions listed in ${unpaged.elapsed.toFixed(0)} ms without pages, then ${paged.elapsed.toFixed(0)} ms`,
    );
    expect(paged.versions).toHaveLength(COUNT + 1);
    expect(paged.versions.slice(0, COUNT)).toEqual(unpaged.versions);
    expect(paged.versions[COUNT]).toEqual({
      version: COUNT + 1,
      digest: manifest.digest,
      createdAt: manifest.createdAt,
    });
    expect(paged.elapsed).toBeLessThan(500);
  });

  it(`lists ${COUNT + 1} versions of a blob store in well under a second`, async () => {
    const [, blobCase] = storeCases;
    const store = await blobCase?.fresh();
    if (!store) throw new Error("no blob case");
    const registry = await openStore(store);
    // Azurite stores ~500 blobs a second and slows down as it fills, so the 9,999 manifests of the
    // paged ranges are not written: listing reads pages only (the request-count test shows it)
    await mapLimit(
      Array.from({ length: 100 }, (_, range) => range),
      16,
      async (range) => {
        const versions = Array.from({ length: 100 }, (_, index) => summary(range * 100 + index)).filter(
          ({ version }) => version > 0,
        );
        const page: SummaryPage = { schema: "mlgate.summaries/1", model: "big", range, versions };
        await registry.backend.createIfAbsent(keys.summaryPage("big", range), Buffer.from(JSON.stringify(page)));
      },
    );
    const last = summary(COUNT);
    await registry.backend.createIfAbsent(keys.version("big", COUNT), manifestBytes(last), {
      digest: last.digest,
      created: last.createdAt,
    });
    const { manifest } = await registry.registerVersion("big", await newVersion(registry, Buffer.from("model")));
    expect(manifest.version).toBe(COUNT + 1);
    const { versions, elapsed } = await timedListing(() => registry.listVersions("big"));
    console.log(`azure-blob: ${COUNT + 1} versions listed in ${elapsed.toFixed(0)} ms`);
    expect(versions).toHaveLength(COUNT + 1);
    expect(versions.every((entry, index) => entry.version === index + 1)).toBe(true);
    expect(versions[COUNT - 1]).toEqual(last);
    expect(elapsed).toBeLessThan(1_000);
  });

  describe("storage requests", () => {
    let proxy: FaultProxy | undefined;
    afterEach(async () => proxy?.close());

    it("grow with summary pages, not with versions, and never read a manifest", async () => {
      proxy = await startFaultProxy(inject("azuriteConnectionString"), {}, 1);
      const store = {
        location: `az://${uniqueContainer()}/store`,
        workspace: process.cwd(),
        env: { AZURE_STORAGE_CONNECTION_STRING: proxy.connectionString },
      };
      const registry = await openStore(store);
      const backend = await openBackend(store);
      await mapLimit(
        Array.from({ length: 249 }, (_, index) => summary(index + 1)),
        16,
        (entry) =>
          backend.createIfAbsent(keys.version("big", entry.version), manifestBytes(entry), {
            digest: entry.digest,
            created: entry.createdAt,
          }),
      );
      // version 250 is registered properly: its registration writes the pages of ranges 0 and 1
      await registry.registerVersion("big", await newVersion(registry, Buffer.from("model")));
      const before = proxy.log.length;
      const versions = await registry.listVersions("big");
      const requests = proxy.log.slice(before);
      expect(versions.map(({ version }) => version)).toEqual(Array.from({ length: 250 }, (_, index) => index + 1));
      // list pages, read 2 pages, list range 2 (versions 200–250), list range 3 (empty: the end)
      expect(requests.map(({ method }) => method)).toEqual(["GET", "GET", "GET", "GET", "GET"]);
      expect(requests.filter(({ path }) => /versions\/\d{9}\.json/.test(path))).toEqual([]);
      expect((await backend.list(keys.summaries("big"))).map(({ key }) => key)).toEqual([
        keys.summaryPage("big", 0),
        keys.summaryPage("big", 1),
      ]);
    });
  });
});
