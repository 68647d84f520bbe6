/**
 * Inputs at the edges of the profile's arithmetic and of its document: huge magnitudes, early
 * years, missing-value spellings before a column's type is known, and documents with broken state.
 */
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/errors.js";
import { parseDateTimeText } from "../../src/core/profile/cell-parsing.js";
import {
  DatasetProfile,
  QuantileSketch,
  readProfileDocument,
  toProfileDocument,
} from "../../src/core/profile/index.js";
import { Moments } from "../../src/core/profile/moments.js";

function profileOf(batches: string[][], source = "data.csv"): DatasetProfile {
  const profile = new DatasetProfile();
  for (const cells of batches) profile.addBatch({ names: ["c"], columns: [cells], rowCount: cells.length, source });
  return profile;
}

function column(profile: DatasetProfile) {
  const found = profile.columns.get("c");
  if (!found) throw new Error("no column c");
  return { type: found.type, missing: found.missing, items: found.text?.items() };
}

describe("profile edge cases", () => {
  it("keeps the variance of values near 1e200 finite", () => {
    const moments = new Moments();
    moments.addBatch(new Float64Array([1e200, 1e200]), 2);
    moments.combine({ count: 1, mean: 1e200, m2: 0, meanAbs: 1e200 });
    expect(moments.m2).toBe(0);
    expect(moments.mean).toBe(1e200);
  });

  it("reads quantiles of values near the top of the double range without overflowing", () => {
    const sketch = new QuantileSketch();
    for (let i = 0; i < 1001; i++) sketch.add(1.7e308 * (1 - i * 1e-4));
    expect(sketch.isExact).toBe(false);
    const median = sketch.quantile(0.5) as number;
    expect(Number.isFinite(median)).toBe(true);
    expect(Math.abs(median / (1.7e308 * (1 - 500e-4)) - 1)).toBeLessThanOrEqual(0.01);
  });

  it("reads years 0000–0099 as written, not as 1900–1999", () => {
    expect(parseDateTimeText("0050-06-01")).toBe(new Date("0050-06-01T00:00:00Z").getTime());
    expect(parseDateTimeText("0050-06-01T12:00:00Z")).toBe(new Date("0050-06-01T12:00:00Z").getTime());
    expect(parseDateTimeText("2023-02-29")).toBeUndefined();
    expect(parseDateTimeText("2024-02-29")).toBe(Date.UTC(2024, 1, 29));
  });

  it("counts 'NA' the same whether or not the column's type was known when it was read", () => {
    const whole = profileOf([["NA"], ["x"]]);
    const shard = readProfileDocument(
      JSON.parse(JSON.stringify(toProfileDocument(profileOf([["NA"]], "a.csv")))),
      "a.json",
    );
    shard.merge(profileOf([["x"]], "b.csv"));
    expect(column(shard)).toEqual(column(whole));
    expect(column(whole)).toEqual({
      type: "string",
      missing: 0,
      items: [
        ["NA", 1],
        ["x", 1],
      ],
    });
    expect(column(profileOf([["NA"], ["5"]]))).toMatchObject({ type: "integer", missing: 1 });
  });

  type ColumnEntry = Record<string, unknown> & { numeric: Record<string, unknown> };
  it.each([
    [
      "numeric state without moments",
      (c: ColumnEntry) => {
        c.numeric = {};
      },
      "columns[0].numeric.moments",
    ],
    [
      "a sketch that is not an object",
      (c: ColumnEntry) => {
        c.numeric.sketch = 5;
      },
      "columns[0].numeric.sketch",
    ],
    ["a column without a type", (c: ColumnEntry) => void delete c.type, "columns[0].type"],
  ])("refuses a document with %s, naming the key", (_, spoil, key) => {
    const document = JSON.parse(JSON.stringify(toProfileDocument(profileOf([["1.5", "2.5"]]))));
    spoil(document.columns[0]);
    try {
      readProfileDocument(document, "p.json");
      expect.unreachable("the document was accepted");
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).where).toEqual({ file: "p.json", key });
    }
  });
});
