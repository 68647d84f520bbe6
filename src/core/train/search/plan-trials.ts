/** The params of every trial a search runs, in a fixed order: the same spec always gives the same trials. */
import { InputError } from "../../errors.js";
import { seededRandom } from "../../seeded-random.js";
import {
  DEFAULT_RANDOM_TRIALS,
  DEFAULT_SEED,
  type ParamValue,
  type SearchDimension,
  type SearchSpec,
} from "./search-spec.js";

export type TrialParams = Record<string, ParamValue>;

export function planTrials(spec: SearchSpec, base: Readonly<Record<string, unknown>> = {}): TrialParams[] {
  const names = Object.keys(spec.space).sort();
  if (names.length === 0)
    throw badSearch("search.space", "names no parameters", "list at least one parameter with its values");
  const trials = spec.method === "grid" ? grid(spec, names) : random(spec, names);
  return trials.map((trial) => ({ ...(base as TrialParams), ...trial }));
}

function grid(spec: SearchSpec, names: readonly string[]): TrialParams[] {
  let trials: TrialParams[] = [{}];
  for (const name of names) {
    const dimension = spec.space[name] as SearchDimension;
    if (!Array.isArray(dimension)) {
      throw badSearch(
        `search.space.${name}`,
        "is a range, which a grid cannot enumerate",
        "list its values, or use method: random",
      );
    }
    if (dimension.length === 0) throw badSearch(`search.space.${name}`, "lists no values", "list at least one value");
    trials = trials.flatMap((trial) =>
      (dimension as readonly ParamValue[]).map((value) => ({ ...trial, [name]: value })),
    );
  }
  return spec.maxTrials === undefined ? trials : trials.slice(0, spec.maxTrials);
}

function random(spec: SearchSpec, names: readonly string[]): TrialParams[] {
  const next = seededRandom(spec.seed ?? DEFAULT_SEED);
  return Array.from({ length: spec.maxTrials ?? DEFAULT_RANDOM_TRIALS }, () =>
    Object.fromEntries(names.map((name) => [name, draw(spec.space[name] as SearchDimension, next, name)])),
  );
}

function draw(dimension: SearchDimension, next: () => number, name: string): ParamValue {
  if (Array.isArray(dimension)) {
    if (dimension.length === 0) throw badSearch(`search.space.${name}`, "lists no values", "list at least one value");
    return dimension[Math.floor(next() * dimension.length)] as ParamValue;
  }
  const { min, max, log = false, integer = false } = dimension as Exclude<SearchDimension, readonly ParamValue[]>;
  if (!(min <= max) || (log && min <= 0)) {
    throw badSearch(
      `search.space.${name}`,
      `range ${min}..${max} is empty${log ? " or not positive" : ""}`,
      "give min ≤ max (both > 0 for log)",
    );
  }
  const u = next();
  if (log) {
    const value = Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min)));
    return integer ? Math.min(max, Math.max(min, Math.round(value))) : value;
  }
  // integers: every whole number from min to max equally likely
  return integer ? Math.min(max, min + Math.floor(u * (max - min + 1))) : min + u * (max - min);
}

function badSearch(key: string, problem: string, fix: string): InputError {
  return new InputError(problem, { file: "mlgate.yml", key }, fix);
}
