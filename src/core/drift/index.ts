export { type CategoryCounts, OTHER_VALUES } from "./categorical-drift.js";
export type { ColumnChart } from "./charts.js";
export {
  CORRECTIONS,
  type ColumnDrift,
  type Correction,
  DEFAULT_DRIFT_SHARE,
  type DriftOptions,
  type DriftResult,
  detectDrift,
  type SideSummary,
} from "./detect-drift.js";
export {
  DEFAULT_THRESHOLDS,
  DRIFT_TESTS,
  type DriftTestName,
  type DriftTestResult,
  P_VALUE_TESTS,
  SMALL_REFERENCE,
} from "./drift-tests.js";
export { MIN_REFERENCE_STD } from "./numeric-drift.js";
export { decideRetrain, type RetrainDecision, type RetrainInputs } from "./retrain-decision.js";
