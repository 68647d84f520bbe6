/** The trial a search keeps: the best value of the objective metric in its direction (first one on ties). */
import type { SearchSpec } from "./search-spec.js";

export interface TrialOutcome<T> {
  trial: T;
  metrics: Readonly<Record<string, number>>;
}

/** Trials ranked best first; those without the metric (or with NaN) go last, in their order. */
export function rankTrials<T>(
  outcomes: readonly TrialOutcome<T>[],
  objective: SearchSpec["objective"],
): TrialOutcome<T>[] {
  const sign = objective.direction === "maximize" ? -1 : 1;
  const score = (outcome: TrialOutcome<T>) => outcome.metrics[objective.metric];
  const scored = outcomes.filter((outcome) => Number.isFinite(score(outcome)));
  const unscored = outcomes.filter((outcome) => !Number.isFinite(score(outcome)));
  const ranked = scored
    .map((outcome, index) => ({ outcome, index }))
    .sort((a, b) => sign * ((score(a.outcome) as number) - (score(b.outcome) as number)) || a.index - b.index)
    .map(({ outcome }) => outcome);
  return [...ranked, ...unscored];
}
