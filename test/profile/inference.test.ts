/**
 * Column types and cells: inference (boolean → integer → float → date → string, as pandas reads CSV),
 * missing tokens, integer widening to float, and invalid cells counted with examples that name file and line.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openTable } from "../../src/core/data/index.js";
import type { Cell } from "../../src/core/data/table.js";
import { type ColumnType, DatasetProfile, MAX_EXAMPLES, profileTable } from "../../src/core/profile/index.js";
import { tempDir } from "../support/temp.js";
import { batchOf, columnOf } from "./support.js";

function profileOf(
  batches: Record<string, readonly Cell[]>[],
  types?: ReadonlyMap<string, ColumnType>,
): DatasetProfile {
  const profile = new DatasetProfile();
  let line = 2;
  for (const columns of batches) {
    const batch = batchOf(columns, "data.csv", line);
    line += batch.rowCount;
    profile.addBatch(batch, { types });
  }
  return profile;
}

const typeOf = (...cells: Cell[]) => columnOf(profileOf([{ v: cells }]), "v").type;

describe("inferring a column's type from text cells", () => {
  it.each<[ColumnType, Cell[]]>([
    ["boolean", ["true", "FALSE", "True", "false"]],
    ["integer", ["1", "-2", "+3", "0", "12345678901"]],
    ["float", ["1", "2.5"]],
    ["float", ["12.0", "3"]],
    ["float", ["1e3", "2"]],
    ["float", [".5", "7.", "-1.5E-3"]],
    ["float", ["nan", "1"]],
    ["float", ["inf", "-Infinity", "NaN"]],
    ["date", ["2024-01-31", "2024-02-01T10:00:00Z", "2024-02-01 10:00:00.5+02:00", "2024-02-29T23:59"]],
    ["string", ["2024-02-30"]],
    ["string", ["1", "x"]],
    ["string", ["true", "1"]],
    ["string", ["0x1F"]],
    ["string", ["1,5"]],
    ["string", ["1_000"]],
    ["string", [" 12"]],
    ["string", ["yes", "no"]],
    ["string", ["2024-01-31", "5"]],
  ])("reads %s from %j", (type, cells) => {
    expect(typeOf(...cells)).toBe(type);
  });

  it("keeps the types of typed cells (JSON Lines, Parquet)", () => {
    expect(typeOf(1, 2, null)).toBe("integer");
    expect(typeOf(1, 2.5)).toBe("float");
    expect(typeOf(2n ** 60n, 3)).toBe("integer");
    expect(typeOf(true, false)).toBe("boolean");
    expect(typeOf(new Date(0), null)).toBe("date");
    expect(typeOf(1, "a")).toBe("string");
    expect(typeOf(true, 1)).toBe("string");
  });

  it("reads dates as UTC milliseconds, honouring written offsets", () => {
    const column = columnOf(
      profileOf([
        { v: ["2024-01-31", "2024-02-01T10:00:00+02:00", "2024-02-01 08:00:00.250Z", "2024-02-01T07:30-0100"] },
      ]),
      "v",
    );
    expect(column.type).toBe("date");
    expect(column.numeric?.sketch.toState()).toEqual({
      exact: [
        [Date.UTC(2024, 0, 31), 1],
        [Date.UTC(2024, 1, 1, 8), 1],
        [Date.UTC(2024, 1, 1, 8, 0, 0, 250), 1],
        [Date.UTC(2024, 1, 1, 8, 30), 1],
      ],
    });
  });
});

describe("missing cells", () => {
  const TOKENS: Cell[] = [null, "", "NA", "N/A", "n/a", "#N/A", "null", "NULL", "None", "<NA>", "  NA  "];

  it.each<[ColumnType, Cell]>([
    ["integer", "7"],
    ["float", "7.5"],
    ["boolean", "true"],
    ["date", "2024-05-01"],
  ])("are pandas' missing tokens in a %s column", (type, value) => {
    const column = columnOf(profileOf([{ v: [value, ...TOKENS, value] }]), "v");
    expect(column.type).toBe(type);
    expect({ rows: column.rows, missing: column.missing, invalid: column.invalid }).toEqual({
      rows: TOKENS.length + 2,
      missing: TOKENS.length,
      invalid: 0,
    });
    expect(column.presence).toBe(2 / (TOKENS.length + 2));
  });

  it("are only empty fields in a string column, where 'NA' and a quoted empty text are values", () => {
    const column = columnOf(profileOf([{ v: ["a", "NA", null, "", "None", "a"] }]), "v");
    expect(column.type).toBe("string");
    expect(column.missing).toBe(1);
    expect(column.text?.items()).toEqual([
      ["a", 2],
      ["", 1],
      ["NA", 1],
      ["None", 1],
    ]);
  });

  it("leave the type open until a value comes, counting the rows before as missing", () => {
    const profile = profileOf([{ v: [null, "NA"] }, { v: ["", null, null] }, { v: ["3", null] }, { v: ["4.5"] }]);
    const column = columnOf(profile, "v");
    expect(column.type).toBe("float");
    expect({ rows: column.rows, missing: column.missing }).toEqual({ rows: 8, missing: 6 });
    expect(column.numeric?.moments.mean).toBe(3.75);
  });

  it("are NaN and ±Inf not: they are values, counted apart from the finite ones", () => {
    const column = columnOf(profileOf([{ v: ["1", "nan", "inf", "-inf", "NaN", "2", "+inf"] }]), "v");
    const stats = column.numeric;
    expect(column.missing).toBe(0);
    expect(stats).toMatchObject({ nan: 2, positiveInfinity: 2, negativeInfinity: 1, min: 1, max: 2 });
    expect(stats?.moments.count).toBe(2);
    expect(stats?.sketch.count).toBe(2);
  });

  it("count a column absent from some batches as missing there", () => {
    const profile = profileOf([{ a: ["1"] }, { a: ["2"], b: ["x"] }, { a: ["3"] }]);
    expect(columnOf(profile, "b")).toMatchObject({ rows: 3, missing: 2, type: "string" });
    expect(profile.rows).toBe(3);
  });
});

describe("integer columns", () => {
  it("widen to float when a later batch has a fraction, keeping the earlier values", () => {
    const column = columnOf(profileOf([{ v: ["1", "2"] }, { v: ["3", "4.5", "NA"] }, { v: ["6"] }]), "v");
    expect(column.type).toBe("float");
    expect(column.invalid).toBe(0);
    expect(column.missing).toBe(1);
    expect(column.numeric).toMatchObject({ min: 1, max: 6 });
    expect(column.numeric?.moments.count).toBe(5);
    expect(column.numeric?.moments.mean).toBeCloseTo(3.3, 14);
    expect(column.numeric?.sketch.exactValues().sort((a, b) => a - b)).toEqual([1, 2, 3, 4.5, 6]);
  });

  it.each(["1e3", "2.0", "nan"])("widen on %s too (pandas reads the column as float)", (cell) => {
    const column = columnOf(profileOf([{ v: ["1", "2"] }, { v: [cell, "7"] }]), "v");
    expect(column.type).toBe("float");
    expect(column.invalid).toBe(0);
  });

  it("do not widen when the schema declares them: the fraction is invalid", () => {
    const profile = profileOf([{ v: ["1", "2"] }, { v: ["3", "4.5"] }], new Map([["v", "integer"]]));
    const column = columnOf(profile, "v");
    expect(column.type).toBe("integer");
    expect(column.invalid).toBe(1);
    expect(column.invalidExamples).toEqual([{ value: "4.5", source: "data.csv", line: 5 }]);
    expect(column.numeric?.moments.count).toBe(3);
  });

  it("take a declared type even when the cells would infer another", () => {
    const column = columnOf(profileOf([{ v: ["1", "2"] }], new Map([["v", "string"]])), "v");
    expect(column.type).toBe("string");
    expect(column.text?.items()).toEqual([
      ["1", 1],
      ["2", 1],
    ]);
  });
});

describe("invalid cells", () => {
  it("are counted, kept out of the statistics, and shown with source and line", () => {
    const column = columnOf(profileOf([{ v: ["1.5", "2"] }, { v: ["abc", "3", "1,5", "NA"] }]), "v");
    expect(column.type).toBe("float");
    expect({ rows: column.rows, missing: column.missing, invalid: column.invalid }).toEqual({
      rows: 6,
      missing: 1,
      invalid: 2,
    });
    expect(column.presence).toBe(3 / 6);
    expect(column.invalidExamples).toEqual([
      { value: "abc", source: "data.csv", line: 4 },
      { value: "1,5", source: "data.csv", line: 6 },
    ]);
    expect(column.numeric?.moments.count).toBe(3);
    expect(column.numeric?.max).toBe(3);
  });

  it.each<[ColumnType, Cell[], Cell]>([
    ["boolean", ["true"], "1"],
    ["integer", ["1"], "x"],
    ["date", ["2024-01-01"], "2024-13-01"],
    ["date", ["2024-01-01"], "2023-02-29"],
    ["date", ["2024-01-01"], "01/02/2024"],
    ["date", ["2024-01-01"], "2024-01-01T25:00"],
  ])("in a %s column include %j", (type, first, invalid) => {
    const column = columnOf(profileOf([{ v: first }, { v: [invalid] }]), "v");
    expect(column.type).toBe(type);
    expect(column.invalid).toBe(1);
    expect(column.invalidExamples).toEqual([{ value: String(invalid), source: "data.csv", line: 3 }]);
  });

  it(`keep at most ${MAX_EXAMPLES} examples, the first ones, while counting all`, () => {
    const bad = Array.from({ length: MAX_EXAMPLES + 3 }, (_, i) => `bad${i}`);
    const column = columnOf(profileOf([{ v: ["1"] }, { v: bad }]), "v");
    expect(column.invalid).toBe(bad.length);
    expect(column.invalidExamples.map((example) => example.value)).toEqual(bad.slice(0, MAX_EXAMPLES));
  });

  it("in a CSV file name the file and the line the row starts on, past quoted line breaks", async () => {
    const workspace = await tempDir("mlgate-profile-");
    await writeFile(join(workspace, "bad.csv"), 'v,w\n1.5,a\n2,"two\nlines"\noops,b\r\n3,c\n,"x"\n4e2,d\n');
    const table = await openTable("bad.csv", { workspace, env: {}, batchRows: 2 });
    const profile = await profileTable(table);
    const v = columnOf(profile, "v");
    expect(v.type).toBe("float");
    expect({ rows: v.rows, missing: v.missing, invalid: v.invalid }).toEqual({ rows: 6, missing: 1, invalid: 1 });
    expect(v.invalidExamples).toEqual([{ value: "oops", source: "bad.csv", line: 5 }]);
    expect(v.numeric?.sketch.exactValues().sort((a, b) => a - b)).toEqual([1.5, 2, 3, 400]);
    expect(columnOf(profile, "w").text?.items()).toEqual([
      ["a", 1],
      ["b", 1],
      ["c", 1],
      ["d", 1],
      ["two\nlines", 1],
      ["x", 1],
    ]);
    expect(profile.sources).toEqual([expect.objectContaining({ name: "bad.csv", rows: 6 })]);
  });
});
