/**
 * The training set of `npm run bench -- train`: 17 numeric columns (three with ~5% missing, one with
 * ~2%) and 3 categorical ones (5, 12 and 20 levels, skewed frequencies), a binary `label` drawn from
 * a noisy linear signal (Bernoulli of its sigmoid, ~61% ones: the classes overlap, and a linear model
 * reaches ~0.735 held-out accuracy) and a numeric `target` (another linear signal plus Gaussian noise:
 * held-out R² ~0.75). Deterministic per
 * (rows, seed) through `seededRandom`; every value is rounded to a few decimals, so the CSV form
 * (`writeTrainCsv`) parses back to exactly the doubles of the binary form both trainers read.
 *
 * Binary form, cached beside the data suite's CSVs: `<name>.bin` holds each column contiguously
 * (numeric and target float64, categorical codes and label int32, 8-byte aligned, in the machine's
 * byte order, which the header records), `<name>.json` its layout (`TrainTableHeader`), so numpy
 * reads a column with one `np.fromfile` and Node with one `readSync` into a typed array.
 */

import { closeSync, existsSync, mkdirSync, openSync, renameSync, statSync, writeFileSync, writeSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { seededRandom } from "../../src/core/seeded-random.js";
import { CACHE_DIR } from "../data/generate.js";
import { NormalDraws } from "../normal-draws.js";

/** Bump when the columns, their distributions or the file layout change: other versions' files are ignored. */
export const TRAIN_GENERATOR_VERSION = 1;
export const TRAIN_SEED = 0x7a1;
export const HOLDOUT_SEED = 0x401d;

type Draw = (random: Random) => number;

interface NumericSpec {
  name: string;
  /** a unit-scale draw; the column is loc + scale · draw, rounded to `digits` decimals */
  draw: Draw;
  loc: number;
  scale: number;
  digits: number;
  missing: number;
  /** weight of the draw in the label's logit */
  logit: number;
  /** weight of the draw in the regression target */
  regression: number;
  /** the column whose draw this one's follows: 0.8 · that draw + 0.6 · its own (correlation 0.8) */
  follows?: string;
}

interface CategoricalSpec {
  name: string;
  levels: readonly string[];
  /** relative frequencies, one per level */
  weights: readonly number[];
  logit: readonly number[];
  regression: readonly number[];
}

class Random {
  readonly next: () => number;
  private readonly normals = new NormalDraws(() => this.next());

  constructor(seed: number) {
    this.next = seededRandom(seed);
  }

  /** standard normal */
  normal(): number {
    return this.normals.next();
  }
}

const normal: Draw = (random) => random.normal();
/** uniform with mean 0 and variance 1 */
const uniform: Draw = (random) => (random.next() * 2 - 1) * Math.sqrt(3);
/** exponential(1) − 1 */
const exponential: Draw = (random) => -Math.log(1 - random.next()) - 1;
/** lognormal(0, 0.5), centered and scaled to variance 1 */
const LOGNORMAL_MEAN = Math.exp(0.125);
const LOGNORMAL_SD = Math.sqrt((Math.exp(0.25) - 1) * Math.exp(0.25));
const lognormal: Draw = (random) => (Math.exp(0.5 * random.normal()) - LOGNORMAL_MEAN) / LOGNORMAL_SD;
/** a mixture of two normals, mean 0 */
const bimodal: Draw = (random) => (random.next() < 0.7 ? -0.45 : 1.05) + 0.6 * random.normal();

function numeric(
  name: string,
  draw: Draw,
  loc: number,
  scale: number,
  digits: number,
  logit: number,
  regression: number,
  missing = 0,
  follows?: string,
): NumericSpec {
  return { name, draw, loc, scale, digits, missing, logit, regression, ...(follows ? { follows } : {}) };
}

export const NUMERIC: readonly NumericSpec[] = [
  numeric("age", normal, 41, 12, 1, 0.55, 2.0),
  numeric("income", lognormal, 52_000, 18_000, 2, 0.45, 3.5, 0.05),
  numeric("tenure_days", exponential, 700, 650, 0, -0.4, -1.2),
  numeric("balance", normal, 1_250, 900, 2, 0.3, 2.4),
  numeric("utilization", uniform, 0.5, 0.28, 4, -0.5, 0.8, 0.05),
  numeric("score_a", normal, 600, 80, 1, 0.35, 1.5),
  numeric("score_b", normal, 0.6, 0.1, 4, 0.2, -0.6, 0, "score_a"),
  numeric("visits", exponential, 12, 11, 0, 0.25, 0.9),
  numeric("latency_ms", lognormal, 180, 45, 2, -0.3, -1.0, 0.02),
  numeric("temperature", normal, 21, 4.5, 2, 0, 0.5),
  numeric("ratio", uniform, 0, 1, 5, 0.15, 0),
  numeric("discount", bimodal, 0.1, 0.05, 4, -0.2, 1.1),
  numeric("sensor", normal, 0.002, 0.0005, 6, 0, 0, 0.05),
  numeric("distance_km", exponential, 8, 7.5, 3, 0.1, -0.4),
  numeric("rating", bimodal, 3.6, 0.8, 2, 0.4, 1.3),
  numeric("noise_a", normal, 0, 1, 4, 0, 0),
  numeric("noise_b", uniform, 100, 30, 3, 0, 0),
];

export const CATEGORICAL: readonly CategoricalSpec[] = [
  {
    name: "color",
    levels: ["red", "green", "blue", "black", "white"],
    weights: [30, 25, 20, 15, 10],
    logit: [0.3, -0.2, 0.1, -0.4, 0.5],
    regression: [1.5, 0, -1, 2, -2.5],
  },
  {
    name: "region",
    levels: [
      "north",
      "south",
      "east",
      "west",
      "central",
      "coast",
      "alps",
      "lakes",
      "plains",
      "delta",
      "islands",
      "hills",
    ],
    weights: [20, 16, 14, 11, 9, 8, 6, 5, 4, 3, 2, 2],
    logit: [0, 0.25, -0.3, 0.1, 0.45, -0.15, 0.6, -0.5, 0.2, -0.35, 0.8, -0.7],
    regression: [0, 1, -1.5, 0.5, 2, -0.5, 3, -2.5, 1, -1, 4, -3],
  },
  {
    name: "product",
    levels: Array.from({ length: 20 }, (_, i) => `sku-${String.fromCharCode(97 + i)}${(i * 7) % 10}`),
    weights: Array.from({ length: 20 }, (_, i) => 1 / (i + 1)),
    logit: Array.from({ length: 20 }, (_, i) => 0.6 * Math.sin(1.7 * i + 0.3)),
    regression: Array.from({ length: 20 }, (_, i) => 3 * Math.cos(1.3 * i)),
  },
];

export const FEATURES: readonly string[] = [...NUMERIC.map((spec) => spec.name), ...CATEGORICAL.map((c) => c.name)];
const LOGIT_INTERCEPT = 0.4;
const REGRESSION_INTERCEPT = 100;
const REGRESSION_NOISE = 3.5;
/** decimals of the regression target */
export const TARGET_DIGITS = 4;
const TARGET_POWER = 10 ** TARGET_DIGITS;

/** One generated row, reused between calls: numeric NaN = missing, categorical as level indexes. */
export interface TableRow {
  numeric: Float64Array;
  codes: Int32Array;
  label: number;
  target: number;
}

/** Rows of the table for `seed`, one per call, in the same order every time. */
export function rowGenerator(seed: number): () => TableRow {
  const random = new Random(seed);
  const cumulative = CATEGORICAL.map((spec) => {
    const total = spec.weights.reduce((sum, weight) => sum + weight, 0);
    let running = 0;
    return spec.weights.map((weight) => {
      running += weight / total;
      return running;
    });
  });
  const row: TableRow = {
    numeric: new Float64Array(NUMERIC.length),
    codes: new Int32Array(CATEGORICAL.length),
    label: 0,
    target: 0,
  };
  const draws = new Float64Array(NUMERIC.length);
  const leaders = NUMERIC.map((spec) =>
    spec.follows ? NUMERIC.findIndex((other) => other.name === spec.follows) : -1,
  );
  const powers = NUMERIC.map((spec) => 10 ** spec.digits);
  return () => {
    let logit = LOGIT_INTERCEPT;
    let regression = REGRESSION_INTERCEPT + REGRESSION_NOISE * random.normal();
    for (let j = 0; j < NUMERIC.length; j++) {
      const spec = NUMERIC[j] as NumericSpec;
      let draw = spec.draw(random);
      const leader = leaders[j] as number;
      if (leader >= 0) draw = 0.8 * (draws[leader] as number) + 0.6 * draw;
      draws[j] = draw;
      logit += spec.logit * draw;
      regression += spec.regression * draw;
      const power = powers[j] as number;
      // missingness is drawn after the value, so the signal keeps what the missing cell hides;
      // `+ 0` turns a rounded -0 into 0, which a CSV cell gives back
      row.numeric[j] =
        spec.missing > 0 && random.next() < spec.missing
          ? Number.NaN
          : Math.round((spec.loc + spec.scale * draw) * power) / power + 0;
    }
    for (let c = 0; c < CATEGORICAL.length; c++) {
      const spec = CATEGORICAL[c] as CategoricalSpec;
      const bounds = cumulative[c] as number[];
      const u = random.next();
      let code = 0;
      while (code < bounds.length - 1 && u >= (bounds[code] as number)) code++;
      row.codes[c] = code;
      logit += spec.logit[code] as number;
      regression += spec.regression[code] as number;
    }
    row.label = random.next() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
    row.target = Math.round(regression * TARGET_POWER) / TARGET_POWER + 0;
    return row;
  };
}

export interface TrainColumnLayout {
  name: string;
  role: "numeric" | "categorical" | "label" | "target";
  dtype: "float64" | "int32";
  /** byte offset in the .bin file */
  offset: number;
  /** categorical only: the code → string table */
  levels?: string[];
}

export interface TrainTableHeader {
  version: number;
  /** byte order of the .bin file */
  endianness: "LE" | "BE";
  rows: number;
  seed: number;
  /** the .bin file, in the header's folder */
  data: string;
  columns: TrainColumnLayout[];
}

export interface TrainTableFile {
  /** the JSON header; the data file sits beside it */
  header: string;
  data: string;
  rows: number;
  bytes: number;
  generated: boolean;
  seconds: number;
}

export const TRAIN_CACHE_DIR = path.join(CACHE_DIR, `train-v${TRAIN_GENERATOR_VERSION}`);

function layout(rows: number, seed: number, data: string): TrainTableHeader {
  const columns: TrainColumnLayout[] = [];
  let offset = 0;
  const add = (column: Omit<TrainColumnLayout, "offset">) => {
    columns.push({ ...column, offset });
    offset += Math.ceil((rows * (column.dtype === "float64" ? 8 : 4)) / 8) * 8;
  };
  for (const spec of NUMERIC) add({ name: spec.name, role: "numeric", dtype: "float64" });
  for (const spec of CATEGORICAL)
    add({ name: spec.name, role: "categorical", dtype: "int32", levels: [...spec.levels] });
  add({ name: "label", role: "label", dtype: "int32" });
  add({ name: "target", role: "target", dtype: "float64" });
  return {
    version: TRAIN_GENERATOR_VERSION,
    endianness: os.endianness(),
    rows,
    seed,
    data: path.basename(data),
    columns,
  };
}

/** The cached table for (rows, seed) when present (complete only: the header is written last), else a new one. */
export function ensureTrainTable(rows: number, seed: number): TrainTableFile {
  const base = path.join(TRAIN_CACHE_DIR, `table-${rows}-${seed.toString(16)}`);
  const header = `${base}.json`;
  const data = `${base}.bin`;
  if (existsSync(header) && existsSync(data)) {
    return { header, data, rows, bytes: statSync(data).size, generated: false, seconds: 0 };
  }
  mkdirSync(TRAIN_CACHE_DIR, { recursive: true });
  const start = performance.now();
  const description = layout(rows, seed, data);
  const numeric = NUMERIC.map(() => new Float64Array(rows));
  const codes = CATEGORICAL.map(() => new Int32Array(rows));
  const label = new Int32Array(rows);
  const target = new Float64Array(rows);
  const next = rowGenerator(seed);
  for (let i = 0; i < rows; i++) {
    const row = next();
    for (let j = 0; j < numeric.length; j++) (numeric[j] as Float64Array)[i] = row.numeric[j] as number;
    for (let c = 0; c < codes.length; c++) (codes[c] as Int32Array)[i] = row.codes[c] as number;
    label[i] = row.label;
    target[i] = row.target;
  }
  const partial = `${data}.${process.pid}.partial`;
  const fd = openSync(partial, "w");
  try {
    [...numeric, ...codes, label, target].forEach((column, index) => {
      const bytes = new Uint8Array(column.buffer, column.byteOffset, column.byteLength);
      let position = (description.columns[index] as TrainColumnLayout).offset;
      for (let done = 0; done < bytes.length; ) {
        const written = writeSync(fd, bytes, done, bytes.length - done, position);
        done += written;
        position += written;
      }
    });
  } finally {
    closeSync(fd);
  }
  renameSync(partial, data);
  writeFileSync(`${header}.partial`, JSON.stringify(description, null, 1));
  renameSync(`${header}.partial`, header);
  return {
    header,
    data,
    rows,
    bytes: statSync(data).size,
    generated: true,
    seconds: (performance.now() - start) / 1000,
  };
}
