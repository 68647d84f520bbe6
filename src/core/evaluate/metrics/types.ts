/**
 * Inputs shared by the metric functions. Everything is a typed array so a paired bootstrap can call a metric
 * 1000 times on a million rows without copying: a resample is expressed as per-row integer weights (how many
 * times the row was drawn), never as a new array of rows.
 */

/** Class labels: 0/1 for binary problems, class indices 0..K-1 for multiclass ones. */
export type Labels = Int32Array | Uint8Array;

/**
 * Optional per-row weights with scikit-learn's `sample_weight` semantics. Non-negative and finite; integer
 * weights (bootstrap counts) give exactly the metric of the data set with each row repeated that many times,
 * and a row of weight 0 is absent (see index.ts for the two places where that differs from
 * passing the same weights to scikit-learn). Uint32Array is what the paired bootstrap hands over.
 */
export type Weights = Float64Array | Uint32Array | undefined;

export function checkLength(what: string, length: number, n: number): void {
  if (length !== n) {
    throw new RangeError(`${what} has ${length} entries, expected ${n} (one per row)`);
  }
}

export function checkWeights(weights: Weights, n: number): void {
  if (weights !== undefined) checkLength("weights", weights.length, n);
}

/** Σ w·term / Σ w over the rows of positive weight (every row once without weights); NaN when Σ w = 0. */
export function weightedMean(terms: Float64Array, weights: Weights): number {
  const n = terms.length;
  checkWeights(weights, n);
  let sum = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const w = weights === undefined ? 1 : (weights[i] as number);
    if (w === 0) continue;
    sum += (terms[i] as number) * w;
    total += w;
  }
  return total > 0 ? sum / total : Number.NaN;
}
