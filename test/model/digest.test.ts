import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { digestFile, isDigest, sha256Digest } from "../../src/core/digest.js";

const EMPTY = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

describe("digests", () => {
  it("hashes bytes as sha256:<hex>", () => {
    expect(sha256Digest(Buffer.alloc(0))).toBe(EMPTY);
    expect(sha256Digest(new TextEncoder().encode("abc"))).toBe(
      "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
  });

  it("hashes a file as it streams, equal to hashing its bytes", async () => {
    const dir = await mkdtemp(join(tmpdir(), "mlgate-digest-"));
    try {
      const data = Buffer.alloc(3 * 1024 * 1024 + 7, 0x5a);
      await writeFile(join(dir, "big.bin"), data);
      await expect(digestFile(join(dir, "big.bin"))).resolves.toBe(sha256Digest(data));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("recognises digests", () => {
    expect(isDigest(EMPTY)).toBe(true);
    expect(isDigest(EMPTY.toUpperCase())).toBe(false);
    expect(isDigest(EMPTY.slice(0, -1))).toBe(false);
    expect(isDigest(`md5:${"0".repeat(64)}`)).toBe(false);
    expect(isDigest(42)).toBe(false);
  });
});
