/** Small, deterministic CSV datasets for the task tests, written into a workspace. */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { seededRandom } from "../../src/core/seeded-random.js";

export const PLANS = ["basic", "pro", "enterprise"] as const;

export interface Row {
  id: number;
  age: number | string;
  plan: string;
  score: number;
  signup: string;
}

/** `rows` customers; `shift` moves the scores and tilts the plan mix (drift). */
export function customers(rows: number, seed: number, shift = 0): Row[] {
  const random = seededRandom(seed);
  return Array.from({ length: rows }, (_, i) => {
    const u = random();
    const plan = u < 0.5 - shift / 4 ? "basic" : u < 0.85 ? "pro" : "enterprise";
    return {
      id: i + 1,
      age: 18 + Math.floor(random() * 60 + shift * 10),
      plan,
      score: Math.round((random() * 2 + shift) * 1e6) / 1e6,
      signup: `2024-0${1 + (i % 9)}-1${i % 10}`,
    };
  });
}

export function writeCsv(dir: string, name: string, rows: readonly Row[]): string {
  const lines = ["id,age,plan,score,signup", ...rows.map((r) => `${r.id},${r.age},${r.plan},${r.score},${r.signup}`)];
  mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
  writeFileSync(path.join(dir, name), `${lines.join("\n")}\n`);
  return name;
}

/** The 1-based file line of data row `index` (the header is line 1). */
export function lineOf(index: number): number {
  return index + 2;
}
