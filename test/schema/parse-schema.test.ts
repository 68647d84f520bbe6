/** Reading schema.yml: defaults, and the one-line error (file:line:column, key, fix) for each mistake. */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/errors.js";
import { declaredTypes, parseSchema, readSchema } from "../../src/core/schema/index.js";
import { tempDir } from "../support/temp.js";
import { schemaError } from "./support.js";

const EXAMPLE = fileURLToPath(new URL("../fixtures/schema/schema.yml", import.meta.url));

describe("parseSchema", () => {
  it("reads every setting and resolves the defaults", async () => {
    const schema = await readSchema(EXAMPLE);
    expect(schema.version).toBe(1);
    expect(schema.rows).toEqual({ min: 2, max: 5_000_000 });
    expect([...schema.columns.keys()]).toEqual([
      "customer_id",
      "age",
      "plan",
      "monthly_spend",
      "signed_up",
      "churned",
      "referrer",
    ]);
    expect(schema.columns.get("customer_id")).toEqual({
      type: "integer",
      required: true,
      presence: 1,
      nan: false,
      infinity: false,
      unique: true,
    });
    expect(schema.columns.get("age")).toMatchObject({ presence: 0.99, range: { min: 0, max: 120 }, unique: false });
    expect(schema.columns.get("plan")).toMatchObject({
      domain: { values: ["basic", "pro", "enterprise"], minMass: 0.99 },
      pattern: "^[a-z]+$",
    });
    expect(schema.columns.get("monthly_spend")).toMatchObject({ nan: true, infinity: false, range: { min: 0 } });
    expect(schema.columns.get("signed_up")?.range).toEqual({
      min: Date.UTC(2015, 0, 1),
      max: Date.UTC(2030, 11, 31, 23, 59, 59),
    });
    expect(schema.columns.get("referrer")).toMatchObject({ required: false, presence: 0 });
    expect(declaredTypes(schema).get("churned")).toBe("boolean");
  });

  it("reads domains of booleans and integers as their types", () => {
    const schema = parseSchema(
      "version: 1\ncolumns:\n  flag: { type: boolean, domain: { values: [true] } }\n  code: { type: integer, domain: { values: [1, 2] } }\n",
      "schema.yml",
    );
    expect(schema.columns.get("flag")?.domain).toEqual({ values: [true], minMass: 1 });
    expect(schema.columns.get("code")?.domain).toEqual({ values: [1, 2], minMass: 1 });
  });

  it("names the line and column of a misspelt key and suggests the right one", () => {
    const error = schemaError("version: 1\ncolumns:\n  age:\n    type: integer\n    presense: 0.9\n");
    expect(error.message).toBe(
      "schema.yml:5:5 'columns.age.presense': unknown key 'presense' — did you mean 'presence'?",
    );
    expect(error.exitCode).toBe(2);
  });

  it("lists the allowed keys when no key is close", () => {
    const error = schemaError("version: 1\nrows: { min: 1, atmost: 3 }\ncolumns: {}\n");
    expect(error.message).toBe("schema.yml:2:17 'rows.atmost': unknown key 'atmost' — allowed here: min, max");
  });

  it("refuses unknown top-level keys", () => {
    expect(schemaError("version: 1\ncolums: {}\n").message).toBe(
      "schema.yml:2:1 'colums': unknown key 'colums' — did you mean 'columns'?",
    );
  });

  it("suggests the nearest type for a misspelt one", () => {
    expect(schemaError("version: 1\ncolumns:\n  age: { type: integr }\n").message).toBe(
      "schema.yml:3:16 'columns.age.type': must be one of: boolean, integer, float, date, string — did you mean 'integer'?",
    );
  });

  it.each([
    ["required: yes", "columns.a.required", "must be true or false"],
    ["presence: 1.5", "columns.a.presence", "must be a fraction from 0 to 1"],
    ["presence: high", "columns.a.presence", "must be a fraction from 0 to 1"],
    ["unique: 1", "columns.a.unique", "must be true or false"],
    ["range: { min: '0' }", "columns.a.range.min", "must be a finite number"],
    ["range: { max: .inf }", "columns.a.range.max", "must be a finite number"],
    ["range: {}", "columns.a.range", "needs a min, a max or both"],
    ["domain: { values: [1, 1.5] }", "columns.a.domain.values.1", "must be a whole number"],
    ["domain: { values: [] }", "columns.a.domain.values", "must be a list with at least one item"],
    ["domain: { values: [1], min-mass: 2 }", "columns.a.domain.min-mass", "must be a fraction from 0 to 1"],
  ])("refuses `%s` at %s", (setting, key, problem) => {
    const error = schemaError(`version: 1\ncolumns:\n  a:\n    type: integer\n    ${setting}\n`);
    expect(error.where).toMatchObject({ file: "schema.yml", line: 5, key });
    expect(error.problem).toBe(problem);
  });

  it("asks for quotes around a domain value YAML reads as a boolean", () => {
    const error = schemaError("version: 1\ncolumns:\n  answer: { type: string, domain: { values: [maybe, true] } }\n");
    expect(error.message).toBe(
      "schema.yml:3:53 'columns.answer.domain.values.1': must be text — quote it if YAML reads it as something else",
    );
  });

  it("refuses an invalid regular expression", () => {
    const error = schemaError("version: 1\ncolumns:\n  plan:\n    type: string\n    pattern: '[a-z'\n");
    expect(error.where).toMatchObject({ line: 5, column: 14, key: "columns.plan.pattern" });
    expect(error.problem).toMatch(/^is not a valid regular expression: .*character class/);
  });

  it("refuses a range whose min exceeds its max", () => {
    const error = schemaError("version: 1\ncolumns:\n  age:\n    type: float\n    range: { min: 10, max: 5 }\n");
    expect(error.message).toBe("schema.yml:5:12 'columns.age.range': min (10) is greater than max (5) — swap them");
  });

  it("compares date bounds as times and refuses text that is not a date", () => {
    const swapped = schemaError(
      "version: 1\ncolumns:\n  d: { type: date, range: { min: '2024-02-01', max: 2024-01-31 } }\n",
    );
    expect(swapped.problem).toBe("min (2024-02-01) is greater than max (2024-01-31)");
    const wrong = schemaError("version: 1\ncolumns:\n  d: { type: date, range: { min: 2024 } }\n");
    expect(wrong.where.key).toBe("columns.d.range.min");
    expect(wrong.problem).toBe("must be an ISO 8601 date");
  });

  it("refuses settings that do not apply to the column's type, at the setting's key", () => {
    const error = schemaError("version: 1\ncolumns:\n  name:\n    type: string\n    range: { min: 0 }\n");
    expect(error.message).toBe(
      "schema.yml:5:5 'columns.name.range': 'range' applies to integer, float and date columns, not string — remove it, or change the column's type",
    );
    expect(schemaError("version: 1\ncolumns:\n  n: { type: integer, nan: true }\n").problem).toBe(
      "'nan' applies to float columns, not integer",
    );
    expect(schemaError("version: 1\ncolumns:\n  n: { type: date, pattern: x }\n").problem).toBe(
      "'pattern' applies to string columns, not date",
    );
  });

  it("requires a type for every column, naming where it is missing", () => {
    const error = schemaError("version: 1\ncolumns:\n  age:\n    required: true\n");
    expect(error.where).toMatchObject({ line: 4, column: 5, key: "columns.age.type" });
    expect(error.problem).toBe("is missing");
  });

  it("requires version 1 and a columns mapping", () => {
    expect(schemaError("columns: {}\n").message).toBe(
      "schema.yml:1:1 'version': is missing — write `version: 1` as the first line",
    );
    expect(schemaError("version: 2\ncolumns: {}\n").message).toMatch(/^schema\.yml:1:10 'version': must be 1/);
    expect(schemaError("version: 1\n").where.key).toBe("columns");
    expect(schemaError("version: 1\ncolumns: [a, b]\n").message).toMatch(
      /^schema\.yml:2:10 'columns': must be a mapping/,
    );
    expect(schemaError("version: 1\ncolumns:\n  age:\n").message).toMatch(
      /^schema\.yml:3:7 'columns\.age': must be a mapping/,
    );
  });

  it("refuses an empty file and YAML syntax errors with their position", () => {
    expect(schemaError("# nothing yet\n").message).toBe(
      "schema.yml: is empty — write `version: 1` and a `columns:` mapping",
    );
    const syntax = schemaError("version: 1\ncolumns:\n  age: { type: integer\n");
    expect(syntax.where).toMatchObject({ file: "schema.yml", line: expect.any(Number) });
    expect(syntax.fix).toBe("fix the syntax");
  });

  it("rows bounds are whole numbers, 0 or more", () => {
    expect(schemaError("version: 1\nrows: { min: -1 }\ncolumns: {}\n").message).toBe(
      "schema.yml:2:14 'rows.min': must be a whole number, 0 or more — write the number without quotes",
    );
  });

  it("says which input named a schema file that does not exist", async () => {
    const dir = await tempDir("mlgate-schema-");
    await expect(readSchema(join(dir, "missing.yml"), "schema")).rejects.toThrow(InputError);
    await expect(readSchema(join(dir, "missing.yml"), "schema")).rejects.toThrow("schema file not found");
    await writeFile(join(dir, "ok.yml"), "version: 1\ncolumns: {}\n");
    expect((await readSchema(join(dir, "ok.yml"))).columns.size).toBe(0);
  });
});
