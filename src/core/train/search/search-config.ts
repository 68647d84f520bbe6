/**
 * `search:` in mlgate.yml as written (kebab-case keys), its JSON Schema for the config file, and the
 * SearchSpec it becomes. The schema checks the shape with line numbers; this only renames keys.
 */
import type { SearchDimension, SearchSpec } from "./search-spec.js";

const scalar = { type: ["string", "number", "boolean"] };

export const SEARCH_CONFIG_SCHEMA = {
  title: "Search",
  description:
    "Parameter search for train: every trial is a training run with these params merged over the params file; the best trial's model is train's output.",
  type: "object",
  additionalProperties: false,
  required: ["space", "objective"],
  properties: {
    method: {
      enum: ["grid", "random"],
      default: "grid",
      description: "`grid`: every combination of the listed values; `random`: seeded draws from lists and ranges.",
    },
    space: {
      type: "object",
      description: "Parameter name → a list of values, or (random only) a range `{min, max, log, integer}`.",
      additionalProperties: {
        anyOf: [
          { type: "array", items: scalar, minItems: 1 },
          {
            type: "object",
            additionalProperties: false,
            required: ["min", "max"],
            properties: {
              min: { type: "number" },
              max: { type: "number" },
              log: { type: "boolean", description: "Draw log-uniformly (both ends > 0)." },
              integer: { type: "boolean", description: "Draw whole numbers." },
            },
          },
        ],
      },
    },
    "max-trials": {
      type: "integer",
      minimum: 1,
      description: "At most this many trials (grid: the first ones; random: default 10).",
    },
    seed: { type: "integer", description: "Seed of the random draws (default 0): the same seed, the same trials." },
    parallel: { type: "integer", minimum: 1, default: 1, description: "Trials running at once." },
    objective: {
      type: "object",
      additionalProperties: false,
      required: ["metric", "direction"],
      description:
        "The metric (a key of the trials' metrics.json, nested keys joined by `.`) that picks the best trial.",
      properties: {
        metric: { type: "string", description: "e.g. `validation.accuracy`" },
        direction: { enum: ["maximize", "minimize"] },
      },
    },
  },
} as const;

export interface SearchConfig {
  method?: "grid" | "random";
  space: Record<string, SearchDimension>;
  "max-trials"?: number;
  seed?: number;
  parallel?: number;
  objective: { metric: string; direction: "maximize" | "minimize" };
}

export function searchSpecFromConfig(config: SearchConfig): SearchSpec {
  return {
    method: config.method ?? "grid",
    space: config.space,
    objective: config.objective,
    ...(config["max-trials"] === undefined ? {} : { maxTrials: config["max-trials"] }),
    ...(config.seed === undefined ? {} : { seed: config.seed }),
    ...(config.parallel === undefined ? {} : { parallel: config.parallel }),
  };
}
