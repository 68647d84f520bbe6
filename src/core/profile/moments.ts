/**
 * Count, mean and the sum of squared deviations (M2) of the finite values, plus the mean absolute
 * value (which bounds the Wasserstein error of a sketched distribution). Each batch is summed
 * twice (mean first, then deviations) and batches are combined with Chan, Golub and LeVeque's
 * pairwise update, so the result is stable for data far from zero and merging is order-free up to
 * rounding.
 */
export interface MomentsState {
  count: number;
  mean: number;
  m2: number;
  meanAbs: number;
}

export class Moments {
  count = 0;
  mean = 0;
  m2 = 0;
  meanAbs = 0;

  /** Adds the first `count` values, all finite. */
  addBatch(values: Float64Array, count: number): void {
    if (count === 0) return;
    let sum = 0;
    let sumAbs = 0;
    for (let i = 0; i < count; i++) {
      const value = values[i] as number;
      sum += value;
      sumAbs += Math.abs(value);
    }
    const mean = sum / count;
    let m2 = 0;
    for (let i = 0; i < count; i++) {
      const deviation = (values[i] as number) - mean;
      m2 += deviation * deviation;
    }
    this.combine({ count, mean, m2, meanAbs: sumAbs / count });
  }

  combine(other: MomentsState): void {
    if (other.count === 0) return;
    if (this.count === 0) {
      // the general update would multiply delta² (Infinity beyond |mean| ≈ 1e154) by a zero count
      this.count = other.count;
      this.mean = other.mean;
      this.m2 = other.m2;
      this.meanAbs = other.meanAbs;
      return;
    }
    const count = this.count + other.count;
    const delta = other.mean - this.mean;
    const weight = other.count / count;
    this.m2 += other.m2 + delta * delta * this.count * weight;
    this.mean += delta * weight;
    this.meanAbs += (other.meanAbs - this.meanAbs) * weight;
    this.count = count;
  }

  /** Population variance (ddof 0); NaN when empty. */
  get variance(): number {
    return this.count === 0 ? Number.NaN : this.m2 / this.count;
  }

  /** Sample variance (ddof 1), as pandas reports it; NaN below two values. */
  get sampleVariance(): number {
    return this.count < 2 ? Number.NaN : this.m2 / (this.count - 1);
  }

  toState(): MomentsState {
    return { count: this.count, mean: this.mean, m2: this.m2, meanAbs: this.meanAbs };
  }

  static fromState(state: MomentsState): Moments {
    const moments = new Moments();
    moments.combine(state);
    return moments;
  }
}
