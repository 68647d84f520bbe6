/**
 * The statistics of a numeric (integer, float or date) column's values: NaN and ±Inf counts, min,
 * max, moments of the finite values, the quantile sketch and the distinct count. The distinct
 * count is exact while the sketch is (its exact map holds every distinct value); once the sketch
 * turns to buckets a HyperLogLog seeded with those values takes over.
 */
import { DistinctSketch, hashNumber } from "./distinct-sketch.js";
import { Moments, type MomentsState } from "./moments.js";
import { QuantileSketch, type SketchState } from "./quantile-sketch.js";
import { type NumericColumn, VALUE } from "./typed-column.js";

export interface NumericStatsState {
  nan: number;
  positiveInfinity: number;
  negativeInfinity: number;
  min: number | null;
  max: number | null;
  moments: MomentsState;
  sketch: SketchState;
  /** HyperLogLog registers (base64) once the sketch is no longer exact */
  distinct?: string;
}

export class NumericStats {
  nan = 0;
  positiveInfinity = 0;
  negativeInfinity = 0;
  min = Number.POSITIVE_INFINITY;
  max = Number.NEGATIVE_INFINITY;
  readonly moments = new Moments();
  readonly sketch = new QuantileSketch();
  private distinct: DistinctSketch | undefined;
  private finiteBuffer = new Float64Array(0);

  addBatch(column: NumericColumn): void {
    const { kinds, numbers } = column;
    const length = kinds.length;
    if (this.finiteBuffer.length < length) this.finiteBuffer = new Float64Array(length);
    const finite = this.finiteBuffer;
    let finiteCount = 0;
    for (let i = 0; i < length; i++) {
      if (kinds[i] !== VALUE) continue;
      const value = numbers[i] as number;
      if (Number.isNaN(value)) this.nan++;
      else if (value === Number.POSITIVE_INFINITY) this.positiveInfinity++;
      else if (value === Number.NEGATIVE_INFINITY) this.negativeInfinity++;
      else finite[finiteCount++] = value;
    }
    let min = this.min;
    let max = this.max;
    for (let i = 0; i < finiteCount; i++) {
      const value = finite[i] as number;
      if (value < min) min = value;
      if (value > max) max = value;
    }
    this.min = min;
    this.max = max;
    this.moments.addBatch(finite, finiteCount);
    this.addToSketch(finite, finiteCount);
  }

  merge(other: NumericStats): void {
    this.nan += other.nan;
    this.positiveInfinity += other.positiveInfinity;
    this.negativeInfinity += other.negativeInfinity;
    this.min = Math.min(this.min, other.min);
    this.max = Math.max(this.max, other.max);
    this.moments.combine(other.moments);
    const mine = this.distinctSketch();
    const theirs = other.distinctSketch();
    this.sketch.merge(other.sketch);
    if (this.sketch.isExact) return;
    mine.merge(theirs);
    this.distinct = mine;
  }

  distinctEstimate(): number {
    return this.distinct ? this.distinct.estimate() : this.sketch.exactSize();
  }

  get isDistinctExact(): boolean {
    return this.distinct === undefined;
  }

  toState(): NumericStatsState {
    const state: NumericStatsState = {
      nan: this.nan,
      positiveInfinity: this.positiveInfinity,
      negativeInfinity: this.negativeInfinity,
      min: this.moments.count > 0 ? this.min : null,
      max: this.moments.count > 0 ? this.max : null,
      moments: this.moments.toState(),
      sketch: this.sketch.toState(),
    };
    if (this.distinct) state.distinct = this.distinct.toState();
    return state;
  }

  static fromState(state: NumericStatsState, distinct: DistinctSketch | undefined): NumericStats {
    const stats = new NumericStats();
    stats.nan = state.nan;
    stats.positiveInfinity = state.positiveInfinity;
    stats.negativeInfinity = state.negativeInfinity;
    stats.min = state.min ?? Number.POSITIVE_INFINITY;
    stats.max = state.max ?? Number.NEGATIVE_INFINITY;
    stats.moments.combine(state.moments);
    stats.sketch.merge(QuantileSketch.fromState(state.sketch));
    stats.distinct = distinct;
    return stats;
  }

  private addToSketch(finite: Float64Array, count: number): void {
    if (!this.sketch.isExact) {
      const distinct = this.distinct as DistinctSketch;
      for (let i = 0; i < count; i++) distinct.addHash(hashNumber(finite[i] as number));
      this.sketch.addAll(finite, count);
      return;
    }
    const before = this.sketch.exactValues();
    this.sketch.addAll(finite, count);
    if (this.sketch.isExact) return;
    const distinct = new DistinctSketch();
    for (const value of before) distinct.addHash(hashNumber(value));
    for (let i = 0; i < count; i++) distinct.addHash(hashNumber(finite[i] as number));
    this.distinct = distinct;
  }

  /** The distinct values as a HyperLogLog, built from the exact values when there is none yet. */
  private distinctSketch(): DistinctSketch {
    if (this.distinct) return this.distinct;
    const built = new DistinctSketch();
    for (const value of this.sketch.exactValues()) built.addHash(hashNumber(value));
    return built;
  }
}
