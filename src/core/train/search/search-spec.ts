/**
 * A parameter search as `search:` in mlgate.yml declares it: grid (every combination of the listed
 * values) or random (seeded draws from lists and ranges), at most `max-trials` trials, and the
 * metric that picks the best one, with its direction.
 */
export type ParamValue = string | number | boolean;

/** Listed values, or a numeric range (random search only), log-uniform when `log`. */
export type SearchDimension = readonly ParamValue[] | { min: number; max: number; log?: boolean; integer?: boolean };

export interface SearchSpec {
  method: "grid" | "random";
  space: Readonly<Record<string, SearchDimension>>;
  maxTrials?: number;
  seed?: number;
  objective: { metric: string; direction: "maximize" | "minimize" };
  /** trials running at once */
  parallel?: number;
}

export const DEFAULT_RANDOM_TRIALS = 10;
export const DEFAULT_SEED = 0;
