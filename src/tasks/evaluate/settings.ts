/** evaluate-against-champion's inputs, checked before anything is read: one clear line per mistake. */
import { closest } from "../../core/config/closest.js";
import { InputError } from "../../core/errors.js";
import type { GatePlan } from "../../core/evaluate/gates/index.js";
import {
  isMetricName,
  METRIC_NAMES,
  type MetricName,
  metricsFor,
  type ProblemType,
} from "../../core/evaluate/metrics/index.js";
import type { Inputs } from "../spec.js";

export interface EvaluateSettings {
  problem?: ProblemType;
  metrics?: readonly string[];
  threshold: number;
  slices: string[];
  features?: string[];
  confidence: number;
  replicates: number;
  seed: number;
  batchSize: number;
  reportOut: string;
  reportJsonOut: string;
}

export function checkedSettings(inputs: Inputs): EvaluateSettings {
  const threshold = inputs.threshold as number;
  if (!(threshold > 0 && threshold < 1)) {
    throw new InputError(`threshold ${threshold} is not a probability`, { key: "threshold" }, "use e.g. 0.5");
  }
  const confidence = inputs.confidence as number;
  if (!(confidence > 0 && confidence < 1)) {
    throw new InputError(`confidence ${confidence} is not between 0 and 1`, { key: "confidence" }, "use e.g. 0.95");
  }
  const replicates = inputs.bootstrap as number;
  if (!(replicates >= 0 && replicates <= 100_000)) {
    throw new InputError(
      `bootstrap ${replicates} is out of range`,
      { key: "bootstrap" },
      "use 0 (off) to 100000; 1000 is plenty",
    );
  }
  const batchSize = inputs["batch-size"] as number;
  if (!(batchSize >= 1)) {
    throw new InputError(`batch-size ${batchSize} is not a row count`, { key: "batch-size" }, "use e.g. 10000");
  }
  const label = inputs.label as string;
  const slices = [...((inputs.slices as readonly string[] | undefined) ?? [])];
  if (slices.includes(label)) {
    throw new InputError(`'${label}' is the label`, { key: "slices" }, "slice by other columns");
  }
  const features = inputs.features as readonly string[] | undefined;
  if (features?.includes(label)) {
    throw new InputError(`'${label}' is the label`, { key: "features" }, "leave the label out of the features");
  }
  return {
    ...(inputs.problem ? { problem: inputs.problem as ProblemType } : {}),
    ...(inputs.metrics && (inputs.metrics as readonly string[]).length > 0
      ? { metrics: inputs.metrics as readonly string[] }
      : {}),
    threshold,
    slices,
    ...(features && features.length > 0 ? { features: [...features] } : {}),
    confidence,
    replicates,
    seed: inputs.seed as number,
    batchSize,
    reportOut: inputs["report-out"] as string,
    reportJsonOut: inputs["report-json-out"] as string,
  };
}

/** The metrics to compute: those asked for (default: all of the problem's) and every gated one, in registry order. */
export function checkedMetrics(
  requested: readonly string[] | undefined,
  problem: ProblemType,
  plan: GatePlan,
): MetricName[] {
  const applicable = metricsFor(problem);
  for (const name of requested ?? []) {
    if (isMetricName(name) && applicable.includes(name)) continue;
    const guess = closest(name, applicable);
    throw new InputError(
      isMetricName(name) ? `metric '${name}' does not apply to a ${problem} problem` : `unknown metric '${name}'`,
      { key: "metrics" },
      `${guess ? `did you mean '${guess}'? ` : ""}choose from ${applicable.join(", ")}`,
    );
  }
  const wanted = new Set<string>([
    ...(requested ?? applicable),
    plan.primary,
    ...plan.metrics.map((gate) => gate.metric),
  ]);
  return METRIC_NAMES.filter((name) => wanted.has(name));
}
