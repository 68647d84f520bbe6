/**
 * Categorical frequencies: exact counts while a column has at most FREQUENT_CAPACITY distinct
 * values, then the Misra–Gries summary (mergeable as in Agarwal et al., "Mergeable Summaries",
 * 2012): every kept count is at most `errorBound` ≤ n / (KEPT_AFTER_REDUCTION + 1) below the true
 * count, and every value more frequent than that bound is kept. A reduction keeps the
 * KEPT_AFTER_REDUCTION largest counters and counters grow back to FREQUENT_CAPACITY before the
 * next, so a reduction costs O(1) per added value amortized.
 *
 * The distinct count is exact while the summary is; from the first reduction a HyperLogLog takes
 * over, seeded with every value seen so far (all of them are still counters at that moment).
 */
import { DistinctSketch, hashString } from "./distinct-sketch.js";

export const FREQUENT_CAPACITY = 1024;
export const KEPT_AFTER_REDUCTION = 512;

export interface FrequentItemsState {
  /** value → count, most frequent first */
  items: [value: string, count: number][];
  total: number;
  /** how far below its true count any kept count may be; 0 while exact */
  errorBound: number;
  /** HyperLogLog registers (base64) once the summary is no longer exact */
  distinct?: string;
}

export class FrequentItems {
  private counts = new Map<string, number>();
  private total = 0;
  private decrements = 0;
  private distinct: DistinctSketch | undefined;

  get count(): number {
    return this.total;
  }

  get isExact(): boolean {
    return this.distinct === undefined;
  }

  /** Upper bound on how much any kept count undercounts its value. */
  get errorBound(): number {
    return this.decrements;
  }

  add(value: string, count = 1): void {
    this.total += count;
    this.distinct?.addHash(hashString(value));
    this.counts.set(value, (this.counts.get(value) ?? 0) + count);
    if (this.counts.size > FREQUENT_CAPACITY) this.reduce();
  }

  merge(other: FrequentItems): void {
    if (other.distinct) {
      this.startDistinct();
      this.distinct?.merge(other.distinct);
    } else if (this.distinct) {
      for (const value of other.counts.keys()) this.distinct.addHash(hashString(value));
    }
    this.total += other.total;
    this.decrements += other.decrements;
    for (const [value, count] of other.counts) this.counts.set(value, (this.counts.get(value) ?? 0) + count);
    if (this.counts.size > FREQUENT_CAPACITY) this.reduce();
  }

  /** Kept values, most frequent first (ties by value, so output is deterministic). */
  items(limit = Number.POSITIVE_INFINITY): [string, number][] {
    return [...this.counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).slice(0, limit);
  }

  countOf(value: string): number {
    return this.counts.get(value) ?? 0;
  }

  distinctEstimate(): number {
    return this.distinct ? this.distinct.estimate() : this.counts.size;
  }

  toState(): FrequentItemsState {
    const state: FrequentItemsState = { items: this.items(), total: this.total, errorBound: this.decrements };
    if (this.distinct) state.distinct = this.distinct.toState();
    return state;
  }

  static fromState(state: FrequentItemsState, distinct?: DistinctSketch): FrequentItems {
    const items = new FrequentItems();
    for (const [value, count] of state.items) items.counts.set(value, count);
    items.total = state.total;
    items.decrements = state.errorBound;
    items.distinct = distinct;
    return items;
  }

  /**
   * Subtracts the (KEPT_AFTER_REDUCTION+1)-th largest count from every counter and drops those at
   * zero: at least KEPT_AFTER_REDUCTION+1 counters lose that amount, so total decrements never
   * exceed n / (KEPT_AFTER_REDUCTION + 1).
   */
  private reduce(): void {
    this.startDistinct();
    const sorted = [...this.counts.values()].sort((a, b) => b - a);
    const cut = sorted[KEPT_AFTER_REDUCTION] as number;
    this.decrements += cut;
    for (const [value, count] of this.counts) {
      if (count <= cut) this.counts.delete(value);
      else this.counts.set(value, count - cut);
    }
  }

  private startDistinct(): void {
    if (this.distinct) return;
    this.distinct = new DistinctSketch();
    for (const value of this.counts.keys()) this.distinct.addHash(hashString(value));
  }
}
