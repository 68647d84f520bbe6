/**
 * The versioned profile document: written, parsed and read back it gives the same document (and a profile that
 * merges like the original); a wrong format, version or key is an InputError naming the file and the key.
 */
import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { RecordBatch } from "../../src/core/data/table.js";
import { InputError } from "../../src/core/errors.js";
import {
  DatasetProfile,
  DISTINCT_STANDARD_ERROR,
  FREQUENT_CAPACITY,
  PROFILE_FORMAT,
  PROFILE_VERSION,
  type ProfileDocument,
  readProfileDocument,
  toProfileDocument,
} from "../../src/core/profile/index.js";
import { cutBatches, DECLARED, generateRows, mergeInTree, tablePlan } from "./generated.js";
import { batchOf, columnOf, expectClose, expectEquivalentProfiles } from "./support.js";

function profileBatches(batches: readonly RecordBatch[], shard: number): DatasetProfile {
  const profile = new DatasetProfile();
  for (const batch of batches) profile.addBatch(batch, { types: DECLARED });
  const rows = batches.reduce((sum, batch) => sum + batch.rowCount, 0);
  const digest = `sha256:${createHash("sha256").update(`shard ${shard}`).digest("hex")}`;
  profile.sources.push({ name: `shard-${shard}.csv`, digest, bytes: 100 * rows, rows });
  return profile;
}

function roundTrip(profile: DatasetProfile): { written: string; read: DatasetProfile; rewritten: string } {
  const written = JSON.stringify(toProfileDocument(profile));
  const read = readProfileDocument(JSON.parse(written), "profile.json");
  return { written, read, rewritten: JSON.stringify(toProfileDocument(read)) };
}

describe("the profile document", () => {
  it("reads back to the same document, and the read profile merges like the original", () => {
    fc.assert(
      fc.property(
        tablePlan({ maxRows: 2500 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
        (plan, shardCount, choices) => {
          const { batches, shards } = cutBatches(generateRows(plan), plan, shardCount + 1);
          const shard = (s: number) =>
            profileBatches(
              batches.filter((_, k) => shards[k] === s),
              s,
            );
          const parts = Array.from({ length: shardCount }, (_, s) => shard(s));
          const { written, read, rewritten } = roundTrip(mergeInTree(parts, choices));
          expect(rewritten).toBe(written);
          const original = mergeInTree(
            Array.from({ length: shardCount }, (_, s) => shard(s)),
            choices,
          );
          original.merge(shard(shardCount));
          read.merge(shard(shardCount));
          expectEquivalentProfiles(read, original, { identicalFrequent: true });
          expect(read.digest).toBe(original.digest);
        },
      ),
      { numRuns: 30 },
    );
  });

  it.each([600, 5000])("is written without changing the profile (%i distinct strings)", (distinct) => {
    const profile = new DatasetProfile();
    const cells = Array.from({ length: 3 * distinct }, (_, i) => `v${Math.floor(distinct * ((i * 0.618) % 1) ** 2)}`);
    profile.addBatch(batchOf({ s: cells }));
    const before = columnOf(profile, "s").text?.items();
    const first = JSON.stringify(toProfileDocument(profile));
    expect(JSON.stringify(toProfileDocument(profile))).toBe(first);
    expect(columnOf(profile, "s").text?.items()).toEqual(before);
    const { written, rewritten } = roundTrip(profile);
    expect(written).toBe(first);
    expect(rewritten).toBe(first);
  });

  it("reads back a Misra–Gries summary and its HyperLogLog", () => {
    const profile = new DatasetProfile();
    const cells = [
      ...Array<string>(100).fill("h"),
      ...Array.from({ length: 2 * FREQUENT_CAPACITY }, (_, i) => `v${i}`),
    ];
    profile.addBatch(batchOf({ s: cells }));
    const { written, read, rewritten } = roundTrip(profile);
    expect(rewritten).toBe(written);
    const items = columnOf(read, "s").text;
    expect(items?.isExact).toBe(false);
    expect(items?.errorBound).toBeGreaterThan(0);
    expect(items?.items()).toEqual(columnOf(profile, "s").text?.items());
    const h = items?.items().find(([value]) => value === "h")?.[1] ?? 0;
    expect(h).toBeLessThanOrEqual(100);
    expect(h).toBeGreaterThanOrEqual(100 - (items?.errorBound ?? 0));
    expectClose(items?.distinctEstimate() ?? 0, 1 + 2 * FREQUENT_CAPACITY, 4 * DISTINCT_STANDARD_ERROR, 0, "distinct");
  });

  it("holds format, version, sorted sources, digest, state and summary of every column", () => {
    const profile = new DatasetProfile();
    profile.addBatch(batchOf({ n: ["1.5", "2.5", "NA", "nan"], s: ["a", "b", "a", null], e: [null, "", "NA", null] }));
    const digest = (text: string) => `sha256:${createHash("sha256").update(text).digest("hex")}`;
    profile.sources.push({ name: "b.csv", digest: digest("b"), bytes: 10, rows: 2 });
    profile.sources.push({ name: "a.csv", digest: digest("a"), bytes: 12, rows: 2 });
    const document = toProfileDocument(profile);
    expect(document).toMatchObject({ format: PROFILE_FORMAT, version: PROFILE_VERSION, rows: 4 });
    expect(document.sources.map((source) => source.name)).toEqual(["a.csv", "b.csv"]);
    expect(document.digest).toBe(profile.digest);
    expect(document.digest).toBe(digest([digest("a"), digest("b")].sort().join("\n")));
    const [n, s, e] = document.columns;
    expect(n).toMatchObject({ name: "n", type: "float", rows: 4, missing: 1, invalid: 0 });
    expect(n?.numeric).toMatchObject({
      nan: 1,
      min: 1.5,
      max: 2.5,
      sketch: {
        exact: [
          [1.5, 1],
          [2.5, 1],
        ],
      },
    });
    expect(n?.summary).toMatchObject({ presence: 0.75, distinct: 2, distinctExact: true, mean: 2, std: 0.5 });
    expect(n?.frequencies).toBeUndefined();
    expect(s).toMatchObject({ name: "s", type: "string", missing: 1 });
    expect(s?.frequencies).toEqual({
      items: [
        ["a", 2],
        ["b", 1],
      ],
      total: 3,
      errorBound: 0,
    });
    expect(s?.summary.top).toEqual(s?.frequencies?.items);
    expect(e).toMatchObject({ name: "e", type: null, rows: 4, missing: 4 });
    expect(e?.summary).toEqual({ presence: 0, distinct: 0, distinctExact: true });
    expect(JSON.parse(JSON.stringify(document))).toEqual(document);
  });
});

describe("reading a profile document", () => {
  function validDocument(): ProfileDocument {
    const profile = new DatasetProfile();
    profile.addBatch(batchOf({ n: ["1.5", "2.5", "7"], s: ["a", "b", "a"], t: ["2024-01-01", null, null] }));
    const digest = `sha256:${"0".repeat(64)}`;
    profile.sources.push({ name: "a.csv", digest, bytes: 10, rows: 3 });
    return JSON.parse(JSON.stringify(toProfileDocument(profile))) as ProfileDocument;
  }

  type Column = Record<string, unknown> & { numeric?: object; frequencies?: object };
  type Document = Record<string, unknown> & { sources: object[]; columns: Column[] };
  const without = (column: Column | undefined, key: string) =>
    Object.fromEntries(Object.entries(column ?? {}).filter(([name]) => name !== key));
  const cases: [key: string, change: (document: Document) => unknown][] = [
    ["(top level)", () => []],
    ["(top level)", () => null],
    ["(top level)", () => "mlgate.profile"],
    ["format", (d) => ({ ...d, format: "whylogs" })],
    ["format", ({ format: _, ...d }) => d],
    ["version", (d) => ({ ...d, version: 2 })],
    ["version", (d) => ({ ...d, version: "1" })],
    ["rows", (d) => ({ ...d, rows: -1 })],
    ["rows", (d) => ({ ...d, rows: 1.5 })],
    ["rows", (d) => ({ ...d, rows: "3" })],
    ["sources", (d) => ({ ...d, sources: {} })],
    ["sources[0]", (d) => ({ ...d, sources: ["a.csv"] })],
    ["sources[0].name", (d) => ({ ...d, sources: [{ ...d.sources[0], name: 1 }] })],
    ["sources[0].digest", (d) => ({ ...d, sources: [{ ...d.sources[0], digest: null }] })],
    ["sources[0].bytes", (d) => ({ ...d, sources: [{ ...d.sources[0], bytes: -10 }] })],
    ["sources[0].rows", (d) => ({ ...d, sources: [{ ...d.sources[0], rows: "3" }] })],
    ["columns", (d) => ({ ...d, columns: null })],
    ["columns[1]", (d) => ({ ...d, columns: [d.columns[0], [1, 2]] })],
    ["columns[0].name", (d) => ({ ...d, columns: [{ ...d.columns[0], name: 7 }] })],
    ["columns[0].type", (d) => ({ ...d, columns: [{ ...d.columns[0], type: "decimal" }] })],
    ["columns[0].rows", (d) => ({ ...d, columns: [{ ...d.columns[0], rows: null }] })],
    ["columns[0].missing", (d) => ({ ...d, columns: [{ ...d.columns[0], missing: -1 }] })],
    ["columns[0].invalid", (d) => ({ ...d, columns: [{ ...d.columns[0], invalid: 0.5 }] })],
    ["columns[0].invalidExamples", (d) => ({ ...d, columns: [{ ...d.columns[0], invalidExamples: "none" }] })],
    ["columns[0].numeric", (d) => ({ ...d, columns: [without(d.columns[0], "numeric")] })],
    ["columns[0].numeric", (d) => ({ ...d, columns: [{ ...d.columns[0], numeric: [] }] })],
    [
      "columns[0].numeric.distinct",
      (d) => ({ ...d, columns: [{ ...d.columns[0], numeric: { ...d.columns[0]?.numeric, distinct: "AAAA" } }] }),
    ],
    [
      "columns[0].numeric.distinct",
      (d) => ({ ...d, columns: [{ ...d.columns[0], numeric: { ...d.columns[0]?.numeric, distinct: 12 } }] }),
    ],
    ["columns[1].frequencies", (d) => ({ ...d, columns: [d.columns[0], { ...d.columns[1], frequencies: "a" }] })],
    ["columns[1].frequencies", (d) => ({ ...d, columns: [d.columns[0], without(d.columns[1], "frequencies")] })],
    [
      "columns[1].frequencies.items",
      (d) => ({ ...d, columns: [d.columns[0], { ...d.columns[1], frequencies: { total: 3, errorBound: 0 } }] }),
    ],
    [
      "columns[1].frequencies.distinct",
      (d) => ({
        ...d,
        columns: [d.columns[0], { ...d.columns[1], frequencies: { ...d.columns[1]?.frequencies, distinct: "xyz" } }],
      }),
    ],
  ];

  it.each(cases)("names '%s' when it is wrong", (key, change) => {
    const value = change(validDocument() as unknown as Document);
    let error: unknown;
    try {
      readProfileDocument(value, "profiles/train.json");
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).where).toEqual({ file: "profiles/train.json", key });
    expect((error as InputError).message.startsWith(`profiles/train.json '${key}': `)).toBe(true);
  });

  it("says which version it found and which it reads", () => {
    expect(() => readProfileDocument({ ...validDocument(), version: 7 }, "p.json")).toThrow(
      /version 7 is not supported \(this mlgate reads version 1\)/,
    );
  });

  it("reads the valid document it started from", () => {
    const document = validDocument();
    const profile = readProfileDocument(document, "p.json");
    expect([...profile.columns.keys()]).toEqual(["n", "s", "t"]);
    expect(JSON.parse(JSON.stringify(toProfileDocument(profile)))).toEqual(document);
  });
});
