import type { Outcome } from "../child-process.js";

/**
 * Runs a measurement `repeat` times (at least once): the fastest run counts, with the highest peak
 * RSS of all; the first failure ends it and is the outcome. `report` sees every run.
 */
export function fastestOf<T extends { seconds: number; maxRssKb: number }>(
  repeat: number,
  run: () => Outcome<T>,
  report: (outcome: Outcome<T>) => void = () => {},
): Outcome<T> {
  let outcome = run();
  report(outcome);
  for (let attempt = 1; attempt < repeat && outcome.ok; attempt++) {
    const next = run();
    report(next);
    if (!next.ok) return next;
    const fastest = next.result.seconds < outcome.result.seconds ? next.result : outcome.result;
    outcome = { ok: true, result: { ...fastest, maxRssKb: Math.max(next.result.maxRssKb, outcome.result.maxRssKb) } };
  }
  return outcome;
}
