/**
 * Poisson resampling of compressed rows: a cell standing for λ rows is drawn Poisson(λ) times, which
 * is exactly the total of λ independent Poisson(1) row weights (the Poisson bootstrap). Each cell
 * costs one uniform and a short search per replicate, however many rows it stands for.
 */

/** Above this λ a cell's count is drawn from the normal approximation N(λ, λ) (skewness 1/√λ ≤ 0.03). */
const TABLE_LIMIT = 1024;
/** The tables stop where the remaining upper tail is below this. */
const TAIL = 1e-13;

export class PoissonResampler {
  /** per cell, its λ's table (cells of equal λ share one); undefined above TABLE_LIMIT */
  private readonly tables: (Float64Array | undefined)[];
  private spareNormal: number | undefined;

  constructor(private readonly lambdas: Uint32Array) {
    const byLambda = new Map<number, Float64Array>();
    this.tables = Array.from(lambdas, (lambda) => {
      if (lambda > TABLE_LIMIT) return undefined;
      let table = byLambda.get(lambda);
      if (!table) {
        table = cumulativePoisson(lambda);
        byLambda.set(lambda, table);
      }
      return table;
    });
  }

  /** Fills `counts` (same length as the λs) with one replicate. */
  resample(counts: Uint32Array, random: () => number): void {
    const { lambdas, tables } = this;
    for (let k = 0; k < lambdas.length; k++) {
      const table = tables[k];
      counts[k] = table ? inverse(table, random()) : this.normalCount(lambdas[k] as number, random);
    }
  }

  private normalCount(lambda: number, random: () => number): number {
    return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * this.normal(random)));
  }

  /** Box–Muller, both values used. */
  private normal(random: () => number): number {
    if (this.spareNormal !== undefined) {
      const value = this.spareNormal;
      this.spareNormal = undefined;
      return value;
    }
    const radius = Math.sqrt(-2 * Math.log(1 - random()));
    const angle = 2 * Math.PI * random();
    this.spareNormal = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  }
}

/** P(X ≤ x) for x = 0, 1, … until the tail is negligible (the last entry is set to 1). */
export function cumulativePoisson(lambda: number): Float64Array {
  const values: number[] = [];
  // log-space terms: e^−λ underflows for large λ
  let logTerm = -lambda;
  let cumulative = 0;
  for (let x = 0; ; x++) {
    if (x > 0) logTerm += Math.log(lambda / x);
    cumulative += Math.exp(logTerm);
    values.push(cumulative);
    if (x > lambda && (1 - cumulative < TAIL || x > lambda + 50 * Math.sqrt(lambda) + 50)) break;
  }
  values[values.length - 1] = 1;
  return Float64Array.from(values);
}

/** The smallest x with P(X ≤ x) > u. */
function inverse(table: Float64Array, u: number): number {
  let low = 0;
  let high = table.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (u < (table[middle] as number)) high = middle;
    else low = middle + 1;
  }
  return low;
}
