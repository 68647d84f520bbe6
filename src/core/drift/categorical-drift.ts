/**
 * Drift of a categorical (string or boolean) column from two frequency summaries, over the union
 * of the values either side kept plus one "(other)" bin for the mass neither kept. Exact when both
 * summaries are exact (at most FREQUENT_CAPACITY distinct values); otherwise every kept count may
 * be low by at most the summary's error bound, and the missing mass sits in "(other)".
 * - χ²: scipy's chi2_contingency on the 2 × k table (Yates' correction when k = 2, as scipy does),
 *   after dropping values absent from both sides; a value new in current data is simply a column
 *   whose reference cell is 0.
 * - JS distance (base 2) and PSI (ε = 1e-4 for empty shares, natural log) on the shares.
 * - L∞: the largest change of any value's share, and that value.
 */
import type { FrequentItems } from "../profile/frequent-items.js";
import { chi2Contingency, jensenShannonDistance, populationStabilityIndex } from "../stats/index.js";
import type { DriftTestName } from "./drift-tests.js";

export const OTHER_VALUES = "(other)";

export interface CategoricalScore {
  test: DriftTestName;
  statistic: number;
  pValue?: number;
  dof?: number;
  bounds?: { low: number; high: number };
  value?: string;
}

export interface CategoryCounts {
  values: string[];
  reference: number[];
  current: number[];
  /** the last entry is the "(other)" bin, not a value of the data */
  hasOther: boolean;
}

export interface CategoricalComparison {
  scores: CategoricalScore[];
  counts: CategoryCounts;
  exact: boolean;
}

export function compareCategorical(reference: FrequentItems, current: FrequentItems): CategoricalComparison {
  const counts = alignedCounts(reference, current);
  const exact = reference.isExact && current.isExact;
  if (reference.count === 0 || current.count === 0) return { scores: [], counts, exact };
  return { scores: [chiSquare(counts), ...shares(counts, reference, current)], counts, exact };
}

export function alignedCounts(reference: FrequentItems, current: FrequentItems): CategoryCounts {
  const values = new Set<string>();
  for (const [value] of reference.items()) values.add(value);
  for (const [value] of current.items()) values.add(value);
  const ordered = [...values];
  const ref = ordered.map((value) => reference.countOf(value));
  const cur = ordered.map((value) => current.countOf(value));
  const refOther = reference.count - sum(ref);
  const curOther = current.count - sum(cur);
  const hasOther = refOther > 0 || curOther > 0;
  if (hasOther) {
    ordered.push(OTHER_VALUES);
    ref.push(refOther);
    cur.push(curOther);
  }
  return { values: ordered, reference: ref, current: cur, hasOther };
}

function chiSquare({ reference, current }: CategoryCounts): CategoricalScore {
  const keep = reference.map((count, i) => count > 0 || (current[i] as number) > 0);
  const table = [reference.filter((_, i) => keep[i]), current.filter((_, i) => keep[i])];
  if ((table[0] as number[]).length < 2) return { test: "chi-square", statistic: 0, pValue: 1, dof: 0 };
  const { statistic, pValue, dof } = chi2Contingency(table);
  return { test: "chi-square", statistic, pValue, dof };
}

function shares(counts: CategoryCounts, reference: FrequentItems, current: FrequentItems): CategoricalScore[] {
  return [
    { test: "jensen-shannon", statistic: jensenShannonDistance(counts.reference, counts.current, 2) },
    { test: "psi", statistic: populationStabilityIndex(counts.reference, counts.current) },
    lInfinity(counts, reference, current),
  ];
}

/**
 * Over real values only. A kept count may be low by its summary's error bound, and a value folded
 * into "(other)" changed its share by at most that bin's larger share, which can only raise `high`.
 */
function lInfinity(counts: CategoryCounts, reference: FrequentItems, current: FrequentItems): CategoricalScore {
  const refTotal = reference.count;
  const curTotal = current.count;
  let largest = 0;
  let value = "";
  let hidden = 0;
  counts.values.forEach((name, i) => {
    const refShare = (counts.reference[i] as number) / refTotal;
    const curShare = (counts.current[i] as number) / curTotal;
    if (counts.hasOther && i === counts.values.length - 1) hidden = Math.max(refShare, curShare);
    else if (Math.abs(curShare - refShare) > largest || value === "") {
      largest = Math.abs(curShare - refShare);
      value = name;
    }
  });
  const slack = reference.errorBound / refTotal + current.errorBound / curTotal;
  const score: CategoricalScore = { test: "l-infinity", statistic: largest, value };
  if (slack > 0 || hidden > 0) {
    score.bounds = { low: Math.max(0, largest - slack), high: Math.min(1, Math.max(largest + slack, hidden)) };
  }
  return score;
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}
