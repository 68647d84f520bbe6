/**
 * `unique: true`: exact while the remembered values fit in memory (UniqueValues); beyond that, the
 * profile's distinct-count sketch flags duplicates only when they are too many to be its error,
 * and otherwise a warning says the check could not be complete.
 */
import { type ColumnProfile, DISTINCT_STANDARD_ERROR } from "../profile/index.js";
import { plural } from "./describe.js";
import { UniqueValues } from "./unique-values.js";
import type { Judgement, ValueRule } from "./value-rules.js";

const EXPECTED = "every value unique";
/** the sketch's estimate must fall this many standard errors short of the count to show duplicates */
const SKETCH_SIGMAS = 3;
const SKETCH_BLIND_SPOT = `${Math.ceil(SKETCH_SIGMAS * DISTINCT_STANDARD_ERROR * 100)}%`;

export function uniqueRule(capacity?: number): ValueRule<string | number> {
  const values = new UniqueValues(capacity);
  return {
    kind: "unique",
    violates: (value) => values.repeats(value),
    judge: (found, _checked, column) => {
      if (values.unchecked === 0) {
        return found > 0
          ? { severity: "error", observed: plural(found, "duplicate value"), expected: EXPECTED }
          : undefined;
      }
      const scope = `exact for the first ${plural(values.remembered, "distinct value")}, then only a distinct-count sketch for ${values.unchecked} more`;
      if (found > 0) {
        return {
          severity: "error",
          observed: `at least ${plural(found, "duplicate value")} (${scope})`,
          expected: EXPECTED,
        };
      }
      return sketchJudgement(column, scope, values.unchecked);
    },
  };
}

function sketchJudgement(column: ColumnProfile, scope: string, unchecked: number): Judgement {
  const counted = column.numeric?.moments.count ?? column.text?.count ?? 0;
  const distinct = column.distinctEstimate();
  if (distinct < counted * (1 - SKETCH_SIGMAS * DISTINCT_STANDARD_ERROR)) {
    const duplicates = counted - distinct;
    return {
      severity: "error",
      observed: `about ${plural(duplicates, "duplicate value")}: an estimated ${distinct} distinct among ${counted} (${scope})`,
      expected: EXPECTED,
      count: duplicates,
    };
  }
  return {
    severity: "warning",
    observed: `no duplicates found, but the check was ${scope}, which misses duplicates under about ${SKETCH_BLIND_SPOT} of values`,
    expected: EXPECTED,
    count: unchecked,
  };
}
