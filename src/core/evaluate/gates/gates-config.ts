/**
 * `gates:` in mlgate.yml as written (kebab-case keys), its JSON Schema for the config file, and the
 * GatePlan it becomes once the problem type is known. The schema checks the shape and the metric
 * names with line numbers; {@link checkGates} checks what needs the problem type or a quantity's text.
 */

import { closest } from "../../config/closest.js";
import { InputError, type Where } from "../../errors.js";
import {
  isMetricName,
  METRIC_NAMES,
  METRICS,
  type MetricName,
  metricsFor,
  type ProblemType,
} from "../metrics/registry.js";
import { METRIC_LABELS } from "./format.js";
import { type Bar, parseBytes, parseLatencyBar, parseMetricBar, parseMilliseconds } from "./quantities.js";

/** The primary metric when `gates.primary` is not set. */
export const DEFAULT_PRIMARY: Readonly<Record<ProblemType, MetricName>> = {
  binary: "roc_auc",
  multiclass: "log_loss",
  regression: "rmse",
};

/** Slices with fewer rows than this are not gated: their metrics are too noisy to compare. */
export const MIN_SLICE_ROWS = 30;

const METRIC_BAR = { type: ["number", "string"] };

const METRIC_GATES_PROPERTIES = {
  min: { type: "number", description: "The challenger's value must be at least this." },
  max: { type: "number", description: "The challenger's value must be at most this." },
  "min-improvement": {
    ...METRIC_BAR,
    description:
      'The challenger must beat the champion by at least this much, in the metric\'s units (`0.005`) or relative to the champion\'s value (`"1%"`); "better" follows the metric\'s direction. Negative: a non-inferiority margin. Default for the primary metric: 0.',
  },
  "require-significance": {
    type: "boolean",
    default: false,
    description:
      "`min-improvement` (default 0) must be cleared by the worse end of the bootstrap interval of the change, not only by the point estimate. Needs the bootstrap on.",
  },
  "max-regression": {
    ...METRIC_BAR,
    description:
      'A guard: the challenger may be worse than the champion by at most this much (`0.01` or `"2%"` of the champion\'s value).',
  },
  "max-slice-regression": {
    ...METRIC_BAR,
    description: `Per value of each slice column (the \`slices\` input): the challenger may be worse than the champion on that slice by at most this much (\`0.03\` or \`"5%"\`). Slices with fewer than ${MIN_SLICE_ROWS} rows are skipped.`,
  },
};

function metricGatesSchema(name: MetricName): Record<string, unknown> {
  const { problems, direction } = METRICS[name];
  return {
    description: `${METRIC_LABELS[name]} (${problems.join(", ")}; ${direction} is better).`,
    type: "object",
    additionalProperties: false,
    properties: METRIC_GATES_PROPERTIES,
  };
}

export const GATES_CONFIG_SCHEMA = {
  title: "Gates",
  description:
    "What evaluate-against-champion requires of the challenger to promote it. Without this section: the primary metric must be at least as good as the champion's, and better than a prior / mean predictor. See docs/evaluate-gates.md.",
  type: "object",
  additionalProperties: false,
  properties: {
    primary: {
      enum: [...METRIC_NAMES],
      description:
        "The metric the baseline gate and the default gate use. Default: `roc_auc` (binary), `log_loss` (multiclass), `rmse` (regression).",
    },
    baseline: {
      type: "boolean",
      default: true,
      description:
        "The challenger must be strictly better than a baseline (class prior / mean predictor) on the primary metric.",
    },
    metrics: {
      type: "object",
      additionalProperties: false,
      description: "Gates per metric, by mlgate metric name (snake_case, as scikit-learn names them).",
      properties: Object.fromEntries(METRIC_NAMES.map((name) => [name, metricGatesSchema(name)])),
    },
    "max-model-size": {
      type: ["number", "string"],
      description:
        'The challenger\'s ONNX file may be at most this large: a number of bytes, or `"500KB"`, `"50MB"`, `"1.5GB"` (decimal units; also KiB, MiB, GiB).',
    },
    "max-latency-p95": {
      type: ["number", "string"],
      description:
        'The 95th percentile of the challenger\'s time per inference batch (`batch-size` rows): a number of milliseconds, or `"250ms"`, `"1.5s"`.',
    },
    "max-latency-regression": {
      type: ["number", "string"],
      description:
        'How much the challenger\'s p95 batch latency may exceed the champion\'s, measured in the same run: `"20%"` of the champion\'s, or milliseconds (`30`, `"30ms"`).',
    },
  },
};

/** One metric's gates as written. */
export interface MetricGatesConfig {
  min?: number;
  max?: number;
  "min-improvement"?: number | string;
  "require-significance"?: boolean;
  "max-regression"?: number | string;
  "max-slice-regression"?: number | string;
}

/** `gates:` as written in mlgate.yml. */
export interface GatesConfig {
  primary?: MetricName;
  baseline?: boolean;
  metrics?: Partial<Record<MetricName, MetricGatesConfig>>;
  "max-model-size"?: number | string;
  "max-latency-p95"?: number | string;
  "max-latency-regression"?: number | string;
}

/** One metric's gates, checked and with their quantities parsed. */
export interface MetricGatePlan {
  metric: MetricName;
  min?: number;
  max?: number;
  minImprovement?: Bar;
  /** True when minImprovement is the primary metric's default (at least as good as the champion). */
  minImprovementDefault: boolean;
  requireSignificance: boolean;
  maxRegression?: Bar;
  maxSliceRegression?: Bar;
}

/** The gates to apply for one problem type: `gates:` checked, parsed and with its defaults filled in. */
export interface GatePlan {
  problem: ProblemType;
  primary: MetricName;
  baseline: boolean;
  /** The primary metric first, then the others in the order mlgate.yml lists them. */
  metrics: MetricGatePlan[];
  maxModelBytes?: number;
  maxLatencyP95Ms?: number;
  /** Absolute bars are milliseconds; relative ones a fraction of the champion's p95. */
  maxLatencyRegression?: Bar;
}

/**
 * Where a `gates.…` key path sits in mlgate.yml: `Config.locate`, or just the key without a file.
 * checkGates asks for the key's own position (`at: "key"`) when it reports a metric name; a locate
 * that ignores `at` gives its value's position (for a block mapping, the line of its first setting).
 */
export type Locate = (keyPath: string, at?: "key" | "value") => Where;

const keyOnly: Locate = (key) => ({ key });

/**
 * Checks `gates:` for a problem type and fills in the defaults: metric names must be mlgate metrics
 * that apply to the problem, quantities must parse, `min` must not exceed `max`. Throws an InputError
 * (exit 2) naming the key's place in mlgate.yml through `locate`.
 *
 * Defaults: the primary metric is `gates.primary` or {@link DEFAULT_PRIMARY}; it gets
 * `min-improvement: 0` unless its entry sets `min-improvement` or `max-regression`; a metric with
 * `require-significance` and no `min-improvement` gets `min-improvement: 0`; `baseline` is true.
 */
export function checkGates(config: GatesConfig | undefined, problem: ProblemType, locate: Locate = keyOnly): GatePlan {
  const applicable = metricsFor(problem);
  const primary = config?.primary ?? DEFAULT_PRIMARY[problem];
  if (config?.primary !== undefined) checkMetricName(config.primary, problem, applicable, locate("gates.primary"));

  const entries = Object.entries(config?.metrics ?? {}) as [string, MetricGatesConfig | null | undefined][];
  const metrics: MetricGatePlan[] = [];
  for (const [name, entry] of entries) {
    const path = `gates.metrics.${name}`;
    checkMetricName(name, problem, applicable, locate(path, "key"));
    metrics.push(metricPlan(name as MetricName, entry ?? {}, path, locate));
  }

  let primaryPlan = metrics.find((plan) => plan.metric === primary);
  if (!primaryPlan) {
    primaryPlan = { metric: primary, minImprovementDefault: false, requireSignificance: false };
    metrics.unshift(primaryPlan);
  } else {
    metrics.splice(metrics.indexOf(primaryPlan), 1);
    metrics.unshift(primaryPlan);
  }
  if (primaryPlan.minImprovement === undefined && primaryPlan.maxRegression === undefined) {
    primaryPlan.minImprovement = { kind: "absolute", value: 0, text: "0" };
    primaryPlan.minImprovementDefault = true;
  }

  const plan: GatePlan = { problem, primary, baseline: config?.baseline ?? true, metrics };
  const size = config?.["max-model-size"];
  if (size !== undefined) plan.maxModelBytes = parseBytes(size, locate("gates.max-model-size"));
  const latency = config?.["max-latency-p95"];
  if (latency !== undefined) plan.maxLatencyP95Ms = parseMilliseconds(latency, locate("gates.max-latency-p95"));
  const latencyRegression = config?.["max-latency-regression"];
  if (latencyRegression !== undefined) {
    plan.maxLatencyRegression = parseLatencyBar(latencyRegression, locate("gates.max-latency-regression"));
  }
  return plan;
}

function metricPlan(metric: MetricName, entry: MetricGatesConfig, path: string, locate: Locate): MetricGatePlan {
  const at = (key: keyof MetricGatesConfig) => locate(`${path}.${key}`);
  const plan: MetricGatePlan = {
    metric,
    minImprovementDefault: false,
    requireSignificance: entry["require-significance"] === true,
  };
  for (const key of ["min", "max"] as const) {
    const value = entry[key];
    if (value === undefined) continue;
    if (typeof value !== "number") throw new InputError("must be a number", at(key), "write the number without quotes");
    if (!Number.isFinite(value))
      throw new InputError("must be a finite number", at(key), "write a number such as 0.75");
    plan[key] = value;
  }
  if (plan.min !== undefined && plan.max !== undefined && plan.min > plan.max) {
    throw new InputError(
      `min (${plan.min}) is above max (${plan.max}): no value can pass`,
      at("min"),
      "swap them, or remove one",
    );
  }
  const minImprovement = entry["min-improvement"];
  if (minImprovement !== undefined) {
    plan.minImprovement = parseMetricBar(minImprovement, at("min-improvement"), {
      negative: true,
      example: '0.005 or "1%"',
    });
  } else if (plan.requireSignificance) {
    plan.minImprovement = { kind: "absolute", value: 0, text: "0" };
  }
  const maxRegression = entry["max-regression"];
  if (maxRegression !== undefined) {
    plan.maxRegression = parseMetricBar(maxRegression, at("max-regression"), {
      negative: false,
      example: '0.01 or "2%"',
    });
  }
  const maxSliceRegression = entry["max-slice-regression"];
  if (maxSliceRegression !== undefined) {
    plan.maxSliceRegression = parseMetricBar(maxSliceRegression, at("max-slice-regression"), {
      negative: false,
      example: '0.03 or "5%"',
    });
  }
  return plan;
}

function checkMetricName(name: string, problem: ProblemType, applicable: readonly MetricName[], where: Where): void {
  const list = applicable.join(", ");
  if (!isMetricName(name)) {
    const suggestion = closest(name, applicable) ?? closest(name, METRIC_NAMES);
    throw new InputError(
      `'${name}' is not an mlgate metric`,
      where,
      `${suggestion ? `did you mean '${suggestion}'? ` : ""}metrics for ${problem} problems: ${list}`,
    );
  }
  if (!applicable.includes(name)) {
    throw new InputError(
      `${name} does not apply to ${problem} problems (it is for ${METRICS[name].problems.join(", ")})`,
      where,
      `use one of the metrics for ${problem} problems: ${list}`,
    );
  }
}
