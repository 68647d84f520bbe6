/** The checks a column's values go through one by one, and how each words its anomaly. */
import type { ColumnProfile } from "../profile/index.js";
import type { AnomalyKind, Severity } from "./anomaly.js";
import { describeBounds, listValues, percent, plural } from "./describe.js";
import type { Bounds, Domain } from "./schema.js";

export interface Judgement {
  severity: Severity;
  observed: string;
  expected: string;
  /** when the anomaly concerns other than the values flagged one by one */
  count?: number;
}

export interface ValueRule<V> {
  readonly kind: AnomalyKind;
  violates(value: V): boolean;
  /** The anomaly's words when `found` of the column's `checked` values were flagged; undefined if that is acceptable. */
  judge(found: number, checked: number, column: ColumnProfile): Judgement | undefined;
}

export function nanRule(): ValueRule<number> {
  return {
    kind: "nan",
    violates: (value) => Number.isNaN(value),
    judge: (found) => flagged(found, plural(found, "NaN value"), "no NaN values"),
  };
}

export function infinityRule(): ValueRule<number> {
  return {
    kind: "infinity",
    violates: (value) => value === Number.POSITIVE_INFINITY || value === Number.NEGATIVE_INFINITY,
    judge: (found) => flagged(found, plural(found, "infinite value"), "no +Inf or -Inf values"),
  };
}

/** Finite values only: NaN and ±Inf have rules of their own. */
export function rangeRule(range: Bounds, format: (value: number) => string): ValueRule<number> {
  const min = range.min ?? Number.NEGATIVE_INFINITY;
  const max = range.max ?? Number.POSITIVE_INFINITY;
  return {
    kind: "range",
    violates: (value) => Number.isFinite(value) && (value < min || value > max),
    // no observed min or max here: the anomaly's words must stay free of data values (redact-values)
    judge: (found) => flagged(found, `${plural(found, "value")} out of range`, describeBounds(range, format)),
  };
}

export function patternRule(pattern: string): ValueRule<string> {
  const expression = new RegExp(pattern, "u");
  return {
    kind: "pattern",
    violates: (value) => !expression.test(value),
    judge: (found) => flagged(found, `${plural(found, "value")} not matching`, `every value matches /${pattern}/`),
  };
}

/** `members` are the domain's values as the column's values read (booleans as "true" and "false"). */
export function domainRule<V>(domain: Domain, members: ReadonlySet<V>): ValueRule<V> {
  const allowed = listValues(domain.values);
  return {
    kind: "domain",
    violates: (value) => !members.has(value),
    judge: (found, checked) => {
      const mass = checked === 0 ? 1 : (checked - found) / checked;
      if (found === 0 || mass >= domain.minMass) return undefined;
      const expected =
        domain.minMass === 1
          ? `every value one of ${allowed}`
          : `at least ${percent(domain.minMass)} of values one of ${allowed}`;
      return {
        severity: "error",
        observed: `${plural(found, "value")} outside the domain (${percent(mass)} inside)`,
        expected,
      };
    },
  };
}

function flagged(found: number, observed: string, expected: string): Judgement | undefined {
  return found > 0 ? { severity: "error", observed, expected } : undefined;
}
