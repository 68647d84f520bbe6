import { seededRandom } from "../../seeded-random.js";
import { percentileOfSorted, sampleStandardDeviation } from "./percentile.js";
import { PoissonResampler } from "./poisson.js";
import { resampleCounts } from "./resample.js";

/**
 * A bootstrap replicate as weights: `weights[i]` is how many times holdout row i was drawn (0, 1,
 * 2, …); the weights sum to the row count. `null` stands for the original rows (every weight 1), so
 * a statistic can take its unweighted path.
 */
export type BootstrapWeights = Uint32Array;

/**
 * Every metric of one model on the holdout rows weighted by `weights` (`null`: the original rows),
 * by metric name. A metric that is undefined on a resample (ROC AUC with one class drawn) is NaN.
 *
 * The weights buffer is reused from one replicate to the next and shared by both models within a
 * replicate: a statistic must not modify it or keep it after returning.
 */
export type Statistic = (weights: BootstrapWeights | null) => Readonly<Record<string, number>>;

export interface BootstrapOptions {
  /** Holdout rows both statistics score (a positive integer below 2³²). */
  rows: number;
  /**
   * When the statistics score compressed rows (cells), how many original rows each cell stands for
   * (`rows` entries summing to the original row count). Each replicate then draws cell k
   * Poisson(counts[k]) times (the Poisson bootstrap of its rows) instead of drawing `rows` rows.
   */
  cellCounts?: Uint32Array;
  /**
   * The statistics on the original rows when they score cells: each replicate is shifted by
   * exact − (the statistic on the cells with their counts), so intervals sit around the exact value.
   */
  exact?: { challenger: Readonly<Record<string, number>>; champion?: Readonly<Record<string, number>> };
  /** Bootstrap replicates (an integer ≥ 0; 0 gives point estimates with NaN intervals). */
  replicates: number;
  /** Seed of the resampling (`seededRandom`, mulberry32); the same seed resamples the same rows. */
  seed: number;
  /** Two-sided coverage of the percentile intervals, in (0, 1), e.g. 0.95. */
  confidence: number;
  /** Called after each replicate with the replicates done and the total. */
  onProgress?: (done: number, total: number) => void;
}

export interface Estimate {
  /** The statistic on the original rows. */
  value: number;
  /** Percentile interval: the `(1 − confidence)/2` and `(1 + confidence)/2` percentiles of the replicates. */
  low: number;
  high: number;
  /** The standard deviation of the replicates (ddof 1): the bootstrap standard error. */
  standardError: number;
  /** Replicates the interval is computed from. */
  replicates: number;
  /** Replicates left out because the statistic was NaN or infinite on them (or, for a delta, either side was). */
  excluded: number;
}

export interface MetricEstimates {
  challenger: Estimate;
  /** Present when a champion statistic was given. */
  champion?: Estimate;
  /** Challenger − champion, computed per replicate on the same resample; present with a champion. */
  delta?: Estimate;
}

export interface BootstrapResult {
  rows: number;
  replicates: number;
  seed: number;
  confidence: number;
  /** Per metric name, in the order the challenger's statistic reports them on the original rows. */
  metrics: Record<string, MetricEstimates>;
}

/**
 * Paired bootstrap of a challenger's metrics against a champion's on the same holdout rows.
 *
 * Each replicate draws `rows` rows uniformly with replacement (one `Uint32Array` of counts, refilled
 * in O(rows) per replicate) and evaluates both statistics on that same resample, so the delta
 * challenger − champion is computed per replicate and its interval reflects the pairing: noise that
 * moves both models together cancels. Intervals are percentile intervals (the plain percentile
 * method, numpy's default linear interpolation between order statistics); replicates on which a
 * metric is NaN or infinite are left out of that metric's interval and counted in `excluded`.
 *
 * The metric names are those the challenger's statistic reports on the original rows; a champion
 * must report the same names. A name missing from a replicate's result counts as NaN there.
 * Deterministic: replicate b consumes draws b·rows … (b+1)·rows − 1 of `seededRandom(seed)`, so the
 * same seed gives the same result, and a run with more replicates extends one with fewer.
 */
export function pairedBootstrap(
  options: BootstrapOptions,
  champion: Statistic | undefined,
  challenger: Statistic,
): BootstrapResult {
  const { rows, replicates, seed, confidence, onProgress } = options;
  if (!Number.isInteger(rows) || rows < 1 || rows >= 2 ** 32) {
    throw new RangeError(`bootstrap rows must be a positive integer below 2^32, got ${rows}`);
  }
  if (!Number.isInteger(replicates) || replicates < 0) {
    throw new RangeError(`bootstrap replicates must be an integer ≥ 0, got ${replicates}`);
  }
  if (!Number.isInteger(seed)) throw new RangeError(`bootstrap seed must be an integer, got ${seed}`);
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`bootstrap confidence must be between 0 and 1 (exclusive), got ${confidence}`);
  }

  const { cellCounts, exact } = options;
  if (cellCounts && cellCounts.length !== rows) {
    throw new RangeError(`bootstrap cellCounts has ${cellCounts.length} entries, expected ${rows}`);
  }
  const original = cellCounts ?? null;
  const challengerOnCells = challenger(original);
  const names = Object.keys(challengerOnCells);
  const championOnCells = champion?.(original);
  if (championOnCells) assertSameMetrics(names, Object.keys(championOnCells));
  const challengerOriginal = exact?.challenger ?? challengerOnCells;
  const championOriginal = championOnCells && (exact?.champion ?? championOnCells);

  const challengerReplicates = names.map(() => new Float64Array(replicates));
  const championReplicates = championOriginal ? names.map(() => new Float64Array(replicates)) : undefined;
  const weights = new Uint32Array(rows);
  const random = seededRandom(seed);
  const poisson = cellCounts && new PoissonResampler(cellCounts);
  for (let replicate = 0; replicate < replicates; replicate++) {
    if (poisson) poisson.resample(weights, random);
    else resampleCounts(weights, random);
    if (champion && championReplicates) record(champion(weights), names, championReplicates, replicate);
    record(challenger(weights), names, challengerReplicates, replicate);
    onProgress?.(replicate + 1, replicates);
  }
  if (exact) {
    shiftReplicates(challengerReplicates, names, challengerOnCells, challengerOriginal);
    if (championReplicates && championOnCells && championOriginal) {
      shiftReplicates(championReplicates, names, championOnCells, championOriginal);
    }
  }

  const [lowPercent, highPercent] = intervalPercents(confidence);
  const estimate = (value: number, values: Float64Array): Estimate => summarize(value, values, lowPercent, highPercent);
  const metrics: Record<string, MetricEstimates> = {};
  names.forEach((name, j) => {
    const challengerValue = metricValue(challengerOriginal, name);
    const challengerValues = challengerReplicates[j] as Float64Array;
    const entry: MetricEstimates = { challenger: estimate(challengerValue, challengerValues) };
    if (championOriginal && championReplicates) {
      const championValue = metricValue(championOriginal, name);
      const championValues = championReplicates[j] as Float64Array;
      const deltas = new Float64Array(replicates);
      for (let b = 0; b < replicates; b++) deltas[b] = (challengerValues[b] as number) - (championValues[b] as number);
      entry.champion = estimate(championValue, championValues);
      entry.delta = estimate(challengerValue - championValue, deltas);
    }
    metrics[name] = entry;
  });
  return { rows, replicates, seed, confidence, metrics };
}

/**
 * The percentages that bound a two-sided interval at `confidence`, rounded to 12 significant digits
 * so that 0.95 gives exactly 2.5 and 97.5 (1 − 0.95 is 0.050000000000000044 in binary).
 */
export function intervalPercents(confidence: number): [low: number, high: number] {
  const low = Number((50 * (1 - confidence)).toPrecision(12));
  const high = Number((50 * (1 + confidence)).toPrecision(12));
  return [low, high];
}

function summarize(value: number, values: Float64Array, lowPercent: number, highPercent: number): Estimate {
  // A copy: the replicate arrays stay in replicate order (the deltas pair them by index).
  const finite = values.filter(Number.isFinite).sort();
  const used = finite.length;
  return {
    value,
    low: percentileOfSorted(finite, lowPercent),
    high: percentileOfSorted(finite, highPercent),
    standardError: sampleStandardDeviation(finite),
    replicates: used,
    excluded: values.length - used,
  };
}

/** Moves each metric's replicates by exact − cells, so the bootstrap distribution is centred on the exact value. */
function shiftReplicates(
  replicates: Float64Array[],
  names: string[],
  onCells: Readonly<Record<string, number>>,
  exact: Readonly<Record<string, number>>,
): void {
  names.forEach((name, j) => {
    const shift = metricValue(exact, name) - metricValue(onCells, name);
    if (shift === 0 || !Number.isFinite(shift)) return;
    const values = replicates[j] as Float64Array;
    for (let b = 0; b < values.length; b++) values[b] = (values[b] as number) + shift;
  });
}

function record(result: Readonly<Record<string, number>>, names: string[], into: Float64Array[], replicate: number) {
  for (let j = 0; j < names.length; j++) (into[j] as Float64Array)[replicate] = metricValue(result, names[j] as string);
}

function metricValue(result: Readonly<Record<string, number>>, name: string): number {
  const value = Object.hasOwn(result, name) ? result[name] : undefined;
  return typeof value === "number" ? value : Number.NaN;
}

function assertSameMetrics(challengerNames: string[], championNames: string[]): void {
  const challengerSet = new Set(challengerNames);
  const championSet = new Set(championNames);
  const onlyChallenger = challengerNames.filter((name) => !championSet.has(name));
  const onlyChampion = championNames.filter((name) => !challengerSet.has(name));
  if (onlyChallenger.length > 0 || onlyChampion.length > 0) {
    throw new Error(
      `the champion and challenger statistics must report the same metrics (only the challenger: ${
        onlyChallenger.join(", ") || "none"
      }; only the champion: ${onlyChampion.join(", ") || "none"})`,
    );
  }
}
