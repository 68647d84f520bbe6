/**
 * `np.percentile(sorted, q)` with numpy's default `method="linear"` (Hyndman & Fan type 7):
 * the virtual index `(n - 1)·q/100` between two order statistics, interpolated linearly. The
 * floating-point steps follow numpy's (`(n - 1) * q`, then `_lerp`, which interpolates from the upper
 * neighbour when the fraction is ≥ 0.5), so results agree with numpy to the last bit.
 *
 * `sorted` must be ascending and free of NaN (the caller filters and sorts once for both ends of an
 * interval). An empty array gives NaN. `q` is a percentage in [0, 100].
 */
export function percentileOfSorted(sorted: ArrayLike<number>, q: number): number {
  if (!(q >= 0 && q <= 100)) throw new RangeError(`percentile must be in [0, 100], got ${q}`);
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const quantile = q / 100;
  // numpy's "linear" computes (n - 1)·q directly (not the general alpha/beta formula, which rounds differently).
  const virtualIndex = (n - 1) * quantile;
  const previousIndex = Math.floor(virtualIndex);
  const gamma = virtualIndex - previousIndex;
  const previous = sorted[clampIndex(previousIndex, n)] as number;
  const next = sorted[clampIndex(previousIndex + 1, n)] as number;
  const difference = next - previous;
  return gamma >= 0.5 ? next - difference * (1 - gamma) : previous + difference * gamma;
}

function clampIndex(index: number, n: number): number {
  return Math.max(0, Math.min(index, n - 1));
}

/**
 * The sample standard deviation (`ddof = 1`, the bootstrap standard error of Efron & Tibshirani),
 * two-pass for accuracy. NaN for fewer than two values.
 */
export function sampleStandardDeviation(values: ArrayLike<number>): number {
  const n = values.length;
  if (n < 2) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i] as number;
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const d = (values[i] as number) - mean;
    squares += d * d;
  }
  return Math.sqrt(squares / (n - 1));
}
