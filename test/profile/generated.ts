/**
 * Generated tables for the merge properties: fast-check picks the shape (rows, cardinalities, batch cuts,
 * shards), a seeded PRNG fills the cells, so one run stays cheap while covering every sketch regime (exact and
 * bucketed quantiles, exact and Misra–Gries frequencies). Each column's cells fit one type however they are
 * split, so every shard infers the same type (an integer column may widen to float, which merging allows).
 */
import fc from "fast-check";
import type { Cell, RecordBatch } from "../../src/core/data/table.js";
import type { CellExample, ColumnType } from "../../src/core/profile/index.js";
import { seededRandom } from "../../src/core/seeded-random.js";

export interface TablePlan {
  seed: number;
  rows: number;
  /** distinct values drawn from, per column kind (a huge number means continuous) */
  floats: number;
  integers: number;
  strings: number;
  dates: number;
  /** share of missing cells in the columns that have them */
  missing: number;
  /** an integer column gets a few fractional cells, so it widens to float */
  widen: boolean;
  /** largest batch; batches are cut at random sizes up to it */
  maxBatch: number;
}

/** The declared types: `x` is a float column with invalid cells, which inference would read as string. */
export const DECLARED: ReadonlyMap<string, ColumnType> = new Map([["x", "float"]]);

export const MISSING_CELLS: readonly Cell[] = [null, "", "NA", " null ", "N/A", "None", "<NA>"];

export function tablePlan(options: { strings?: fc.Arbitrary<number>; maxRows?: number } = {}): fc.Arbitrary<TablePlan> {
  return fc.record({
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    rows: fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: options.maxRows ?? 3000 })),
    floats: fc.constantFrom(3, 200, 1e9),
    integers: fc.constantFrom(5, 900, 1e7),
    strings: options.strings ?? fc.constantFrom(2, 300, 800, 5000),
    dates: fc.constantFrom(20, 1e6),
    missing: fc.constantFrom(0, 0.1, 0.9),
    widen: fc.boolean(),
    maxBatch: fc.constantFrom(1, 50, 700, 5000),
  });
}

export interface GeneratedRows {
  names: string[];
  /** column-major cells */
  columns: Cell[][];
}

export function generateRows(plan: TablePlan): GeneratedRows {
  const random = seededRandom(plan.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const int = (n: number) => Math.floor(random() * n);
  const missing = () => random() < plan.missing;
  const names = ["f", "i", "s", "b", "d", "x"];
  const columns: Cell[][] = names.map(() => []);
  const push = (column: number, cell: Cell) => columns[column]?.push(cell);
  const float = (): string => {
    const special = random();
    if (special < 0.01) return pick(["nan", "inf", "-inf", "NaN", "-Infinity"]);
    if (plan.floats < 1e6) return String((int(plan.floats) - plan.floats / 2) * 0.25 || 0);
    const magnitude = 10 ** (random() * 10 - 4);
    return String((random() < 0.3 ? -1 : 1) * magnitude * (1 + random()));
  };
  for (let row = 0; row < plan.rows; row++) {
    push(0, missing() ? pick(MISSING_CELLS) : float());
    let integer = String(int(plan.integers) - Math.floor(plan.integers / 3) || 0);
    if (plan.widen && random() < 0.01) integer += ".5";
    push(1, missing() ? pick(MISSING_CELLS) : integer);
    // skewed toward small indexes, so some values are far above the Misra–Gries bound
    push(2, missing() ? null : `c${Math.floor(plan.strings * random() ** 3)}`);
    push(3, missing() ? pick(MISSING_CELLS) : pick(["true", "false", "TRUE", "False", "true"]));
    const minute = plan.dates < 1e6 ? int(plan.dates) * 1440 : int(plan.dates);
    push(4, missing() ? pick(MISSING_CELLS) : new Date(Date.UTC(2020, 0, 1) + minute * 60_000).toISOString());
    push(5, random() < 0.03 ? `bad${int(50)}` : missing() ? pick(MISSING_CELLS) : float());
  }
  return { names, columns };
}

export interface Batched {
  batches: RecordBatch[];
  /** the shard of each batch */
  shards: number[];
  shardCount: number;
}

/**
 * Cuts the rows into batches of random sizes (up to plan.maxBatch), gives each batch to a random shard, and
 * leaves column `y` (integers) out of some batches. Lines are numbered per shard, as if each were a file.
 */
export function cutBatches(rows: GeneratedRows, plan: TablePlan, shardCount: number): Batched {
  const random = seededRandom(plan.seed ^ 0x5eed);
  const total = rows.columns[0]?.length ?? 0;
  const batches: RecordBatch[] = [];
  const shards: number[] = [];
  const nextLine = new Array<number>(shardCount).fill(2);
  for (let start = 0; start < total; ) {
    const size = Math.min(total - start, 1 + Math.floor(random() * plan.maxBatch));
    const shard = Math.floor(random() * shardCount);
    const names = [...rows.names];
    const columns = rows.columns.map((column) => column.slice(start, start + size));
    if (random() < 0.5) {
      names.push("y");
      columns.push(Array.from({ length: size }, () => (random() < 0.2 ? null : String(Math.floor(random() * 40)))));
    }
    const firstLine = nextLine[shard] as number;
    nextLine[shard] = firstLine + size;
    batches.push({
      names,
      columns,
      rowCount: size,
      source: `shard-${shard}.csv`,
      lines: Array.from({ length: size }, (_, i) => firstLine + i),
    });
    shards.push(shard);
    start += size;
  }
  return { batches, shards, shardCount };
}

/** True value counts of the text columns (`s`, `b`), as the profile counts them. */
export function textTruth(batches: readonly RecordBatch[]): Map<string, Map<string, number>> {
  const truth = new Map<string, Map<string, number>>([
    ["s", new Map()],
    ["b", new Map()],
  ]);
  for (const batch of batches) {
    for (const name of ["s", "b"]) {
      const counts = truth.get(name) as Map<string, number>;
      for (const cell of Array.from(batch.columns[batch.names.indexOf(name)] ?? [])) {
        if (cell === null || (name === "b" && MISSING_CELLS.includes(cell))) continue;
        const value = name === "b" ? String(cell).toLowerCase() : String(cell);
        counts.set(value, (counts.get(value) ?? 0) + 1);
      }
    }
  }
  return truth;
}

/** Every invalid cell of column `x` with its source and line. */
export function invalidCells(batches: readonly RecordBatch[]): Map<string, CellExample[]> {
  const cells: CellExample[] = [];
  for (const batch of batches) {
    const column = Array.from(batch.columns[batch.names.indexOf("x")] ?? []);
    column.forEach((cell, row) => {
      if (typeof cell === "string" && cell.startsWith("bad")) {
        cells.push({ value: cell, source: batch.source, line: batch.lines?.[row] as number });
      }
    });
  }
  return new Map([["x", cells]]);
}

/** Merges the profiles pairwise in the order `choices` gives (a random merge tree); returns the root. */
export function mergeInTree<P extends { merge(other: P): void }>(profiles: P[], choices: readonly number[]): P {
  const pool = [...profiles];
  for (let k = 0; pool.length > 1; k++) {
    const i = (choices[k % Math.max(1, choices.length)] ?? 0) % pool.length;
    const j = (i + 1 + ((choices[(k + 1) % Math.max(1, choices.length)] ?? 0) % (pool.length - 1))) % pool.length;
    (pool[i] as P).merge(pool[j] as P);
    pool.splice(j, 1);
  }
  return pool[0] as P;
}
