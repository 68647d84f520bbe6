/** Shared helpers for the builtin trainer tests: seeded data, onnxruntime-node runs, fixture CSVs. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as ort from "onnxruntime-node";
import { seededRandom } from "../../../src/core/seeded-random.js";
import type { TabularColumns } from "../../../src/core/train/builtin/index.js";

export { seededRandom };

export function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

export interface GeneratedTable {
  columns: Required<TabularColumns>;
  /** A linear signal of the columns, for making targets. */
  signal: Float64Array;
}

/** Three numeric columns (two with ~10% missing, one constant-free wide-scale) and two categorical. */
export function generateTable(seed: number, rows: number, unseenCategories: boolean): GeneratedTable {
  const random = seededRandom(seed);
  const age = new Float64Array(rows);
  const income = new Float64Array(rows);
  const score = new Float64Array(rows);
  const plan: string[] = [];
  const region: string[] = [];
  const signal = new Float64Array(rows);
  const plans = ["basic", "plus", "pro"];
  const regions = ["north", "south", "east", "west", "ünïcode"];
  for (let i = 0; i < rows; i++) {
    age[i] = 40 + 12 * normal(random);
    income[i] = random() < 0.1 ? Number.NaN : 50_000 + 20_000 * normal(random);
    score[i] = random() < 0.1 ? Number.NaN : normal(random);
    plan.push(unseenCategories && random() < 0.1 ? "enterprise" : (plans[Math.floor(random() * 3)] as string));
    region.push(unseenCategories && random() < 0.05 ? "" : (regions[Math.floor(random() * 5)] as string));
    signal[i] =
      0.05 * ((age[i] as number) - 40) +
      (Number.isNaN(income[i] as number) ? 0 : ((income[i] as number) - 50_000) / 20_000) -
      0.8 * (Number.isNaN(score[i] as number) ? 0 : (score[i] as number)) +
      ({ basic: -0.5, plus: 0.2, pro: 0.9 }[plan[i] as string] ?? 0) +
      (region[i] === "north" ? 0.4 : 0);
  }
  return { columns: { numeric: { age, income, score }, categorical: { plan, region } }, signal };
}

export async function runOnnx(onnx: Uint8Array, columns: TabularColumns): Promise<Record<string, ort.Tensor>> {
  const session = await ort.InferenceSession.create(onnx);
  try {
    const feeds: Record<string, ort.Tensor> = {};
    for (const [name, values] of Object.entries(columns.numeric ?? {})) {
      feeds[name] = new ort.Tensor("float32", Float32Array.from(values), [values.length, 1]);
    }
    for (const [name, values] of Object.entries(columns.categorical ?? {})) {
      feeds[name] = new ort.Tensor("string", [...values], [values.length, 1]);
    }
    return await session.run(feeds);
  } finally {
    await session.release();
  }
}

export interface FixtureTable {
  columns: Required<TabularColumns>;
  target: string[];
}

/** Reads a fixture CSV written by scripts/fixtures/make_train_fixtures.py (no quoting; empty = missing). */
export function readFixtureCsv(name: string, numeric: string[], categorical: string[]): FixtureTable {
  const path = fileURLToPath(new URL(`../../fixtures/train/${name}`, import.meta.url));
  const [header = "", ...lines] = readFileSync(path, "utf8").trimEnd().split("\n");
  const names = header.split(",");
  const rows = lines.map((line) => line.split(","));
  const cells = (name: string) => rows.map((row) => row[names.indexOf(name)] as string);
  return {
    columns: {
      numeric: Object.fromEntries(
        numeric.map((name) => [
          name,
          Float64Array.from(cells(name), (cell) => (cell === "" ? Number.NaN : Number(cell))),
        ]),
      ),
      categorical: Object.fromEntries(categorical.map((name) => [name, cells(name)])),
    },
    target: cells("target"),
  };
}

export function readFixtureJson<T>(name: string): T {
  return JSON.parse(readFileSync(fileURLToPath(new URL(`../../fixtures/train/${name}`, import.meta.url)), "utf8")) as T;
}

export function outputOf(outputs: Record<string, ort.Tensor>, name: string): ort.Tensor {
  const tensor = outputs[name];
  if (!tensor) throw new Error(`the ONNX model has no output '${name}'`);
  return tensor;
}
