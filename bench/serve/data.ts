/**
 * The table of `npm run bench -- serve`: a churn-like binary classification with 8 numeric columns (three
 * with a few percent missing) and 2 categorical ones, label `churned` (0/1, ~30% ones) drawn as
 * Bernoulli(sigmoid(a linear signal)). Deterministic per (rows, seed) through `seededRandom`; every number is
 * rounded to the decimals it is written with, so the CSV parses back to the same doubles in pandas and mlgate.
 *
 * Request rows are drawn the same way from another seed, without missing values: the JSON records the three
 * servers are sent (numbers as JSON numbers, categories as strings).
 */
import { seededRandom } from "../../src/core/seeded-random.js";
import { NormalDraws } from "../normal-draws.js";

export const LABEL = "churned";

interface NumericSpec {
  name: string;
  digits: number;
  missing: number;
}

export const NUMERIC: readonly NumericSpec[] = [
  { name: "tenure_months", digits: 0, missing: 0 },
  { name: "monthly_charges", digits: 2, missing: 0 },
  { name: "total_charges", digits: 2, missing: 0.03 },
  { name: "support_calls", digits: 0, missing: 0 },
  { name: "age", digits: 0, missing: 0 },
  { name: "data_usage_gb", digits: 2, missing: 0.05 },
  { name: "late_payments", digits: 0, missing: 0 },
  { name: "satisfaction", digits: 1, missing: 0.02 },
];

export const CATEGORICAL = [
  {
    name: "plan",
    levels: ["basic", "standard", "premium", "family"],
    weights: [40, 30, 20, 10],
    logit: [0.5, 0, -0.6, -0.3],
  },
  {
    name: "region",
    levels: ["north", "south", "east", "west", "central"],
    weights: [25, 20, 20, 20, 15],
    logit: [0.1, -0.2, 0.25, 0, -0.1],
  },
] as const;

export const FEATURES: readonly string[] = [
  ...NUMERIC.map((spec) => spec.name),
  ...CATEGORICAL.map((spec) => spec.name),
];

/** One row: numbers (NaN = missing) in NUMERIC order, then level indexes in CATEGORICAL order, then the label. */
export interface Row {
  numeric: number[];
  levels: number[];
  label: 0 | 1;
}

function round(value: number, digits: number): number {
  const power = 10 ** digits;
  return Math.round(value * power) / power;
}

function pick(u: number, weights: readonly number[]): number {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  let rest = u * total;
  for (let i = 0; i < weights.length - 1; i++) {
    rest -= weights[i] as number;
    if (rest < 0) return i;
  }
  return weights.length - 1;
}

/** The rows of `seed`, one per call; `missing: false` draws no missing value (request rows). */
export function rowGenerator(seed: number, missing = true): () => Row {
  const random = seededRandom(seed);
  const normals = new NormalDraws(random);
  const normal = () => normals.next();
  return () => {
    const tenure = Math.min(72, Math.floor(-Math.log(1 - random()) * 24));
    const monthly = Math.max(15, 65 + 25 * normal());
    const total = tenure * monthly + 40 * normal();
    const calls = Math.floor(-Math.log(1 - random()) * 1.6);
    const age = Math.min(85, Math.max(18, Math.round(45 + 14 * normal())));
    const usage = Math.exp(2.3 + 0.7 * normal());
    const late = Math.floor(-Math.log(1 - random()) * 0.7);
    const satisfaction = Math.min(5, Math.max(1, 3.4 + 0.9 * normal()));
    const plan = pick(random(), CATEGORICAL[0].weights);
    const region = pick(random(), CATEGORICAL[1].weights);
    const logit =
      -0.6 -
      0.045 * (tenure - 17) +
      0.018 * (monthly - 65) +
      0.35 * (calls - 1.1) -
      0.01 * (age - 45) -
      0.04 * (usage - 12) +
      0.45 * late -
      0.55 * (satisfaction - 3.4) +
      (CATEGORICAL[0].logit[plan] as number) +
      (CATEGORICAL[1].logit[region] as number);
    const label = random() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
    const values = [tenure, monthly, total, calls, age, usage, late, satisfaction];
    const numeric = NUMERIC.map((spec, j) => {
      // one draw per column whether or not it can be missing, so the columns do not shift with `missing`
      const gone = random() < spec.missing;
      return missing && gone ? Number.NaN : round(values[j] as number, spec.digits);
    });
    return { numeric, levels: [plan, region], label };
  };
}

/** The table as CSV: FEATURES then LABEL; a missing number is an empty cell. */
export function tableCsv(rows: number, seed: number): string {
  const next = rowGenerator(seed);
  const lines = [[...FEATURES, LABEL].join(",")];
  for (let i = 0; i < rows; i++) {
    const row = next();
    const numbers = row.numeric.map((value, j) =>
      Number.isNaN(value) ? "" : value.toFixed((NUMERIC[j] as NumericSpec).digits),
    );
    const levels = row.levels.map((level, c) => (CATEGORICAL[c]?.levels[level] as string) ?? "");
    lines.push([...numbers, ...levels, String(row.label)].join(","));
  }
  return `${lines.join("\n")}\n`;
}

export type RequestRecord = Record<string, number | string>;

/** `rows` request records of `seed`: objects keyed by column name, no missing value. */
export function requestRecords(rows: number, seed: number): RequestRecord[] {
  const next = rowGenerator(seed, false);
  return Array.from({ length: rows }, () => {
    const row = next();
    const record: RequestRecord = {};
    NUMERIC.forEach((spec, j) => {
      record[spec.name] = row.numeric[j] as number;
    });
    CATEGORICAL.forEach((spec, c) => {
      record[spec.name] = spec.levels[row.levels[c] as number] as string;
    });
    return record;
  });
}
