/** Every check on real CSV files: what it flags, how it counts, and where its examples point. */
import { describe, expect, it } from "vitest";
import { profileTable } from "../../src/core/profile/index.js";
import { declaredTypes, parseSchema, SchemaChecker } from "../../src/core/schema/index.js";
import { anomaliesOf, csv, csvTable, only } from "./support.js";

const schemaOf = (columns: string, top = "") => `version: 1\n${top}columns:\n${columns}`;

describe("SchemaChecker", () => {
  it("finds nothing in data that meets every expectation", async () => {
    const schema = parseSchema(
      schemaOf(
        [
          "  id: { type: integer, unique: true }",
          "  age: { type: integer, range: { min: 0, max: 120 } }",
          "  plan: { type: string, domain: { values: [basic, pro] }, pattern: '^[a-z]+$' }",
          "  spend: { type: float, range: { min: 0 } }",
          "  since: { type: date, range: { min: '2020-01-01', max: '2024-12-31' } }",
          "  churned: { type: boolean }",
          "  referrer: { type: string, required: false }",
        ].join("\n"),
        "rows: { min: 3, max: 3 }\n",
      ),
      "schema.yml",
    );
    const table = await csvTable({
      "data.csv": csv("id,age,plan,spend,since,churned", [
        "1,0,basic,0,2020-01-01,true",
        "2,120,pro,9.5,2024-12-31,false",
        "3,45,basic,1e3,2022-06-30T12:00:00Z,TRUE",
      ]),
    });
    const checker = new SchemaChecker(schema);
    const profile = await profileTable(table, {
      types: declaredTypes(schema),
      onBatch: (batch, typed) => checker.checkBatch(batch, typed),
    });
    expect(checker.finish(profile)).toEqual([]);
  });

  it("refuses batches typed otherwise than the schema declares", async () => {
    const schema = parseSchema(schemaOf("  id: { type: float }\n"), "schema.yml");
    const checker = new SchemaChecker(schema);
    const table = await csvTable({ "data.csv": csv("id", [1, 2]) });
    await expect(profileTable(table, { onBatch: (batch, typed) => checker.checkBatch(batch, typed) })).rejects.toThrow(
      "column 'id' was typed integer, not float: give profileTable declaredTypes(schema)",
    );
  });
});

describe("type", () => {
  it("flags cells that do not read as the declared type, with their lines", async () => {
    const anomalies = await anomaliesOf(
      schemaOf("  n: { type: integer }\n  d: { type: date }\n"),
      csv("n,d", ["1,2024-01-31", "1.5,2024-02-30", "abc,2024-03-01", "7,yesterday"]),
    );
    expect(anomalies).toEqual([
      {
        column: "n",
        kind: "type",
        severity: "error",
        observed: "2 values not a whole number",
        expected: "every value a whole number",
        count: 2,
        examples: [
          { value: "1.5", source: "data.csv", line: 3 },
          { value: "abc", source: "data.csv", line: 4 },
        ],
      },
      {
        column: "d",
        kind: "type",
        severity: "error",
        observed: "2 values not an ISO 8601 date",
        expected: "every value an ISO 8601 date",
        count: 2,
        examples: [
          { value: "2024-02-30", source: "data.csv", line: 3 },
          { value: "yesterday", source: "data.csv", line: 5 },
        ],
      },
    ]);
  });
});

describe("range", () => {
  it("flags values outside inclusive bounds and reports the observed extremes", async () => {
    const anomalies = await anomaliesOf(
      schemaOf("  age: { type: integer, range: { min: 0, max: 120 } }\n"),
      csv("age", [0, 120, -3, 150, 30]),
    );
    expect(only(anomalies, "range")).toEqual({
      column: "age",
      kind: "range",
      severity: "error",
      observed: "2 values out of range",
      expected: "between 0 and 120",
      count: 2,
      examples: [
        { value: "-3", source: "data.csv", line: 4 },
        { value: "150", source: "data.csv", line: 5 },
      ],
    });
  });

  it("compares dates as times and writes them as dates", async () => {
    const anomalies = await anomaliesOf(
      schemaOf("  at: { type: date, range: { min: '2024-01-01' } }\n"),
      csv("at", ["2024-01-01", "2023-12-31T23:59:59Z", "2024-01-01T00:30:00+01:00", "2025-05-05"]),
    );
    const range = only(anomalies, "range");
    expect(range.expected).toBe("at least 2024-01-01");
    expect(range.observed).toBe("2 values out of range");
    expect(range.examples.map((example) => example.value)).toEqual([
      "2023-12-31T23:59:59Z",
      "2024-01-01T00:30:00+01:00",
    ]);
  });

  it("leaves NaN and infinities to their own settings", async () => {
    const anomalies = await anomaliesOf(
      schemaOf("  x: { type: float, range: { max: 1 }, nan: true, infinity: true }\n"),
      csv("x", ["0.5", "nan", "inf", "-inf", "1.0000001"]),
    );
    expect(anomalies.map((anomaly) => anomaly.kind)).toEqual(["range"]);
    expect(only(anomalies, "range")).toMatchObject({ count: 1, expected: "at most 1" });
  });
});

describe("nan and infinity", () => {
  it("flags NaN and ±Inf in float columns unless allowed", async () => {
    const data = csv("x", ["1.5", "NaN", "inf", "-Infinity", "nan", "2"]);
    const anomalies = await anomaliesOf(schemaOf("  x: { type: float }\n"), data);
    expect(only(anomalies, "nan")).toMatchObject({
      observed: "2 NaN values",
      count: 2,
      examples: [
        { value: "NaN", line: 3 },
        { value: "nan", line: 6 },
      ],
    });
    expect(only(anomalies, "infinity")).toMatchObject({
      observed: "2 infinite values",
      expected: "no +Inf or -Inf values",
      examples: [{ value: "inf" }, { value: "-Infinity" }],
    });
    expect(await anomaliesOf(schemaOf("  x: { type: float, nan: true, infinity: true }\n"), data)).toEqual([]);
  });
});

describe("presence", () => {
  it("requires every row to have a value by default, with examples of the rows that lack one", async () => {
    const anomalies = await anomaliesOf(
      schemaOf("  age: { type: integer }\n"),
      csv("age,x", ["1,a", ",b", "NA,c", "4,d"]),
    );
    expect(only(anomalies, "presence")).toEqual({
      column: "age",
      kind: "presence",
      severity: "error",
      observed: "50% of rows have a value; 2 missing",
      expected: "at least 100%",
      count: 2,
      examples: [
        { value: "", source: "data.csv", line: 3 },
        { value: "NA", source: "data.csv", line: 4 },
      ],
    });
  });

  it("accepts a fraction down to the stated presence", async () => {
    const data = csv("age,x", ["1,a", "2,b", "3,c", ",d", "5,e"]);
    expect(
      await anomaliesOf(schemaOf("  age: { type: integer, presence: 0.8 }\n  x: { type: string }\n"), data),
    ).toEqual([]);
    const short = only(
      await anomaliesOf(schemaOf("  age: { type: integer, presence: 0.81 }\n  x: { type: string }\n"), data),
      "presence",
    );
    expect(short).toMatchObject({ observed: "80% of rows have a value; 1 missing", expected: "at least 81%" });
  });

  it("counts an empty quoted field as a value in a string column, an unquoted one as missing", async () => {
    const anomalies = await anomaliesOf(schemaOf("  s: { type: string }\n"), 's,n\n"",1\n,2\nNA,3\n');
    expect(only(anomalies, "presence")).toMatchObject({ count: 1, examples: [{ value: "", line: 3 }] });
  });

  it("does not count a cell of the wrong type as missing: the type check reports it", async () => {
    const anomalies = await anomaliesOf(schemaOf("  n: { type: integer }\n"), csv("n", [1, "x", 3]));
    expect(anomalies.map((anomaly) => anomaly.kind)).toEqual(["type"]);
  });
});

describe("domain", () => {
  const plans = (outside: number) =>
    csv("plan", [
      ...Array.from({ length: 20 - outside }, (_, i) => (i % 2 ? "basic" : "pro")),
      ...Array(outside).fill("gold"),
    ]);

  it("flags any value outside the domain by default", async () => {
    const anomalies = await anomaliesOf(
      schemaOf("  plan: { type: string, domain: { values: [basic, pro] } }\n"),
      plans(1),
    );
    expect(only(anomalies, "domain")).toEqual({
      column: "plan",
      kind: "domain",
      severity: "error",
      observed: "1 value outside the domain (95% inside)",
      expected: 'every value one of "basic", "pro"',
      count: 1,
      examples: [{ value: "gold", source: "data.csv", line: 21 }],
    });
  });

  it("tolerates values outside the domain up to 1 - min-mass", async () => {
    const schema = schemaOf("  plan: { type: string, domain: { values: [basic, pro], min-mass: 0.9 } }\n");
    expect(await anomaliesOf(schema, plans(2))).toEqual([]);
    const anomaly = only(await anomaliesOf(schema, plans(3)), "domain");
    expect(anomaly).toMatchObject({
      observed: "3 values outside the domain (85% inside)",
      expected: 'at least 90% of values one of "basic", "pro"',
      count: 3,
    });
  });

  it("is case-sensitive text for strings, and typed for booleans and integers", async () => {
    const anomalies = await anomaliesOf(
      schemaOf(
        [
          "  plan: { type: string, domain: { values: [basic] } }",
          "  ok: { type: boolean, domain: { values: [true] } }",
          "  code: { type: integer, domain: { values: [1, 2] } }",
        ].join("\n"),
      ),
      csv("plan,ok,code", ["basic,TRUE,1", "Basic,true,2", "basic,False,3"]),
    );
    expect(anomalies.map((anomaly) => [anomaly.column, anomaly.count, anomaly.examples[0]?.value])).toEqual([
      ["plan", 1, "Basic"],
      ["ok", 1, "False"],
      ["code", 1, "3"],
    ]);
  });

  it("shortens a long domain in the expectation", async () => {
    const values = Array.from({ length: 12 }, (_, i) => `v${i}`).join(", ");
    const anomalies = await anomaliesOf(
      schemaOf(`  v: { type: string, domain: { values: [${values}] } }\n`),
      csv("v", ["x"]),
    );
    expect(only(anomalies, "domain").expected).toBe(
      'every value one of "v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9" and 2 more',
    );
  });
});

describe("pattern", () => {
  it("flags values the regular expression does not match, searching unless anchored", async () => {
    const data = csv("code", ["ab-12", "AB-12", "xab-123", "ab-1"]);
    const anchored = await anomaliesOf(schemaOf("  code: { type: string, pattern: '^[a-z]{2}-\\d{2}$' }\n"), data);
    expect(only(anchored, "pattern")).toMatchObject({
      observed: "3 values not matching",
      expected: "every value matches /^[a-z]{2}-\\d{2}$/",
      examples: [{ value: "AB-12" }, { value: "xab-123" }, { value: "ab-1" }],
    });
    const search = await anomaliesOf(schemaOf("  code: { type: string, pattern: '[a-z]{2}-' }\n"), data);
    expect(only(search, "pattern").examples.map((example) => example.value)).toEqual(["AB-12"]);
  });
});

describe("unique", () => {
  it("flags repeated values across batches and files, pointing at the repeats", async () => {
    const table = await csvTable({ "a.csv": csv("id", [1, 2, 3]), "b.csv": csv("id", [4, 2, "", "", 1]) }, 2);
    const schema = parseSchema(schemaOf("  id: { type: integer, unique: true, presence: 0 }\n"), "schema.yml");
    const checker = new SchemaChecker(schema);
    const profile = await profileTable(table, {
      types: declaredTypes(schema),
      onBatch: (batch, typed) => checker.checkBatch(batch, typed),
    });
    expect(checker.finish(profile)).toEqual([
      {
        column: "id",
        kind: "unique",
        severity: "error",
        observed: "2 duplicate values",
        expected: "every value unique",
        count: 2,
        examples: [
          { value: "2", source: "b.csv", line: 3 },
          { value: "1", source: "b.csv", line: 6 },
        ],
      },
    ]);
  });

  it("does not take NaN for a repeat, but does infinity", async () => {
    const anomalies = await anomaliesOf(
      schemaOf("  x: { type: float, unique: true, nan: true, infinity: true }\n"),
      csv("x", ["nan", "nan", "inf", "inf", "1"]),
    );
    expect(only(anomalies, "unique")).toMatchObject({ count: 1, examples: [{ value: "inf", line: 5 }] });
  });
});

describe("columns and rows", () => {
  it("flags a missing required column, and not an optional one", async () => {
    const anomalies = await anomaliesOf(
      schemaOf("  id: { type: integer }\n  age: { type: integer }\n  referrer: { type: string, required: false }\n"),
      csv("id", [1, 2, 3]),
    );
    expect(anomalies).toEqual([
      {
        column: "age",
        kind: "missing-column",
        severity: "error",
        observed: "no such column in the data",
        expected: "the column, which is required",
        count: 3,
        examples: [],
      },
    ]);
  });

  it("warns about a column the schema does not list", async () => {
    const anomalies = await anomaliesOf(schemaOf("  id: { type: integer }\n"), csv("id,extra", ["1,a", "2,"]));
    expect(anomalies).toEqual([
      {
        column: "extra",
        kind: "new-column",
        severity: "warning",
        observed: "a column the schema does not list (string)",
        expected: "only the schema's columns: add it to the schema, or drop it from the data",
        count: 1,
        examples: [],
      },
    ]);
  });

  it("checks the row count against its bounds", async () => {
    const data = csv("id", [1, 2, 3]);
    expect(await anomaliesOf(schemaOf("  id: { type: integer }\n", "rows: { min: 3, max: 3 }\n"), data)).toEqual([]);
    const few = only(await anomaliesOf(schemaOf("  id: { type: integer }\n", "rows: { min: 4 }\n"), data), "rows");
    expect(few).toEqual({
      kind: "rows",
      severity: "error",
      observed: "3 rows",
      expected: "at least 4 rows",
      count: 3,
      examples: [],
    });
    const many = only(await anomaliesOf(schemaOf("  id: { type: integer }\n", "rows: { max: 2 }\n"), data), "rows");
    expect(many.expected).toBe("at most 2 rows");
  });
});

describe("examples", () => {
  it("keep counting past five examples and name each file", async () => {
    const table = await csvTable({
      "a.csv": csv("n", [1, "x1", "x2", "x3"]),
      "b.csv": csv("n", ["x4", "x5", "x6", "x7", 9, "x8"]),
    });
    const schema = parseSchema(schemaOf("  n: { type: integer }\n"), "schema.yml");
    const checker = new SchemaChecker(schema);
    const profile = await profileTable(table, {
      types: declaredTypes(schema),
      onBatch: (batch, typed) => checker.checkBatch(batch, typed),
    });
    const type = only(checker.finish(profile), "type");
    expect(type.count).toBe(8);
    expect(type.examples).toEqual([
      { value: "x1", source: "a.csv", line: 3 },
      { value: "x2", source: "a.csv", line: 4 },
      { value: "x3", source: "a.csv", line: 5 },
      { value: "x4", source: "b.csv", line: 2 },
      { value: "x5", source: "b.csv", line: 3 },
    ]);
  });

  it("point at the line a row starts on, after quoted line breaks and CRLF", async () => {
    const text = 'note,age\r\n"two\r\nlines",1\r\n"three\nline\nnote",-5\r\nok,7\r\n"",200\r\n';
    const anomalies = await anomaliesOf(
      schemaOf("  note: { type: string }\n  age: { type: integer, range: { min: 0, max: 150 } }\n"),
      text,
    );
    expect(only(anomalies, "range").examples).toEqual([
      { value: "-5", source: "data.csv", line: 4 },
      { value: "200", source: "data.csv", line: 8 },
    ]);
  });

  it("stay at five per check however many rows fail", async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => (i % 3 === 0 ? "gold" : "basic"));
    const anomalies = await anomaliesOf(
      schemaOf("  plan: { type: string, domain: { values: [basic] } }\n"),
      csv("plan", rows),
      {
        batchRows: 100,
      },
    );
    const domain = only(anomalies, "domain");
    expect(domain.count).toBe(1000);
    expect(domain.examples.map((example) => example.line)).toEqual([2, 5, 8, 11, 14]);
  });
});

describe("JSON Lines", () => {
  it("counts rows before a key first appears as missing, with examples where the row has no value", async () => {
    const table = await csvTable(
      { "data.jsonl": '{"id": 1}\n{"id": 2}\n{"id": 3, "tag": "a"}\n{"id": 4, "tag": null}\n' },
      2,
    );
    const schema = parseSchema(
      schemaOf("  id: { type: integer }\n  tag: { type: string, presence: 0.5 }\n"),
      "schema.yml",
    );
    const checker = new SchemaChecker(schema);
    const profile = await profileTable(table, {
      types: declaredTypes(schema),
      onBatch: (batch, typed) => checker.checkBatch(batch, typed),
    });
    expect(checker.finish(profile)).toEqual([
      {
        column: "tag",
        kind: "presence",
        severity: "error",
        observed: "25% of rows have a value; 3 missing",
        expected: "at least 50%",
        count: 3,
        examples: [{ value: "", source: "data.jsonl", line: 4 }],
      },
    ]);
  });
});
