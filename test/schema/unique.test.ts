/** `unique` in bounded memory: exact up to a capacity, then honest about what it could not check. */
import { describe, expect, it } from "vitest";
import { UNIQUE_CAPACITY } from "../../src/core/schema/index.js";
import { UniqueValues } from "../../src/core/schema/unique-values.js";
import { anomaliesOf, csv, only } from "./support.js";

const SCHEMA = "version: 1\ncolumns:\n  id: { type: integer, unique: true }\n";
const ids = (values: readonly number[]) => csv("id", values);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe("UniqueValues", () => {
  it("remembers at most `capacity` values and still finds repeats of those", () => {
    const values = new UniqueValues(3);
    expect(["a", "b", "c", "d", "e"].map((value) => values.repeats(value))).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(values.remembered).toBe(3);
    expect(values.unchecked).toBe(2);
    expect(values.repeats("a")).toBe(true);
    expect(values.repeats("d")).toBe(false);
    expect(values.remembered).toBe(3);
    expect(values.unchecked).toBe(3);
  });

  it("stops remembering once the text budget is spent", () => {
    const values = new UniqueValues(100, 5);
    values.repeats("abc");
    values.repeats("defg");
    values.repeats("hij");
    expect(values.remembered).toBe(2);
    expect(values.unchecked).toBe(1);
    expect(values.repeats("defg")).toBe(true);
  });

  it("tells numbers from their text, and counts 0 and -0 as one value", () => {
    const values = new UniqueValues();
    expect(values.repeats(1)).toBe(false);
    expect(values.repeats("1")).toBe(false);
    expect(values.repeats(0)).toBe(false);
    expect(values.repeats(-0)).toBe(true);
    expect(values.repeats(Number.NaN)).toBe(false);
    expect(values.repeats(Number.NaN)).toBe(false);
  });

  it("holds UNIQUE_CAPACITY values by default", () => {
    const values = new UniqueValues();
    for (let i = 0; i <= UNIQUE_CAPACITY; i++) values.repeats(i);
    expect(values.remembered).toBe(UNIQUE_CAPACITY);
    expect(values.unchecked).toBe(1);
  });
});

describe("unique beyond the capacity", () => {
  it("warns that uniqueness was not proven when no duplicate was found", async () => {
    const anomalies = await anomaliesOf(SCHEMA, ids(range(1, 100)), { uniqueCapacity: 10 });
    expect(only(anomalies, "unique")).toEqual({
      column: "id",
      kind: "unique",
      severity: "warning",
      observed:
        "no duplicates found, but the check was exact for the first 10 distinct values, then only a distinct-count sketch for 90 more, which misses duplicates under about 5% of values",
      expected: "every value unique",
      count: 90,
      examples: [],
    });
  });

  it("reports the repeats of remembered values exactly, as a lower bound", async () => {
    const anomalies = await anomaliesOf(SCHEMA, ids([...range(1, 20), 3, 25, 20]), { uniqueCapacity: 10 });
    expect(only(anomalies, "unique")).toMatchObject({
      severity: "error",
      observed:
        "at least 1 duplicate value (exact for the first 10 distinct values, then only a distinct-count sketch for 12 more)",
      count: 1,
      examples: [{ value: "3", source: "data.csv", line: 22 }],
    });
  });

  it("falls back on the profile's distinct count when the repeats are among later values", async () => {
    const later = Array.from({ length: 50 }, () => range(11, 20)).flat();
    const anomalies = await anomaliesOf(SCHEMA, ids([...range(1, 10), ...later]), { uniqueCapacity: 10 });
    expect(only(anomalies, "unique")).toMatchObject({
      severity: "error",
      observed:
        "about 490 duplicate values: an estimated 20 distinct among 510 (exact for the first 10 distinct values, then only a distinct-count sketch for 500 more)",
      count: 490,
      examples: [],
    });
  });

  it("is exact when the values fit", async () => {
    expect(await anomaliesOf(SCHEMA, ids(range(1, 100)), { uniqueCapacity: 100 })).toEqual([]);
  });
});
