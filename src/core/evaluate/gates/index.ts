/**
 * The gates of evaluate-against-champion: `gates:` in mlgate.yml (schema, typed config, checks with
 * line numbers) and the pure function that applies them to what the evaluation measured.
 * docs/evaluate-gates.md explains every key.
 */
export {
  applyGates,
  evaluateGates,
  type GateFacts,
  type GateOutcome,
  type GateResult,
  type GateStatus,
  type MetricFacts,
  NO_CHAMPION,
  type OperationalFacts,
  type SliceFacts,
} from "./evaluate-gates.js";
export { formatBytes, formatMs, METRIC_LABELS } from "./format.js";
export {
  checkGates,
  DEFAULT_PRIMARY,
  GATES_CONFIG_SCHEMA,
  type GatePlan,
  type GatesConfig,
  type Locate,
  type MetricGatePlan,
  type MetricGatesConfig,
  MIN_SLICE_ROWS,
} from "./gates-config.js";
export {
  type Bar,
  parseBytes,
  parseLatencyBar,
  parseMetricBar,
  parseMilliseconds,
  resolveBar,
} from "./quantities.js";
