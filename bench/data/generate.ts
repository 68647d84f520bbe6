/**
 * Deterministic bench data: a CSV of 20 mixed columns written in chunks (memory stays flat however
 * many rows), cached under os.tmpdir() by generator version, variant, rows and seed. The "current"
 * variant drifts in a few columns: f_normal and i_age shift their means, f_price its scale, s_color
 * its category mix, s_segment its missing rate; every other column keeps the reference distribution.
 */

import { closeSync, existsSync, mkdirSync, openSync, renameSync, statSync, writeSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { NormalDraws } from "../normal-draws.js";

/** Bump when the columns or their distributions change: cached files of other versions are ignored. */
export const GENERATOR_VERSION = 1;
export const CACHE_DIR = path.join(os.tmpdir(), "mlgate-bench-data", `v${GENERATOR_VERSION}`);

export type Variant = "reference" | "current";

export const COLUMNS = [
  "id",
  "f_normal",
  "f_lognormal",
  "f_uniform",
  "f_price",
  "f_temperature",
  "f_ratio",
  "f_score",
  "f_sensor",
  "i_age",
  "i_count",
  "i_year",
  "i_clicks",
  "i_zip",
  "s_color",
  "s_city",
  "s_segment",
  "s_session",
  "b_active",
  "d_signup",
] as const;

export interface GeneratedFile {
  file: string;
  rows: number;
  bytes: number;
  /** false when a cached file of the same generator version was reused */
  generated: boolean;
  seconds: number;
}

export function dataFile(variant: Variant, rows: number): string {
  return path.join(CACHE_DIR, `${variant}-${rows}.csv`);
}

/** The cached file when present (complete files only: they are renamed into place), else a new one. */
export function ensureData(variant: Variant, rows: number): GeneratedFile {
  const file = dataFile(variant, rows);
  if (existsSync(file)) return { file, rows, bytes: statSync(file).size, generated: false, seconds: 0 };
  mkdirSync(CACHE_DIR, { recursive: true });
  const start = performance.now();
  const partial = `${file}.${process.pid}.partial`;
  writeCsv(partial, variant, rows);
  renameSync(partial, file);
  return { file, rows, bytes: statSync(file).size, generated: true, seconds: (performance.now() - start) / 1000 };
}

/** sfc32: small, fast, and the same numbers on every platform and Node version. */
class Random {
  private a: number;
  private b: number;
  private c: number;
  private d = 1;
  private readonly normals = new NormalDraws(() => this.next());

  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = seed >>> 0;
    for (let i = 0; i < 16; i++) this.uint32();
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** [0, 1) */
  next(): number {
    return this.uint32() / 4294967296;
  }

  int(below: number): number {
    return Math.floor(this.next() * below);
  }

  /** standard normal */
  normal(): number {
    return this.normals.next();
  }
}

const COLORS = ["red", "green", "blue", "black", "white"];
const REFERENCE_COLOR_WEIGHTS = [0.3, 0.25, 0.2, 0.15, 0.1];
const CURRENT_COLOR_WEIGHTS = [0.15, 0.2, 0.2, 0.15, 0.3];
const SEGMENTS = ["retail", "business", "enterprise"];
const SYLLABLES = ["ka", "lo", "mi", "ne", "su", "ta", "ri", "vo", "de", "za", "po", "gu", "he", "bi", "fa", "xo"];
/** about 1000 city names, zipf-like frequencies (low indexes are common) */
const CITIES = Array.from({ length: 1000 }, (_, i) => {
  const first = SYLLABLES[i % 16] ?? "";
  const second = SYLLABLES[Math.floor(i / 16) % 16] ?? "";
  const third = SYLLABLES[Math.floor(i / 256) % 16] ?? "";
  return `${first[0]?.toUpperCase()}${first.slice(1)}${second}${third}`;
});
const DAY_MS = 86_400_000;
const FIRST_DAY = Date.UTC(2020, 0, 1);
const DATES = Array.from({ length: 1827 }, (_, i) => new Date(FIRST_DAY + i * DAY_MS).toISOString().slice(0, 10));

function pick(random: Random, weights: readonly number[]): number {
  let u = random.next();
  for (let i = 0; i < weights.length - 1; i++) {
    u -= weights[i] ?? 0;
    if (u < 0) return i;
  }
  return weights.length - 1;
}

/** `value` with `digits` decimals, or an empty (missing) cell with probability `missing` */
function float(random: Random, value: number, digits: number, missing = 0): string {
  if (missing > 0 && random.next() < missing) return "";
  return value.toFixed(digits);
}

function row(random: Random, index: number, current: boolean): string {
  const shift = current ? 1 : 0;
  const cells = [
    String(index + 1),
    float(random, 50 + 10 * random.normal() + 5 * shift, 3),
    float(random, Math.exp(random.normal()) * 20, 3),
    float(random, random.next(), 4),
    float(random, Math.exp(3 + 0.8 * random.normal()) * (current ? 1.3 : 1), 2, 0.02),
    float(random, 20 + 5 * random.normal(), 2, 0.05),
    float(random, random.next() ** 2, 4),
    float(random, random.next() < 0.7 ? 60 + 8 * random.normal() : 85 + 4 * random.normal(), 2),
    float(random, 0.001 * random.normal(), 6, 0.1),
    String(18 + Math.min(72, Math.floor(Math.abs(38 + 3 * shift + 14 * random.normal() - 18)))),
    String(Math.floor(-Math.log(1 - random.next()) * 2)),
    String(1990 + random.int(35)),
    String(Math.floor(-Math.log(1 - random.next()) * 300)),
    String(10000 + random.int(90000)),
    COLORS[pick(random, current ? CURRENT_COLOR_WEIGHTS : REFERENCE_COLOR_WEIGHTS)] ?? "",
    CITIES[Math.floor(1000 * random.next() ** 2)] ?? "",
    random.next() < (current ? 0.15 : 0.03) ? "" : (SEGMENTS[pick(random, [0.6, 0.3, 0.1])] ?? ""),
    random.uint32().toString(36).padStart(7, "0") + random.int(1296).toString(36).padStart(2, "0"),
    random.next() < 0.62 ? "true" : "false",
    random.next() < 0.01 ? "" : (DATES[random.int(DATES.length)] ?? ""),
  ];
  return cells.join(",");
}

function writeCsv(file: string, variant: Variant, rows: number): void {
  const current = variant === "current";
  const random = new Random(current ? 0xc0ffee : 0x5eed);
  const fd = openSync(file, "w");
  try {
    let chunk = `${COLUMNS.join(",")}\n`;
    for (let index = 0; index < rows; index++) {
      chunk += `${row(random, index, current)}\n`;
      if (chunk.length > 1 << 20) {
        writeSync(fd, chunk);
        chunk = "";
      }
    }
    writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
}
