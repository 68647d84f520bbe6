/**
 * The checks of one schema column: in the streaming pass every value goes through the column's
 * rules; at the end the profile adds what only the whole column tells (does it exist, how many
 * cells were missing or not of its type).
 */
import type { CellColumn, RecordBatch } from "../data/table.js";
import { type ColumnProfile, MISSING, type TypedColumn, VALUE } from "../profile/index.js";
import { type Anomaly, Tally } from "./anomaly.js";
import { formatNumber, percent, plural } from "./describe.js";
import type { ColumnSchema } from "./schema.js";
import { uniqueRule } from "./unique-rule.js";
import { domainRule, infinityRule, nanRule, patternRule, rangeRule, type ValueRule } from "./value-rules.js";

const TYPE_WORDS = {
  boolean: "true or false",
  integer: "a whole number",
  float: "a decimal number",
  date: "an ISO 8601 date",
  string: "text",
} as const;

export interface CheckOptions {
  /** distinct values each `unique` column remembers exactly (UNIQUE_CAPACITY by default) */
  uniqueCapacity?: number;
}

export class ColumnChecker {
  private readonly rules: { rule: ValueRule<number | string>; found: Tally }[];
  private readonly missing = new Tally();
  private checked = 0;

  constructor(
    readonly name: string,
    readonly schema: ColumnSchema,
    options: CheckOptions = {},
  ) {
    this.rules = valueRules(schema, options).map((rule) => ({ rule, found: new Tally() }));
  }

  check(batch: RecordBatch, cells: CellColumn, typed: TypedColumn): void {
    if (typed.type !== this.schema.type) {
      throw new Error(
        `column '${this.name}' was typed ${typed.type}, not ${this.schema.type}: give profileTable declaredTypes(schema)`,
      );
    }
    const { kinds } = typed;
    const values: ArrayLike<number | string | undefined> = "numbers" in typed ? typed.numbers : typed.texts;
    for (let row = 0; row < batch.rowCount; row++) {
      const kind = kinds[row];
      if (kind === MISSING) this.missing.add(batch, row, cells[row]);
      if (kind !== VALUE) continue;
      this.checked++;
      const value = values[row] as number | string;
      for (const { rule, found } of this.rules) if (rule.violates(value)) found.add(batch, row, cells[row]);
    }
  }

  /** The column's anomalies, given its profile (undefined when none of the dataset's `rows` has the column). */
  finish(column: ColumnProfile | undefined, rows: number): Anomaly[] {
    if (!column) {
      if (!this.schema.required) return [];
      return [this.anomaly("missing-column", "no such column in the data", "the column, which is required", rows, [])];
    }
    const anomalies: Anomaly[] = [];
    const word = TYPE_WORDS[this.schema.type];
    if (column.invalid > 0) {
      const observed = `${plural(column.invalid, "value")} not ${word}`;
      anomalies.push(this.anomaly("type", observed, `every value ${word}`, column.invalid, column.invalidExamples));
    }
    const present = column.rows === 0 ? 1 : (column.rows - column.missing) / column.rows;
    if (present < this.schema.presence) {
      const observed = `${percent(present)} of rows have a value; ${column.missing} missing`;
      const expected = `at least ${percent(this.schema.presence)}`;
      anomalies.push(this.anomaly("presence", observed, expected, column.missing, this.missing.examples));
    }
    for (const { rule, found } of this.rules) {
      const judgement = rule.judge(found.count, this.checked, column);
      if (!judgement) continue;
      const { severity, observed, expected, count = found.count } = judgement;
      anomalies.push({ ...this.anomaly(rule.kind, observed, expected, count, found.examples), severity });
    }
    return anomalies;
  }

  private anomaly(
    kind: Anomaly["kind"],
    observed: string,
    expected: string,
    count: number,
    examples: Anomaly["examples"],
  ): Anomaly {
    return { column: this.name, kind, severity: "error", observed, expected, count, examples: [...examples] };
  }
}

function valueRules(schema: ColumnSchema, options: CheckOptions): ValueRule<number | string>[] {
  const { type, range, domain, pattern } = schema;
  const rules: ValueRule<number | string>[] = [];
  if (type === "float" && !schema.nan) rules.push(nanRule());
  if (type === "float" && !schema.infinity) rules.push(infinityRule());
  if (range) rules.push(rangeRule(range, (value) => formatNumber(value, type)));
  if (domain) {
    const members = domain.values.map((value) => (typeof value === "boolean" ? String(value) : value));
    rules.push(domainRule(domain, new Set(members)));
  }
  if (pattern !== undefined) rules.push(patternRule(pattern));
  if (schema.unique) rules.push(uniqueRule(options.uniqueCapacity));
  return rules;
}
