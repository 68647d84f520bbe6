/**
 * The quantile sketch of a numeric column: exact value counts while the column has at most
 * EXACT_CAPACITY distinct values, then fixed log-spaced buckets (DDSketch's mapping): bucket `i` of
 * a positive value holds (γ^(i-1), γ^i], mirrored for negatives, zero on its own. Bucket edges do not
 * depend on the data, so merging adds counts: merge is exactly associative and commutative, and the
 * merged sketch of shards is identical to the sketch of the whole. A quantile read from buckets is
 * within RELATIVE_ACCURACY of a true value at that rank; the CDF is exact at every bucket edge.
 */

export const RELATIVE_ACCURACY = 0.01;
export const EXACT_CAPACITY = 1000;
const GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
const INVERSE_LN_GAMMA = 1 / Math.log(GAMMA);

export function bucketIndex(magnitude: number): number {
  return Math.ceil(Math.log(magnitude) * INVERSE_LN_GAMMA);
}

/** The value reported for bucket `index` of a positive magnitude: within RELATIVE_ACCURACY of every value in it. */
export function bucketRepresentative(index: number): number {
  // γ^(i−1) · 2γ/(γ+1): the lower edge never overflows where a value of the bucket did not
  return GAMMA ** (index - 1) * ((2 * GAMMA) / (GAMMA + 1));
}

/** A weighted, ascending list of values: exact values, or bucket representatives. */
export interface Distribution {
  values: Float64Array;
  counts: Float64Array;
  exact: boolean;
  total: number;
}

export type SketchState =
  | { exact: [value: number, count: number][] }
  | { zero: number; positive: [index: number, count: number][]; negative: [index: number, count: number][] };

/** Counts over a contiguous range of bucket indexes, grown on demand. */
class BucketCounts {
  private offset = 0;
  private counts = new Float64Array(0);

  add(index: number, count: number): void {
    let slot = index - this.offset;
    if (slot < 0 || slot >= this.counts.length) {
      this.grow(index);
      slot = index - this.offset;
    }
    this.counts[slot] = (this.counts[slot] as number) + count;
  }

  private grow(index: number): void {
    if (this.counts.length === 0) {
      this.offset = index - 32;
      this.counts = new Float64Array(64);
      return;
    }
    const low = Math.min(this.offset, index);
    const high = Math.max(this.offset + this.counts.length, index + 1);
    const span = high - low;
    const newOffset = low - (index < this.offset ? span : 0);
    const grown = new Float64Array(span * 2);
    grown.set(this.counts, this.offset - newOffset);
    this.offset = newOffset;
    this.counts = grown;
  }

  /** Non-empty buckets, ascending by index. */
  entries(): [number, number][] {
    const found: [number, number][] = [];
    for (let slot = 0; slot < this.counts.length; slot++) {
      const count = this.counts[slot] as number;
      if (count > 0) found.push([slot + this.offset, count]);
    }
    return found;
  }
}

export class QuantileSketch {
  private exactCounts: Map<number, number> | undefined = new Map();
  private zero = 0;
  private positive = new BucketCounts();
  private negative = new BucketCounts();
  private total = 0;

  get count(): number {
    return this.total;
  }

  get isExact(): boolean {
    return this.exactCounts !== undefined;
  }

  /** The distinct values while exact (a copy); empty once bucketed. */
  exactValues(): number[] {
    return this.exactCounts ? [...this.exactCounts.keys()] : [];
  }

  exactSize(): number {
    return this.exactCounts?.size ?? 0;
  }

  /** Finite values only; NaN and ±Inf are counted by the column, not the sketch. */
  add(value: number, count = 1): void {
    this.total += count;
    const exact = this.exactCounts;
    if (exact) {
      exact.set(value, (exact.get(value) ?? 0) + count);
      if (exact.size > EXACT_CAPACITY) this.toBuckets();
      return;
    }
    this.addToBucket(value, count);
  }

  addAll(values: Float64Array, length: number): void {
    let i = 0;
    for (; i < length && this.exactCounts; i++) this.add(values[i] as number);
    this.total += length - i;
    for (; i < length; i++) this.addToBucket(values[i] as number, 1);
  }

  merge(other: QuantileSketch): void {
    const otherExact = other.exactCounts;
    if (otherExact) {
      for (const [value, count] of otherExact) this.add(value, count);
      return;
    }
    if (this.exactCounts) this.toBuckets();
    this.total += other.total;
    this.zero += other.zero;
    for (const [index, count] of other.positive.entries()) this.positive.add(index, count);
    for (const [index, count] of other.negative.entries()) this.negative.add(index, count);
  }

  /** The value at rank q (0..1), the lower (inverted-CDF) quantile; exact or within RELATIVE_ACCURACY. */
  quantile(q: number): number | undefined {
    const { values, counts, total } = this.distribution();
    if (total === 0) return undefined;
    const rank = Math.max(1, Math.ceil(q * total));
    let seen = 0;
    for (let i = 0; i < values.length; i++) {
      seen += counts[i] as number;
      if (seen >= rank) return values[i];
    }
    return values[values.length - 1];
  }

  /** The sketch as a weighted, ascending list: exact values, or bucket representatives. */
  distribution(): Distribution {
    if (this.exactCounts) {
      const entries = [...this.exactCounts].sort((a, b) => a[0] - b[0]);
      return weighted(entries, true, this.total);
    }
    return weighted(this.bucketEntries(), false, this.total);
  }

  /** The same data on the bucket grid, even when this sketch is exact (to compare with a bucketed one). */
  bucketDistribution(): Distribution {
    if (!this.exactCounts) return this.distribution();
    const copy = new QuantileSketch();
    copy.merge(this);
    copy.toBuckets();
    return copy.distribution();
  }

  toState(): SketchState {
    if (this.exactCounts) return { exact: [...this.exactCounts].sort((a, b) => a[0] - b[0]) };
    return { zero: this.zero, positive: this.positive.entries(), negative: this.negative.entries() };
  }

  static fromState(state: SketchState): QuantileSketch {
    const sketch = new QuantileSketch();
    if ("exact" in state) {
      for (const [value, count] of state.exact) sketch.add(value, count);
      return sketch;
    }
    sketch.toBuckets();
    sketch.zero = state.zero;
    sketch.total = state.zero;
    for (const [index, count] of state.positive) {
      sketch.positive.add(index, count);
      sketch.total += count;
    }
    for (const [index, count] of state.negative) {
      sketch.negative.add(index, count);
      sketch.total += count;
    }
    return sketch;
  }

  private toBuckets(): void {
    const exact = this.exactCounts;
    this.exactCounts = undefined;
    if (exact) for (const [value, count] of exact) this.addToBucket(value, count);
  }

  private addToBucket(value: number, count: number): void {
    if (value > 0) this.positive.add(bucketIndex(value), count);
    else if (value < 0) this.negative.add(bucketIndex(-value), count);
    else this.zero += count;
  }

  private bucketEntries(): [number, number][] {
    const entries: [number, number][] = [];
    const negative = this.negative.entries();
    for (let i = negative.length - 1; i >= 0; i--) {
      const [index, count] = negative[i] as [number, number];
      entries.push([-bucketRepresentative(index), count]);
    }
    if (this.zero > 0) entries.push([0, this.zero]);
    for (const [index, count] of this.positive.entries()) entries.push([bucketRepresentative(index), count]);
    return entries;
  }
}

function weighted(entries: [number, number][], exact: boolean, total: number): Distribution {
  const values = new Float64Array(entries.length);
  const counts = new Float64Array(entries.length);
  entries.forEach(([value, count], i) => {
    values[i] = value;
    counts[i] = count;
  });
  return { values, counts, exact, total };
}
