/** inferSchema's conservative rules, formatSchema's text, and the round trip through schema.yml. */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { profileTable } from "../../src/core/profile/index.js";
import {
  type ColumnSchema,
  checkTable,
  formatSchema,
  inferSchema,
  MAX_INFERRED_DOMAIN,
  parseSchema,
  readSchema,
  type Schema,
} from "../../src/core/schema/index.js";
import { csv, csvTable, profileCsv } from "./support.js";

const EXAMPLE = fileURLToPath(new URL("../fixtures/schema/schema.yml", import.meta.url));

async function inferCsv(text: string, batchRows?: number): Promise<Schema> {
  return inferSchema(await profileTable(await csvTable({ "data.csv": text }, batchRows)));
}

function column(schema: Schema, name: string): ColumnSchema {
  const found = schema.columns.get(name);
  if (!found) throw new Error(`no column ${name}`);
  return found;
}

describe("inferSchema", () => {
  it("takes each column's type, requires it and sets no range", async () => {
    const schema = await inferCsv(csv("n,x,d,b,s", ["1,0.5,2024-01-01,true,a", "2,-3,2024-02-01,false,a"]));
    expect(schema.rows).toBeUndefined();
    expect(column(schema, "n")).toEqual({
      type: "integer",
      required: true,
      presence: 1,
      nan: false,
      infinity: false,
      unique: true,
    });
    expect(column(schema, "x")).toEqual({
      type: "float",
      required: true,
      presence: 1,
      nan: false,
      infinity: false,
      unique: false,
    });
    expect(column(schema, "d").type).toBe("date");
    expect(column(schema, "b").type).toBe("boolean");
    expect(column(schema, "s").type).toBe("string");
    expect([...schema.columns.values()].some((inferred) => inferred.range)).toBe(false);
  });

  it("rounds presence down to hundredths, keeping a complete column at 1", async () => {
    const rows = Array.from({ length: 200 }, (_, i) => `${i < 199 ? i : ""},${i < 134 ? "" : i},${i}`);
    const schema = await inferCsv(csv("a,b,c", rows));
    expect(column(schema, "a").presence).toBe(0.99);
    expect(column(schema, "b").presence).toBe(0.33);
    expect(column(schema, "c").presence).toBe(1);
  });

  it("makes a column text when later rows do not fit the type the first rows suggested", async () => {
    const data = csv("n,m", ["1,1", "2,2", "x,", "NA,4"]);
    const profile = await profileTable(await csvTable({ "data.csv": data }, 2));
    expect(profile.columns.get("n")?.type).toBe("integer");
    const schema = inferSchema(profile);
    expect(column(schema, "n")).toMatchObject({ type: "string", presence: 0.75 });
    expect(column(schema, "n").domain).toBeUndefined();
    expect(column(schema, "m")).toMatchObject({ type: "integer", presence: 0.75 });
    expect((await checkTable(await csvTable({ "data.csv": data }, 2), schema)).anomalies).toEqual([]);
  });

  it("gives a column without values the type string and presence 0", async () => {
    const schema = await inferCsv(csv("id,empty", ["1,", "2,"]));
    expect(column(schema, "empty")).toMatchObject({ type: "string", required: true, presence: 0, unique: false });
  });

  it("allows NaN and infinities only when the data had them", async () => {
    const schema = await inferCsv(csv("a,b,c", ["1.5,nan,inf", "2.5,1.5,-inf", "3.5,nan,1"]));
    expect(column(schema, "a")).toMatchObject({ nan: false, infinity: false });
    expect(column(schema, "b")).toMatchObject({ nan: true, infinity: false });
    expect(column(schema, "c")).toMatchObject({ nan: false, infinity: true });
  });

  it("writes the sorted domain of a categorical column whose values repeat", async () => {
    const schema = await inferCsv(csv("plan", ["pro", "basic", "pro", "enterprise", "basic"]));
    expect(column(schema, "plan")).toMatchObject({
      domain: { values: ["basic", "enterprise", "pro"], minMass: 1 },
      unique: false,
    });
  });

  it(`writes no domain for more than ${MAX_INFERRED_DOMAIN} distinct values`, async () => {
    const values = (distinct: number) => Array.from({ length: 2 * distinct }, (_, i) => `v${i % distinct}`);
    expect(column(await inferCsv(csv("v", values(MAX_INFERRED_DOMAIN))), "v").domain?.values).toHaveLength(
      MAX_INFERRED_DOMAIN,
    );
    expect(column(await inferCsv(csv("v", values(MAX_INFERRED_DOMAIN + 1))), "v").domain).toBeUndefined();
  });

  it("writes a boolean domain only when one value was seen", async () => {
    const schema = await inferCsv(csv("always,both", ["true,true", "true,false", "TRUE,true"]));
    expect(column(schema, "always").domain).toEqual({ values: [true], minMass: 1 });
    expect(column(schema, "both").domain).toBeUndefined();
  });

  it("calls integer and string columns unique when every value was distinct, counted exactly", async () => {
    const schema = await inferCsv(
      csv("id,code,price,day,dup,one", ["1,a,0.5,2024-01-01,1,", "2,b,1.5,2024-01-02,1,", "3,c,2.5,2024-01-03,2,7"]),
    );
    expect(column(schema, "id")).toMatchObject({ unique: true });
    expect(column(schema, "code")).toMatchObject({ unique: true });
    expect(column(schema, "code").domain).toBeUndefined();
    expect(column(schema, "price").unique).toBe(false);
    expect(column(schema, "day").unique).toBe(false);
    expect(column(schema, "dup").unique).toBe(false);
    expect(column(schema, "one").unique).toBe(false);
  });

  it("does not call a column unique once its distinct count is only an estimate", async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `${i},k${i}`);
    const profile = await profileCsv(csv("n,s", rows));
    expect(profile.columns.get("n")?.numeric?.isDistinctExact).toBe(false);
    expect(profile.columns.get("s")?.text?.isExact).toBe(false);
    const schema = inferSchema(profile);
    expect(column(schema, "n").unique).toBe(false);
    expect(column(schema, "s").unique).toBe(false);
  });
});

describe("formatSchema", () => {
  it("writes YAML under a header that asks for a review", () => {
    const schema: Schema = {
      version: 1,
      rows: { min: 10 },
      columns: new Map<string, ColumnSchema>([
        ["id", { type: "integer", required: true, presence: 1, nan: false, infinity: false, unique: true }],
        [
          "answer",
          {
            type: "string",
            required: false,
            presence: 0.5,
            nan: false,
            infinity: false,
            unique: false,
            domain: { values: ["no", "true", "1"], minMass: 0.95 },
            pattern: "^\\w+$",
          },
        ],
        [
          "at",
          {
            type: "date",
            required: true,
            presence: 0.99,
            nan: false,
            infinity: false,
            unique: false,
            range: { min: Date.UTC(2024, 0, 1), max: Date.UTC(2024, 0, 1, 12, 30) },
          },
        ],
        [
          "x",
          { type: "float", required: true, presence: 1, nan: true, infinity: true, unique: false, range: { max: 1 } },
        ],
      ]),
    };
    const text = formatSchema(schema);
    expect(text).toBe(
      [
        "# Data schema for mlgate validate-data, inferred from a profile of one dataset.",
        "# Review it before checking it in: it only states what that data showed, and every",
        "# expectation here fails the build when new data breaks it. Format: docs/schema.md",
        "",
        "version: 1",
        "rows: {min: 10}",
        "columns:",
        "  id:",
        "    type: integer",
        "    presence: 1",
        "    unique: true",
        "  answer:",
        "    type: string",
        "    required: false",
        "    presence: 0.5",
        "    domain:",
        '      values: [no, "true", "1"]',
        "      min-mass: 0.95",
        "    pattern: ^\\w+$",
        "  at:",
        "    type: date",
        "    presence: 0.99",
        "    range: {min: 2024-01-01, max: 2024-01-01T12:30:00.000Z}",
        "  x:",
        "    type: float",
        "    presence: 1",
        "    range: {max: 1}",
        "    nan: true",
        "    infinity: true",
        "",
      ].join("\n"),
    );
    expect(parseSchema(text, "schema.yml")).toEqual(schema);
  });

  it("round-trips the hand-written example", async () => {
    const schema = await readSchema(EXAMPLE);
    expect(parseSchema(formatSchema(schema), "schema.yml")).toEqual(schema);
  });
});

describe("an inferred schema", () => {
  const DATA = csv("id,plan,age,spend,score,since,active,note,code", [
    '1,basic,34,10.5,nan,2024-01-01,true,"line one\nline two",A1',
    "2,pro,,0,0.25,2024-01-02,true,,A2",
    "3,basic,51,-2.5,inf,2024-03-01T10:00:00Z,false,plain,B7",
    '4,"pro",29,1e3,0.75,,true,"with, comma",true',
    "5,enterprise,NA,7,0.5,2023-12-31,false,x,42",
    "6,basic,40,3.25,-inf,2024-06-30,true,y,B8",
  ]);

  it("survives formatSchema and parseSchema unchanged", async () => {
    const schema = await inferCsv(DATA);
    const text = formatSchema(schema);
    expect(parseSchema(text, "schema.yml")).toEqual(schema);
    expect(text).toContain("values: [basic, enterprise, pro]");
  });

  it("passes on the data it was inferred from, read in any batch size", async () => {
    for (const batchRows of [1, 2, 4, 100]) {
      const schema = parseSchema(formatSchema(await inferCsv(DATA, batchRows)), "schema.yml");
      const table = await csvTable({ "data.csv": DATA }, batchRows);
      expect((await checkTable(table, schema)).anomalies, `batches of ${batchRows}`).toEqual([]);
    }
  });
});
