/** Checked reads of a profile document's fields: each failure names the key that is wrong. */
import type { FrequentItemsState } from "./frequent-items.js";
import type { MomentsState } from "./moments.js";
import type { NumericStatsState } from "./numeric-stats.js";
import type { SketchState } from "./quantile-sketch.js";

export type Fail = (key: string, problem: string) => never;

export function record(value: unknown, key: string, at: Fail): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return at(key || "(top level)", "must be an object");
  return value as Record<string, unknown>;
}

export function list(value: unknown, key: string, at: Fail): unknown[] {
  return Array.isArray(value) ? value : at(key, "must be a list");
}

export function count(value: unknown, key: string, at: Fail): number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0
    ? value
    : at(key, "must be a whole number ≥ 0");
}

export function text(value: unknown, key: string, at: Fail): string {
  return typeof value === "string" ? value : at(key, "must be a string");
}

function finite(value: unknown, key: string, at: Fail): number {
  return typeof value === "number" && Number.isFinite(value) ? value : at(key, "must be a number");
}

function finiteOrNull(value: unknown, key: string, at: Fail): number | null {
  return value === null ? null : finite(value, key, at);
}

/** `[a, b]` pairs where each part passes its check. */
function pairs<A, B>(
  value: unknown,
  key: string,
  at: Fail,
  first: (v: unknown, k: string, at: Fail) => A,
  second: (v: unknown, k: string, at: Fail) => B,
): [A, B][] {
  return list(value, key, at).map((entry, i) => {
    if (!Array.isArray(entry) || entry.length !== 2) return at(`${key}[${i}]`, "must be a [value, count] pair");
    return [first(entry[0], `${key}[${i}][0]`, at), second(entry[1], `${key}[${i}][1]`, at)];
  });
}

function integer(value: unknown, key: string, at: Fail): number {
  return typeof value === "number" && Number.isInteger(value) ? value : at(key, "must be a whole number");
}

export function readNumericState(value: unknown, key: string, at: Fail): NumericStatsState {
  const entry = record(value, key, at);
  const moments = record(entry.moments, `${key}.moments`, at);
  const state: NumericStatsState = {
    nan: count(entry.nan, `${key}.nan`, at),
    positiveInfinity: count(entry.positiveInfinity, `${key}.positiveInfinity`, at),
    negativeInfinity: count(entry.negativeInfinity, `${key}.negativeInfinity`, at),
    min: finiteOrNull(entry.min, `${key}.min`, at),
    max: finiteOrNull(entry.max, `${key}.max`, at),
    moments: readMoments(moments, `${key}.moments`, at),
    sketch: readSketch(entry.sketch, `${key}.sketch`, at),
  };
  if (entry.distinct !== undefined) state.distinct = text(entry.distinct, `${key}.distinct`, at);
  return state;
}

function readMoments(entry: Record<string, unknown>, key: string, at: Fail): MomentsState {
  return {
    count: count(entry.count, `${key}.count`, at),
    mean: finite(entry.mean, `${key}.mean`, at),
    m2: finite(entry.m2, `${key}.m2`, at),
    meanAbs: finite(entry.meanAbs, `${key}.meanAbs`, at),
  };
}

function readSketch(value: unknown, key: string, at: Fail): SketchState {
  const entry = record(value, key, at);
  if (entry.exact !== undefined) return { exact: pairs(entry.exact, `${key}.exact`, at, finite, count) };
  return {
    zero: count(entry.zero, `${key}.zero`, at),
    positive: pairs(entry.positive, `${key}.positive`, at, integer, count),
    negative: pairs(entry.negative, `${key}.negative`, at, integer, count),
  };
}

export function readFrequencyState(value: unknown, key: string, at: Fail): FrequentItemsState {
  const entry = record(value, key, at);
  const state: FrequentItemsState = {
    items: pairs(entry.items, `${key}.items`, at, text, count),
    total: count(entry.total, `${key}.total`, at),
    errorBound: count(entry.errorBound, `${key}.errorBound`, at),
  };
  if (entry.distinct !== undefined) state.distinct = text(entry.distinct, `${key}.distinct`, at);
  return state;
}

export function readTokenCounts(value: unknown, key: string, at: Fail): [string, number][] {
  return pairs(value, key, at, text, count);
}
