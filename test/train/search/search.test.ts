/** Parameter search: which trials a spec runs, that they replay from the seed, and which trial wins. */
import { describe, expect, it } from "vitest";
import { InputError } from "../../../src/core/errors.js";
import { planTrials, rankTrials, type SearchSpec, type TrialOutcome } from "../../../src/core/train/search/index.js";

const objective = { metric: "val.auc", direction: "maximize" } as const;

describe("planning trials", () => {
  it("enumerates every grid combination in a fixed order, over the base params, up to max-trials", () => {
    const spec: SearchSpec = { method: "grid", space: { C: [0.1, 1], solver: ["lbfgs", "saga"] }, objective };
    expect(planTrials(spec, { max_iter: 100 })).toEqual([
      { max_iter: 100, C: 0.1, solver: "lbfgs" },
      { max_iter: 100, C: 0.1, solver: "saga" },
      { max_iter: 100, C: 1, solver: "lbfgs" },
      { max_iter: 100, C: 1, solver: "saga" },
    ]);
    expect(planTrials({ ...spec, maxTrials: 3 })).toHaveLength(3);
  });

  it("draws random trials that replay from the seed and stay in their ranges", () => {
    const spec: SearchSpec = {
      method: "random",
      space: {
        C: { min: 1e-3, max: 10, log: true },
        depth: { min: 2, max: 5, integer: true },
        kernel: ["rbf", "linear"],
      },
      maxTrials: 200,
      seed: 7,
      objective,
    };
    const trials = planTrials(spec);
    expect(planTrials(spec)).toEqual(trials);
    expect(planTrials({ ...spec, seed: 8 })).not.toEqual(trials);
    for (const trial of trials) {
      expect(trial.C as number).toBeGreaterThanOrEqual(1e-3);
      expect(trial.C as number).toBeLessThanOrEqual(10);
      expect(["rbf", "linear"]).toContain(trial.kernel);
    }
    expect(new Set(trials.map((trial) => trial.depth))).toEqual(new Set([2, 3, 4, 5]));
    const belowOne = trials.filter((trial) => (trial.C as number) < 1).length;
    expect(belowOne / trials.length).toBeGreaterThan(0.6); // log-uniform: 3 of 4 decades lie below 1
  });

  it("refuses a range in a grid and an empty range, naming the key in mlgate.yml", () => {
    const bad = (spec: SearchSpec) => {
      try {
        planTrials(spec);
        return undefined;
      } catch (error) {
        return error instanceof InputError ? error.where : error;
      }
    };
    expect(bad({ method: "grid", space: { C: { min: 0, max: 1 } }, objective })).toEqual({
      file: "mlgate.yml",
      key: "search.space.C",
    });
    expect(bad({ method: "random", space: { C: { min: 0, max: 1, log: true } }, objective })).toEqual({
      file: "mlgate.yml",
      key: "search.space.C",
    });
  });
});

describe("ranking trials", () => {
  const outcomes: TrialOutcome<string>[] = [
    { trial: "a", metrics: { "val.auc": 0.81 } },
    { trial: "b", metrics: { "val.auc": 0.9 } },
    { trial: "c", metrics: {} },
    { trial: "d", metrics: { "val.auc": 0.9 } },
    { trial: "e", metrics: { "val.auc": Number.NaN } },
  ];

  it("puts the best first in the objective's direction, first on ties, trials without the metric last", () => {
    expect(rankTrials(outcomes, objective).map((o) => o.trial)).toEqual(["b", "d", "a", "c", "e"]);
    expect(rankTrials(outcomes, { metric: "val.auc", direction: "minimize" }).map((o) => o.trial)).toEqual([
      "a",
      "b",
      "d",
      "c",
      "e",
    ]);
  });
});
