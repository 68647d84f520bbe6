/**
 * The quantities gates are written in: metric bars (`0.005` or `"1%"` of the champion's value),
 * sizes (`50MB`, `1.5GiB`, a number of bytes) and durations (`250ms`, `1.5s`, a number of
 * milliseconds). Parsing throws an InputError naming where the value sits in mlgate.yml.
 */
import { InputError, type Where } from "../../errors.js";

/**
 * A threshold as written: an absolute amount (in the metric's units, or milliseconds for latency),
 * or a fraction of the champion's value (`"2%"` → 0.02), resolved once the champion is known.
 */
export type Bar =
  | { kind: "absolute"; value: number; text: string }
  | { kind: "relative"; fraction: number; text: string };

/** The threshold a bar stands for against the champion's value: relative bars are |reference| × fraction. */
export function resolveBar(bar: Bar, reference: number): number {
  return bar.kind === "absolute" ? bar.value : Math.abs(reference) * bar.fraction;
}

const NUMBER = String.raw`[+-]?(?:\d+(?:\.\d*)?|\.\d+)`;

/** Decimal (KB = 1000 B) and binary (KiB = 1024 B) size units, matched without regard to case. */
const SIZE_UNITS: Readonly<Record<string, number>> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
};

const BAR = new RegExp(`^(${NUMBER})(%?)$`);

const DURATION_UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000 };

interface BarOptions {
  /** min-improvement may be negative (a non-inferiority margin); regressions may not. */
  negative: boolean;
  /** An example of a good value, for the messages: e.g. `0.005 or "1%"`. */
  example: string;
}

/**
 * A metric bar: a number in the metric's units, or a percentage of the champion's value (`"2%"`).
 * A numeric string (`"0.005"`) is read as the number.
 */
export function parseMetricBar(value: unknown, where: Where, options: BarOptions): Bar {
  const text = String(value);
  let bar: Bar | undefined;
  if (typeof value === "number") {
    bar = { kind: "absolute", value, text };
  } else if (typeof value === "string") {
    const match = BAR.exec(value);
    if (match) {
      const amount = Number(match[1]);
      bar = match[2] ? { kind: "relative", fraction: amount / 100, text } : { kind: "absolute", value: amount, text };
    }
  }
  if (!bar) {
    const fits = (unspaced: string) => BAR.test(unspaced);
    throw notAQuantity(value, where, "a number or a percentage of the champion's value", options.example, fits);
  }
  const amount = bar.kind === "absolute" ? bar.value : bar.fraction;
  if (!Number.isFinite(amount)) throw new InputError("must be a finite number", where, `write e.g. ${options.example}`);
  if (!options.negative && amount < 0) {
    throw new InputError("must not be negative", where, `write the largest change allowed, e.g. ${options.example}`);
  }
  return bar;
}

/** A model size in bytes: a number of bytes, or `"500KB"`, `"50MB"`, `"1.5GB"`, `"20MiB"`. */
export function parseBytes(value: unknown, where: Where): number {
  const bytes = parseWithUnits(value, SIZE_UNITS);
  if (bytes === undefined) {
    const fits = (unspaced: string) => fitsUnits(unspaced, SIZE_UNITS);
    throw notAQuantity(value, where, "a size", "50MB, 500KB, 1.5GB or 20MiB (or a number of bytes)", fits);
  }
  return positive(bytes, where, "50MB");
}

/** A duration in milliseconds: a number of milliseconds, or `"250ms"`, `"1.5s"`. */
export function parseMilliseconds(value: unknown, where: Where): number {
  const ms = parseWithUnits(value, DURATION_UNITS);
  if (ms === undefined) {
    const fits = (unspaced: string) => fitsUnits(unspaced, DURATION_UNITS);
    throw notAQuantity(value, where, "a duration", "250ms or 1.5s (or a number of milliseconds)", fits);
  }
  return positive(ms, where, "250ms");
}

/** A latency regression: milliseconds (a number, `"30ms"`, `"0.1s"`) or a percentage of the champion's p95. */
export function parseLatencyBar(value: unknown, where: Where): Bar {
  if (typeof value === "string" && value.endsWith("%")) {
    return parseMetricBar(value, where, { negative: false, example: '"20%"' });
  }
  const ms = parseWithUnits(value, DURATION_UNITS);
  if (ms === undefined) {
    throw notAQuantity(
      value,
      where,
      "a duration or a percentage of the champion's latency",
      '"20%", 30ms or 0.1s',
      (text) => BAR.test(text) || fitsUnits(text, DURATION_UNITS),
    );
  }
  if (!Number.isFinite(ms)) throw new InputError("must be a finite number", where, 'write e.g. "20%" or 30ms');
  if (ms < 0) throw new InputError("must not be negative", where, 'write the largest rise allowed, e.g. "20%" or 30ms');
  return { kind: "absolute", value: ms, text: String(value) };
}

/** A number as is, or `<number><unit>` with a unit of the table (any case); undefined when neither. */
function parseWithUnits(value: unknown, units: Readonly<Record<string, number>>): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value !== "string") return undefined;
  const match = new RegExp(`^(${NUMBER})([a-zA-Z]*)$`).exec(value);
  if (!match) return undefined;
  const unit = match[2] ?? "";
  const scale = unit === "" ? 1 : units[unit.toLowerCase()];
  return scale === undefined ? undefined : Number(match[1]) * scale;
}

function fitsUnits(text: string, units: Readonly<Record<string, number>>): boolean {
  return parseWithUnits(text, units) !== undefined;
}

function positive(amount: number, where: Where, example: string): number {
  if (!Number.isFinite(amount)) throw new InputError("must be a finite number", where, `write e.g. ${example}`);
  if (amount <= 0) throw new InputError("must be more than zero", where, `write the limit, e.g. ${example}`);
  return amount;
}

/** `fits` tells whether the value without its spaces would be read: then that is the fix. */
function notAQuantity(
  value: unknown,
  where: Where,
  what: string,
  examples: string,
  fits: (text: string) => boolean,
): InputError {
  const shown = typeof value === "string" ? `'${value}'` : JSON.stringify(value);
  const unspaced = typeof value === "string" ? value.replace(/\s+/g, "") : undefined;
  const fix =
    unspaced !== undefined && unspaced !== value && fits(unspaced)
      ? `write it without spaces: ${unspaced}`
      : `write e.g. ${examples}`;
  return new InputError(`${shown} is not ${what}`, where, fix);
}
