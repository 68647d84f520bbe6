/** The words and numbers of anomaly messages. */
import type { ColumnType } from "../profile/index.js";
import type { Bounds, DomainValue } from "./schema.js";

const LISTED_VALUES = 10;

/** A date as `2024-01-31` at midnight UTC, else the full ISO 8601 time. */
export function isoDate(time: number): string {
  const text = new Date(time).toISOString();
  return text.endsWith("T00:00:00.000Z") ? text.slice(0, 10) : text;
}

export function formatNumber(value: number, type: ColumnType): string {
  return type === "date" ? isoDate(value) : String(value);
}

export function describeBounds(bounds: Bounds, format: (value: number) => string = String): string {
  const { min, max } = bounds;
  if (min !== undefined && max !== undefined) return `between ${format(min)} and ${format(max)}`;
  return min !== undefined ? `at least ${format(min)}` : `at most ${format(max as number)}`;
}

/** Rounded down, so a fraction below a threshold never reads as reaching it. */
export function percent(fraction: number): string {
  return `${Math.floor(fraction * 10_000 + 1e-6) / 100}%`;
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

export function listValues(values: readonly DomainValue[]): string {
  const shown = values.slice(0, LISTED_VALUES).map((value) => JSON.stringify(value));
  const more = values.length - shown.length;
  return `${shown.join(", ")}${more > 0 ? ` and ${more} more` : ""}`;
}
