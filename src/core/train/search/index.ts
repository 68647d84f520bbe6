export { rankTrials, type TrialOutcome } from "./best-trial.js";
export { planTrials, type TrialParams } from "./plan-trials.js";
export { SEARCH_CONFIG_SCHEMA, type SearchConfig, searchSpecFromConfig } from "./search-config.js";
export {
  DEFAULT_RANDOM_TRIALS,
  DEFAULT_SEED,
  type ParamValue,
  type SearchDimension,
  type SearchSpec,
} from "./search-spec.js";
