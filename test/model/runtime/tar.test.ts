import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { extractTar, type TarEntry } from "../../../src/core/model/runtime/tar.js";
import { tempDir } from "../../support/temp.js";
import { writeTar } from "./support.js";

/** Feeds the archive in awkward slices, as a gunzip stream would. */
async function* slices(data: Buffer, size: number): AsyncIterable<Buffer> {
  for (let offset = 0; offset < data.length; offset += size) yield data.subarray(offset, offset + size);
}

async function extractAll(archive: Buffer, sliceSize = 333) {
  const dir = await tempDir("mlgate-tar-");
  const seen: TarEntry[] = [];
  const written = await extractTar(slices(archive, sliceSize), (entry) => {
    seen.push(entry);
    return join(dir, ...entry.path.split("/"));
  });
  return { dir, seen, written };
}

describe("extractTar", () => {
  it("reads names stored plainly, with a ustar prefix, as a GNU long name and as a pax path", async () => {
    const prefixed = `package/${"p".repeat(90)}/${"q".repeat(90)}.txt`;
    const gnu = `package/${"g".repeat(150)}.txt`;
    const pax = `package/${"x".repeat(150)}.txt`;
    const archive = writeTar([
      { path: "package/package.json", data: Buffer.from('{"name":"x"}') },
      { path: prefixed, data: Buffer.from("prefixed") },
      { path: gnu, data: Buffer.from("gnu"), longName: "gnu" },
      { path: pax, data: Buffer.from("pax"), longName: "pax" },
      { path: "package/after.txt", data: Buffer.alloc(1500, 7) },
    ]);
    for (const sliceSize of [1, 333, 512, 100_000]) {
      const { dir, written } = await extractAll(archive, sliceSize);
      expect(written).toEqual(["package/package.json", prefixed, gnu, pax, "package/after.txt"]);
      expect(await readFile(join(dir, ...prefixed.split("/")), "utf8")).toBe("prefixed");
      expect(await readFile(join(dir, ...gnu.split("/")), "utf8")).toBe("gnu");
      expect(await readFile(join(dir, ...pax.split("/")), "utf8")).toBe("pax");
      expect(await readFile(join(dir, "package", "after.txt"))).toEqual(Buffer.alloc(1500, 7));
    }
  });

  it("writes only the selected files and offers no directories or links", async () => {
    const dir = await tempDir("mlgate-tar-");
    const archive = writeTar([
      { path: "package/dist", type: "directory" },
      { path: "package/dist/a.js", data: Buffer.from("a") },
      { path: "package/link", type: "symlink" },
      { path: "package/script/b.js", data: Buffer.from("b") },
    ]);
    const offered: string[] = [];
    const written = await extractTar(slices(archive, 4096), (entry) => {
      offered.push(entry.path);
      return entry.path.startsWith("package/dist/") ? join(dir, entry.path) : undefined;
    });
    expect(offered).toEqual(["package/dist/a.js", "package/script/b.js"]);
    expect(written).toEqual(["package/dist/a.js"]);
    expect(await readdir(join(dir, "package"))).toEqual(["dist"]);
  });

  it("refuses a corrupt header, a truncated archive and paths that climb out", async () => {
    const good = writeTar([{ path: "package/a.txt", data: Buffer.from("hello") }]);
    const corrupt = Buffer.from(good);
    corrupt[10] = 0x41;
    await expect(extractAll(corrupt)).rejects.toThrow(/checksum/);
    await expect(extractAll(good.subarray(0, 512 + 100))).rejects.toThrow(/ends early/);
    const climbing = writeTar([{ path: "package/../../etc/passwd", data: Buffer.from("x") }]);
    await expect(extractAll(climbing)).rejects.toThrow(/unsafe path/);
    await expect(extractAll(writeTar([{ path: "/etc/passwd", data: Buffer.from("x") }]))).rejects.toThrow(
      /unsafe path/,
    );
  });
});
