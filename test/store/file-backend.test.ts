/** What only the file backend has: raw objects on disk, temporary files, generation files. */
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FileBackend } from "../../src/core/store/file-backend.js";
import { tempDir } from "../support/temp.js";

describe("the file backend", () => {
  it("stores entries without metadata as raw files, so objects hash to their own name", async () => {
    const root = await tempDir();
    const backend = new FileBackend(root);
    const data = Buffer.from("onnx bytes");
    const hex = createHash("sha256").update(data).digest("hex");
    await backend.createIfAbsent(`objects/sha256/${hex}`, data);
    const onDisk = await readFile(join(root, "objects", "sha256", hex));
    expect(createHash("sha256").update(onDisk).digest("hex")).toBe(hex);
    expect(backend.location).toBe(`file://${root}`);
  });

  it("ignores temporary files a crashed writer left, and reports them as leftovers", async () => {
    const root = await tempDir();
    const backend = new FileBackend(root);
    await backend.createIfAbsent("runs/r1.json", Buffer.from("{}"));
    await backend.compareAndSwap("models/m/aliases/a", Buffer.from("{}"), null);
    await writeFile(join(root, "runs", ".tmp-123-abc"), "half a run");
    await writeFile(join(root, "models", "m", "aliases", "a", ".tmp-123-def"), "half an alias");
    expect((await backend.list("")).map(({ key }) => key)).toEqual(["models/m/aliases/a", "runs/r1.json"]);
    expect((await backend.read("models/m/aliases/a"))?.data.toString()).toBe("{}");
    expect(await backend.leftovers()).toEqual(["models/m/aliases/a/.tmp-123-def", "runs/.tmp-123-abc"]);
  });

  it("keeps a mutable key as dense generation files, empties old ones, and still refuses stale etags", async () => {
    const root = await tempDir();
    const backend = new FileBackend(root);
    let etag: string | null = null;
    for (let move = 1; move <= 10; move++) {
      etag = (await backend.compareAndSwap("alias", Buffer.from(`move ${move}`), etag)) ?? null;
      expect(etag).toBe(String(move));
    }
    const dir = join(root, "alias");
    const names = (await readdir(dir)).sort();
    expect(names).toEqual(Array.from({ length: 10 }, (_, index) => String(index + 1).padStart(10, "0")));
    const sizes = await Promise.all(names.map(async (name) => (await stat(join(dir, name))).size));
    expect(sizes.slice(0, 6).every((size) => size === 0)).toBe(true);
    expect(sizes.slice(6).every((size) => size > 0)).toBe(true);
    expect((await backend.read("alias"))?.data.toString()).toBe("move 10");
    expect(await backend.compareAndSwap("alias", Buffer.from("from an emptied generation"), "3")).toBeUndefined();
    expect(await backend.compareAndSwap("alias", Buffer.from("from a kept one"), "8")).toBeUndefined();
    expect(await backend.compareAndSwap("alias", Buffer.from("from the future"), "11")).toBeUndefined();
    expect(await backend.compareAndSwap("alias", Buffer.from("move 11"), "10")).toBe("11");
  });

  it("loses no update and shows readers only whole generations while writers race", async () => {
    const backend = new FileBackend(await tempDir());
    await backend.compareAndSwap("hot", Buffer.from(JSON.stringify({ n: 0 })), null);
    let writing = true;
    // each writer bumps n by compare-and-swap until it has landed 15 moves
    const writer = async () => {
      for (let landed = 0; landed < 15; ) {
        const entry = await backend.read("hot");
        const { n } = JSON.parse(entry?.data.toString() ?? "") as { n: number };
        if (await backend.compareAndSwap("hot", Buffer.from(JSON.stringify({ n: n + 1 })), entry?.etag ?? null))
          landed++;
      }
    };
    const reader = async () => {
      let last = -1;
      let reads = 0;
      while (writing) {
        const entry = await backend.read("hot");
        const { n } = JSON.parse(entry?.data.toString() ?? "") as { n: number };
        expect(n).toBeGreaterThanOrEqual(last);
        expect(entry?.etag).toBe(String(n + 1));
        last = n;
        reads++;
      }
      return reads;
    };
    const readers = Promise.all([reader(), reader(), reader(), reader()]);
    await Promise.all(Array.from({ length: 4 }, writer));
    writing = false;
    expect(Math.min(...(await readers))).toBeGreaterThan(2);
    expect(JSON.parse((await backend.read("hot"))?.data.toString() ?? "")).toEqual({ n: 60 });
  });

  it("refuses ten-digit immutable names, which would read as a generation", async () => {
    const backend = new FileBackend(await tempDir());
    await expect(backend.createIfAbsent("a/0000000001", Buffer.from("x"))).rejects.toThrow(/reserved/);
  });

  it("treats a folder left by a crashed first swap as absent", async () => {
    const root = await tempDir();
    const backend = new FileBackend(root);
    await mkdir(join(root, "models", "m", "aliases", "a"), { recursive: true });
    expect(await backend.read("models/m/aliases/a")).toBeUndefined();
    expect(await backend.exists("models/m/aliases/a")).toBe(false);
    expect(await backend.compareAndSwap("models/m/aliases/a", Buffer.from("first"), null)).toBe("1");
  });
});
