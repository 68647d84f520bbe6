/** The StoreBackend contract, identical on both backends. */
import { describe, expect, it } from "vitest";
import { openBackend, storeCases } from "../support/stores.js";

describe.each(storeCases)("the $name backend", (storeCase) => {
  const fresh = async () => openBackend(await storeCase.fresh());

  it("creates an immutable entry once and leaves it untouched afterwards", async () => {
    const backend = await fresh();
    expect(await backend.read("a/one")).toBeUndefined();
    expect(await backend.exists("a/one")).toBe(false);
    expect(await backend.createIfAbsent("a/one", Buffer.from("first"), { digest: "sha256:1" })).toBe(true);
    expect(await backend.createIfAbsent("a/one", Buffer.from("second"), { digest: "sha256:2" })).toBe(false);
    expect((await backend.read("a/one"))?.data.toString()).toBe("first");
    expect(await backend.exists("a/one")).toBe(true);
    expect(await backend.list("a/", { metadata: true })).toEqual([{ key: "a/one", metadata: { digest: "sha256:1" } }]);
  });

  it("lets exactly one of many concurrent creators win", async () => {
    const backend = await fresh();
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, index) => backend.createIfAbsent("race/key", Buffer.from(`writer ${index}`))),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = results.indexOf(true);
    expect((await backend.read("race/key"))?.data.toString()).toBe(`writer ${winner}`);
  });

  it("round-trips binary data, empty data and data that looks like a stored header", async () => {
    const backend = await fresh();
    const samples = {
      binary: Buffer.from([0, 255, 10, 13, 0, 1, 2]),
      empty: Buffer.alloc(0),
      header: Buffer.from('\u0000mlgate-entry\n{"digest":"x"}\npayload'),
    };
    for (const [key, data] of Object.entries(samples)) {
      expect(await backend.createIfAbsent(`bytes/${key}`, data)).toBe(true);
      expect((await backend.read(`bytes/${key}`))?.data.equals(data)).toBe(true);
    }
    expect(await backend.compareAndSwap("bytes/mutable", Buffer.alloc(0), null)).toBeTypeOf("string");
    expect((await backend.read("bytes/mutable"))?.data.length).toBe(0);
    const listed = await backend.list("bytes/", { metadata: true });
    expect(listed.map(({ key }) => key)).toEqual(["bytes/binary", "bytes/empty", "bytes/header", "bytes/mutable"]);
    expect(listed.find(({ key }) => key === "bytes/header")?.metadata).toEqual({});
  });

  it("compare-and-swaps a mutable entry only from its current etag", async () => {
    const backend = await fresh();
    expect(await backend.compareAndSwap("m/alias", Buffer.from("x"), "1")).toBeUndefined();
    const first = await backend.compareAndSwap("m/alias", Buffer.from("v1"), null);
    expect(first).toBeTypeOf("string");
    expect(await backend.compareAndSwap("m/alias", Buffer.from("again"), null)).toBeUndefined();
    const second = await backend.compareAndSwap("m/alias", Buffer.from("v2"), first as string);
    expect(second).toBeTypeOf("string");
    expect(second).not.toBe(first);
    expect(await backend.compareAndSwap("m/alias", Buffer.from("stale"), first as string)).toBeUndefined();
    expect(await backend.compareAndSwap("m/alias", Buffer.from("bogus"), "not-an-etag")).toBeUndefined();
    const current = await backend.read("m/alias");
    expect(current).toEqual({ data: Buffer.from("v2"), etag: second });
    expect(await backend.exists("m/alias")).toBe(true);
  });

  it("lets exactly one of many concurrent swaps from the same etag win", async () => {
    const backend = await fresh();
    const start = (await backend.compareAndSwap("m/hot", Buffer.from("start"), null)) as string;
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, index) => backend.compareAndSwap("m/hot", Buffer.from(`swap ${index}`), start)),
    );
    expect(results.filter((etag) => etag !== undefined)).toHaveLength(1);
    const winner = results.findIndex((etag) => etag !== undefined);
    expect(await backend.read("m/hot")).toEqual({ data: Buffer.from(`swap ${winner}`), etag: results[winner] });
  });

  it("lists every key under a prefix in order, mutable and immutable alike, and one level of names", async () => {
    const backend = await fresh();
    expect(await backend.list("")).toEqual([]);
    expect(await backend.children("")).toEqual([]);
    for (const key of [
      "models/churn/versions/000000002.json",
      "models/churn/versions/000000001.json",
      "runs/r1.json",
    ]) {
      await backend.createIfAbsent(key, Buffer.from(key));
    }
    await backend.compareAndSwap("models/churn/aliases/production", Buffer.from("{}"), null);
    await backend.createIfAbsent("models/churnish/versions/000000001.json", Buffer.from("other"));
    const keys = async (prefix: string) => (await backend.list(prefix)).map(({ key }) => key);
    expect(await keys("models/churn/")).toEqual([
      "models/churn/aliases/production",
      "models/churn/versions/000000001.json",
      "models/churn/versions/000000002.json",
    ]);
    expect(await keys("models/ch")).toHaveLength(4);
    expect(await keys("models/churn/aliases/production")).toEqual(["models/churn/aliases/production"]);
    expect(await keys("")).toHaveLength(5);
    expect(await keys("nothing/")).toEqual([]);
    expect(await backend.children("")).toEqual(["models", "runs"]);
    expect(await backend.children("models/")).toEqual(["churn", "churnish"]);
    expect(await backend.children("models/churn/aliases/")).toEqual(["production"]);
    expect(await backend.children("nothing/")).toEqual([]);
  });

  it("refuses keys that could escape the store", async () => {
    const backend = await fresh();
    for (const key of ["../outside", "/absolute", "a//b", "a/../b", ".hidden", "a/"]) {
      await expect(backend.createIfAbsent(key, Buffer.from("x"))).rejects.toThrow(/invalid store key/);
    }
  });
});
