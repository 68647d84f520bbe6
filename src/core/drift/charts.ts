/** What the report draws for a column: reference vs current shares on the same bins. */
import type { Distribution } from "../profile/quantile-sketch.js";
import { type CategoryCounts, OTHER_VALUES } from "./categorical-drift.js";

export const CHART_BINS = 20;
export const CHART_CATEGORIES = 10;

export type ColumnChart =
  | { kind: "histogram"; edges: number[]; reference: number[]; current: number[] }
  | { kind: "categories"; values: string[]; reference: number[]; current: number[] };

/** Equal-width bins over both sides' range; shares of each side's values. */
export function histogramChart(reference: Distribution, current: Distribution, bins = CHART_BINS): ColumnChart {
  const low = Math.min(first(reference), first(current));
  const high = Math.max(last(reference), last(current));
  const width = (high - low) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? high : low + i * width));
  const shares = (distribution: Distribution) => {
    const counts = new Array<number>(bins).fill(0);
    for (let i = 0; i < distribution.values.length; i++) {
      const offset = width > 0 ? Math.floor(((distribution.values[i] as number) - low) / width) : 0;
      const bin = Math.min(bins - 1, Math.max(0, offset));
      counts[bin] = (counts[bin] as number) + (distribution.counts[i] as number) / distribution.total;
    }
    return counts;
  };
  return { kind: "histogram", edges, reference: shares(reference), current: shares(current) };
}

/** The values with the largest share on either side; the rest folded into "(other)". */
export function categoriesChart(counts: CategoryCounts, limit = CHART_CATEGORIES): ColumnChart {
  const refTotal = total(counts.reference);
  const curTotal = total(counts.current);
  const rows = counts.values.map((value, i) => ({
    value,
    reference: (counts.reference[i] as number) / refTotal,
    current: (counts.current[i] as number) / curTotal,
  }));
  const named = counts.hasOther ? rows.slice(0, -1) : rows;
  named.sort((a, b) => Math.max(b.reference, b.current) - Math.max(a.reference, a.current));
  const shown = named.slice(0, limit);
  const rest = {
    value: OTHER_VALUES,
    reference: 1 - total(shown.map((r) => r.reference)),
    current: 1 - total(shown.map((r) => r.current)),
  };
  if (rest.reference > 1e-12 || rest.current > 1e-12) shown.push(rest);
  return {
    kind: "categories",
    values: shown.map((row) => row.value),
    reference: shown.map((row) => row.reference),
    current: shown.map((row) => row.current),
  };
}

function first(distribution: Distribution): number {
  return distribution.values[0] as number;
}

function last(distribution: Distribution): number {
  return distribution.values[distribution.values.length - 1] as number;
}

function total(values: readonly number[]): number {
  let sum = 0;
  for (const value of values) sum += value;
  return sum;
}
