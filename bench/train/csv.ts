/**
 * The bench training set as a CSV, for end-to-end measurements of the `train` task: a header of the
 * feature columns then `label` (0/1, the logistic target) and `target` (the ridge target); missing
 * numbers are empty cells. The same rows, in the same order, as the binary table of the same
 * (rows, seed); every number is written with the decimals the generator rounded it to, so it parses
 * back to the identical double.
 *
 * Rows are formatted straight into a 1 MB byte buffer (digits from integers, no string per cell)
 * that is written whenever it fills: 1M rows take a few seconds, most of it generating them, and
 * memory stays flat whatever the row count.
 */
import { closeSync, existsSync, mkdirSync, openSync, renameSync, statSync, writeSync } from "node:fs";
import path from "node:path";
import {
  CATEGORICAL,
  FEATURES,
  NUMERIC,
  rowGenerator,
  TARGET_DIGITS,
  TRAIN_CACHE_DIR,
  TRAIN_SEED,
} from "./generate.js";

const BUFFER_BYTES = 1 << 20;
/** more than any row takes */
const ROW_BYTES = 1024;
const COMMA = 44;
const NEWLINE = 10;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;

class ChunkWriter {
  private readonly buffer = new Uint8Array(BUFFER_BYTES);
  private position = 0;

  constructor(private readonly fd: number) {}

  /** Room for one more row, writing out what is buffered when it is short. */
  reserve(bytes: number): void {
    if (this.position + bytes > this.buffer.length) this.flush();
  }

  flush(): void {
    for (let done = 0; done < this.position; ) done += writeSync(this.fd, this.buffer, done, this.position - done);
    this.position = 0;
  }

  byte(value: number): void {
    this.buffer[this.position++] = value;
  }

  bytes(value: Uint8Array): void {
    for (let i = 0; i < value.length; i++) this.buffer[this.position++] = value[i] as number;
  }

  /** A whole number ≥ 0 with at least `width` digits (zero-padded). */
  digits(value: number, width: number): void {
    const start = this.position;
    let rest = value;
    do {
      const next = Math.floor(rest / 10);
      this.buffer[this.position++] = ZERO + (rest - next * 10);
      rest = next;
    } while (rest > 0 || this.position - start < width);
    // the digits went in last first: reverse them in place
    const buffer = this.buffer;
    for (let left = start, right = this.position - 1; left < right; left++, right--) {
      const swap = buffer[left] as number;
      buffer[left] = buffer[right] as number;
      buffer[right] = swap;
    }
  }

  /** `value`, a multiple of 10^-decimals as the generator rounds them, with exactly `decimals` decimals. */
  fixed(value: number, decimals: number, power: number): void {
    // |value| · power is within rounding of a whole number, so this recovers the exact digits; the
    // decimal parses back to `value` because both are the double nearest the same multiple of 10^-decimals
    const scaled = Math.round(Math.abs(value) * power);
    if (value < 0) this.byte(MINUS);
    const whole = Math.floor(scaled / power);
    this.digits(whole, 1);
    if (decimals === 0) return;
    this.byte(DOT);
    this.digits(scaled - whole * power, decimals);
  }
}

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** Writes `rows` rows of the table for `seed` to `file` (through a partial file renamed into place). */
export function writeTrainCsv(file: string, rows: number, seed: number = TRAIN_SEED): void {
  const next = rowGenerator(seed);
  const levels = CATEGORICAL.map((spec) => spec.levels.map(utf8));
  const decimals = NUMERIC.map((spec) => spec.digits);
  const powers = decimals.map((count) => 10 ** count);
  const targetPower = 10 ** TARGET_DIGITS;
  const partial = `${file}.${process.pid}.partial`;
  const fd = openSync(partial, "w");
  try {
    const out = new ChunkWriter(fd);
    out.bytes(utf8(`${[...FEATURES, "label", "target"].join(",")}\n`));
    for (let i = 0; i < rows; i++) {
      const row = next();
      out.reserve(ROW_BYTES);
      for (let j = 0; j < decimals.length; j++) {
        const value = row.numeric[j] as number;
        if (!Number.isNaN(value)) out.fixed(value, decimals[j] as number, powers[j] as number);
        out.byte(COMMA);
      }
      for (let c = 0; c < levels.length; c++) {
        out.bytes((levels[c] as Uint8Array[])[row.codes[c] as number] as Uint8Array);
        out.byte(COMMA);
      }
      out.byte(ZERO + row.label);
      out.byte(COMMA);
      out.fixed(row.target, TARGET_DIGITS, targetPower);
      out.byte(NEWLINE);
    }
    out.flush();
  } finally {
    closeSync(fd);
  }
  renameSync(partial, file);
}

export interface TrainCsvFile {
  file: string;
  rows: number;
  bytes: number;
  generated: boolean;
  seconds: number;
}

/** The cached CSV of (rows, seed) beside the binary tables when present (complete only: it is renamed into place), else a new one. */
export function ensureTrainCsv(rows: number, seed: number = TRAIN_SEED): TrainCsvFile {
  const file = path.join(TRAIN_CACHE_DIR, `table-${rows}-${seed.toString(16)}.csv`);
  if (existsSync(file)) return { file, rows, bytes: statSync(file).size, generated: false, seconds: 0 };
  mkdirSync(TRAIN_CACHE_DIR, { recursive: true });
  const start = performance.now();
  writeTrainCsv(file, rows, seed);
  return { file, rows, bytes: statSync(file).size, generated: true, seconds: (performance.now() - start) / 1000 };
}
