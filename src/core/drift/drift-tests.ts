/**
 * The drift tests, what kind of score each gives and its default threshold. The defaults mirror
 * Evidently's: p-value tests decide at 0.05 when the reference is small, distances at 0.1 when it
 * is large.
 */
export const DRIFT_TESTS = [
  "ks",
  "wasserstein",
  "psi",
  "jensen-shannon",
  "chi-square",
  "l-infinity",
  "missing-rate",
] as const;
export type DriftTestName = (typeof DRIFT_TESTS)[number];

/** p-value tests drift when p < threshold; the others when the score ≥ threshold. */
export const P_VALUE_TESTS: ReadonlySet<DriftTestName> = new Set(["ks", "chi-square"]);

export const DEFAULT_THRESHOLDS: Readonly<Record<DriftTestName, number>> = {
  ks: 0.05,
  "chi-square": 0.05,
  wasserstein: 0.1,
  psi: 0.1,
  "jensen-shannon": 0.1,
  "l-infinity": 0.1,
  "missing-rate": 0.1,
};

export const NUMERIC_TESTS: readonly DriftTestName[] = ["ks", "wasserstein", "psi", "jensen-shannon", "missing-rate"];
export const CATEGORICAL_TESTS: readonly DriftTestName[] = [
  "chi-square",
  "jensen-shannon",
  "psi",
  "l-infinity",
  "missing-rate",
];

/** References with at most this many values count as small: p-value tests decide (Evidently's rule). */
export const SMALL_REFERENCE = 1000;

/** Which tests decide a column's drift when the user names none. */
export function defaultDecidingTests(kind: "numeric" | "categorical", referenceValues: number): DriftTestName[] {
  const small = referenceValues <= SMALL_REFERENCE;
  if (kind === "numeric") return small ? ["ks", "missing-rate"] : ["wasserstein", "missing-rate"];
  return small ? ["chi-square", "missing-rate"] : ["jensen-shannon", "missing-rate"];
}

export interface DriftTestResult {
  test: DriftTestName;
  /** the score: KS D, normalized Wasserstein, PSI, JS distance, χ², L∞, or the missing-rate change */
  statistic: number;
  pValue?: number;
  /** the p-value after the Bonferroni or Benjamini–Hochberg correction, when one is chosen */
  adjustedPValue?: number;
  threshold: number;
  /** whether this test takes part in deciding the column's drift */
  deciding: boolean;
  drifted: boolean;
  /** how the p-value was computed (KS: exact or asymptotic) */
  method?: string;
  dof?: number;
  /** where sketches stand in for the data: the exact statistic lies in [low, high] */
  bounds?: { low: number; high: number };
  /** L∞: the value whose share changed most */
  value?: string;
}

export function outcome(
  test: DriftTestName,
  statistic: number,
  pValue: number | undefined,
  threshold: number,
): boolean {
  if (P_VALUE_TESTS.has(test)) return pValue !== undefined && pValue < threshold;
  return Math.abs(statistic) >= threshold;
}
