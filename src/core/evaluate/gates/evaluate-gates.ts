/**
 * Applies the gates to what evaluate-against-champion measured: a pure function from the plan and
 * the facts to a decision and one outcome per gate, each with the numbers it compared and a
 * sentence for the PR comment. No I/O.
 *
 * Outcome text holds slice column names and values as they came from the data: the report that
 * renders it escapes them.
 */
import { isImprovement, METRICS, type MetricName, type ProblemType } from "../metrics/registry.js";
import { formatBytes, formatMs, formatPercent, formatSigned, formatValue, METRIC_LABELS, sentence } from "./format.js";
import { checkGates, type GatePlan, type GatesConfig, type MetricGatePlan, MIN_SLICE_ROWS } from "./gates-config.js";
import { type Bar, resolveBar } from "./quantities.js";

/** One metric as measured on the holdout rows. */
export interface MetricFacts {
  name: MetricName;
  /** NaN when undefined on this data. */
  challenger: number;
  /** Absent on the first run. */
  champion?: number;
  /** Challenger − champion, with the bootstrap interval when the bootstrap ran. */
  delta?: { value: number; low?: number; high?: number };
  /** The prior / mean predictor's value. */
  baseline?: number;
}

/** The metrics of the rows where `column` is `value`. */
export interface SliceFacts {
  column: string;
  value: string;
  rows: number;
  metrics: Partial<Record<MetricName, { challenger: number; champion?: number }>>;
}

export interface OperationalFacts {
  challengerBytes: number;
  championBytes?: number;
  /** The 95th percentile of the time per inference batch, measured in the same run for both models. */
  challengerLatencyP95Ms: number;
  championLatencyP95Ms?: number;
  challengerLoadMs: number;
  championLoadMs?: number;
}

export interface GateFacts {
  problem: ProblemType;
  metrics: MetricFacts[];
  slices: SliceFacts[];
  operational: OperationalFacts;
  /** Whether there is a champion: false on the first run. */
  champion: boolean;
  /** The bootstrap intervals' confidence level, e.g. 0.95. */
  confidence: number;
}

export type GateStatus = "pass" | "fail" | "skipped";

export interface GateOutcome {
  /**
   * A stable id: `roc_auc.min`, `roc_auc.max`, `roc_auc.min-improvement`, `roc_auc.max-regression`,
   * `slice:region=west:accuracy.max-slice-regression`, `model-size`, `latency-p95`,
   * `latency-regression`, `loads`, `baseline`.
   */
  gate: string;
  metric?: MetricName;
  slice?: { column: string; value: string };
  status: GateStatus;
  /**
   * The number compared with the bar: the metric's value (min, max, baseline), its improvement over
   * the champion (min-improvement; the interval's worse end with require-significance), its
   * regression (max-regression, slices), bytes, milliseconds (latency p95 and its rise, load time).
   * NaN when nothing could be compared.
   */
  observed: number;
  /** The threshold, relative bars resolved against the champion's value; NaN when there is none (loads). */
  bar: number;
  /** One sentence with the numbers, for a person reading the PR comment. */
  text: string;
  /** Why the gate was skipped or failed. */
  reason?: string;
}

export interface GateResult {
  decision: "promote" | "reject";
  outcomes: GateOutcome[];
  /** No champion: only the absolute gates applied. */
  firstRun: boolean;
}

/** The reason of every champion-relative gate on the first run. */
export const NO_CHAMPION = "no champion: first run, absolute gates only";

/**
 * Slack for comparisons against a bar, relative to the numbers compared: a delta that equals its bar
 * up to floating-point rounding (0.7575 − 0.75 = 0.00749999… against 1% of 0.75) passes. The baseline
 * gate is strict.
 */
const TOLERANCE = 1e-12;

/** Checks `gates:` (without line numbers: call {@link checkGates} with `Config.locate` first) and applies it. */
export function evaluateGates(config: GatesConfig | undefined, facts: GateFacts): GateResult {
  return applyGates(checkGates(config, facts.problem), facts);
}

/** Applies a checked plan to the facts: `reject` when any gate fails. */
export function applyGates(plan: GatePlan, facts: GateFacts): GateResult {
  if (plan.problem !== facts.problem) {
    throw new Error(`the gates were checked for ${plan.problem} problems, the facts are for ${facts.problem}`);
  }
  const context: Context = { facts, firstRun: !facts.champion, byName: new Map(facts.metrics.map((m) => [m.name, m])) };
  const outcomes: GateOutcome[] = [loadsGate(facts), baselineGate(plan, context)];
  for (const metric of plan.metrics) outcomes.push(...metricGates(metric, context));
  for (const slice of facts.slices) {
    for (const metric of plan.metrics) {
      if (metric.maxSliceRegression) outcomes.push(sliceGate(slice, metric.metric, metric.maxSliceRegression, context));
    }
  }
  if (plan.maxModelBytes !== undefined) outcomes.push(modelSizeGate(plan.maxModelBytes, facts.operational));
  if (plan.maxLatencyP95Ms !== undefined) outcomes.push(latencyGate(plan.maxLatencyP95Ms, facts.operational));
  if (plan.maxLatencyRegression) outcomes.push(latencyRegressionGate(plan.maxLatencyRegression, context));
  const decision = outcomes.some((outcome) => outcome.status === "fail") ? "reject" : "promote";
  return { decision, outcomes, firstRun: context.firstRun };
}

interface Context {
  facts: GateFacts;
  firstRun: boolean;
  byName: ReadonlyMap<MetricName, MetricFacts>;
}

/** `scale`: the magnitude of the values a difference was taken from (its rounding grows with them). */
function atLeast(value: number, bar: number, scale = 0): boolean {
  return value >= bar - TOLERANCE * Math.max(1, Math.abs(value), Math.abs(bar), Math.abs(scale));
}

function atMost(value: number, bar: number, scale = 0): boolean {
  return atLeast(-value, -bar, scale);
}

/** +1 when higher is better, −1 when lower is: improvement = sign × (challenger − champion). */
function sign(metric: MetricName): 1 | -1 {
  return METRICS[metric].direction === "higher" ? 1 : -1;
}

function label(metric: MetricName): string {
  return METRIC_LABELS[metric];
}

function undefinedOnData(who: "challenger" | "champion", metric: MetricName, where = "this data"): string {
  return `undefined on ${where}: the ${who}'s ${label(metric)} is NaN${NAN_HINTS[metric] ?? ""}`;
}

/** Why a metric is typically undefined, where there is one usual cause. */
const NAN_HINTS: Partial<Record<MetricName, string>> = {
  roc_auc: " (the labels hold one class only)",
  average_precision: " (no positive labels)",
};

/** Also used when the facts lack a number: a gate must not pass on a missing measurement. */
function fail(gate: string, reason: string, extra: Partial<GateOutcome> = {}): GateOutcome {
  return unmeasured("fail", gate, reason, extra);
}

function skip(gate: string, reason: string, extra: Partial<GateOutcome> = {}): GateOutcome {
  return unmeasured("skipped", gate, reason, extra);
}

function unmeasured(
  status: "fail" | "skipped",
  gate: string,
  reason: string,
  extra: Partial<GateOutcome>,
): GateOutcome {
  const verb = status === "fail" ? "failed" : "skipped";
  return { gate, status, observed: Number.NaN, bar: Number.NaN, text: `${gate} ${verb}: ${reason}`, reason, ...extra };
}

function loadsGate(facts: GateFacts): GateOutcome {
  const { challengerLoadMs, championLoadMs } = facts.operational;
  const text =
    facts.champion && championLoadMs !== undefined
      ? `Both models loaded (challenger in ${formatMs(challengerLoadMs)}, champion in ${formatMs(championLoadMs)})`
      : `The challenger loaded in ${formatMs(challengerLoadMs)}`;
  return { gate: "loads", status: "pass", observed: challengerLoadMs, bar: Number.NaN, text };
}

function baselineGate(plan: GatePlan, context: Context): GateOutcome {
  const metric = plan.primary;
  const gate = "baseline";
  if (!plan.baseline) return skip(gate, "baseline: false in mlgate.yml", { metric });
  const predictor = plan.problem === "regression" ? "mean predictor" : "class-prior predictor";
  const facts = context.byName.get(metric);
  if (!facts) return fail(gate, `${label(metric)} was not measured`, { metric });
  if (Number.isNaN(facts.challenger)) return fail(gate, undefinedOnData("challenger", metric), { metric });
  if (facts.baseline === undefined || Number.isNaN(facts.baseline)) {
    return fail(gate, `the ${predictor}'s ${label(metric)} was not measured`, { metric, observed: facts.challenger });
  }
  const pass = isImprovement(metric, facts.challenger, facts.baseline);
  const value = formatValue(facts.challenger);
  const baseline = formatValue(facts.baseline);
  const outcome: GateOutcome = {
    gate,
    metric,
    status: pass ? "pass" : "fail",
    observed: facts.challenger,
    bar: facts.baseline,
    text: pass
      ? sentence(`${label(metric)} ${value} beats the ${predictor}'s ${baseline}`)
      : sentence(`${label(metric)} ${value} does not beat the ${predictor}'s ${baseline}`),
  };
  if (!pass) outcome.reason = `not better than the ${predictor}`;
  return outcome;
}

function metricGates(plan: MetricGatePlan, context: Context): GateOutcome[] {
  const outcomes: GateOutcome[] = [];
  const { metric } = plan;
  if (plan.min !== undefined) outcomes.push(boundGate(metric, "min", plan.min, context));
  if (plan.max !== undefined) outcomes.push(boundGate(metric, "max", plan.max, context));
  if (plan.minImprovement) outcomes.push(minImprovementGate(plan, plan.minImprovement, context));
  if (plan.maxRegression) outcomes.push(maxRegressionGate(metric, plan.maxRegression, context));
  return outcomes;
}

function boundGate(metric: MetricName, bound: "min" | "max", bar: number, context: Context): GateOutcome {
  const gate = `${metric}.${bound}`;
  const facts = context.byName.get(metric);
  if (!facts) return fail(gate, `${label(metric)} was not measured`, { metric, bar });
  if (Number.isNaN(facts.challenger)) return fail(gate, undefinedOnData("challenger", metric), { metric, bar });
  const pass = bound === "min" ? atLeast(facts.challenger, bar) : atMost(facts.challenger, bar);
  const value = formatValue(facts.challenger);
  const limit = formatValue(bar);
  const phrase =
    bound === "min"
      ? pass
        ? `at least the minimum ${limit}`
        : `below the minimum ${limit}`
      : pass
        ? `at most the maximum ${limit}`
        : `above the maximum ${limit}`;
  const outcome: GateOutcome = {
    gate,
    metric,
    status: pass ? "pass" : "fail",
    observed: facts.challenger,
    bar,
    text: sentence(`${label(metric)} is ${value}, ${phrase}`),
  };
  if (!pass) outcome.reason = bound === "min" ? "below the minimum" : "above the maximum";
  return outcome;
}

/** The metric's facts with a champion to compare against, or the outcome that ends the gate. */
function championRelative(
  gate: string,
  metric: MetricName,
  bar: Bar,
  context: Context,
): { facts: MetricFacts; champion: number; improvement: number; bar: number } | GateOutcome {
  const absoluteBar = bar.kind === "absolute" ? bar.value : Number.NaN;
  if (context.firstRun) return skip(gate, NO_CHAMPION, { metric, bar: absoluteBar });
  const facts = context.byName.get(metric);
  if (!facts) return fail(gate, `${label(metric)} was not measured`, { metric, bar: absoluteBar });
  if (Number.isNaN(facts.challenger))
    return fail(gate, undefinedOnData("challenger", metric), { metric, bar: absoluteBar });
  if (facts.champion === undefined) {
    return fail(gate, `the champion's ${label(metric)} was not measured`, { metric, bar: absoluteBar });
  }
  if (Number.isNaN(facts.champion))
    return fail(gate, undefinedOnData("champion", metric), { metric, bar: absoluteBar });
  const delta = facts.delta?.value ?? facts.challenger - facts.champion;
  return { facts, champion: facts.champion, improvement: sign(metric) * delta, bar: resolveBar(bar, facts.champion) };
}

/** `0.0050`, with where it came from when it is relative (`0.0050 (1% of the champion's 0.5000)`). */
function barText(bar: Bar, resolved: number, champion: string, unit: (value: number) => string = formatValue): string {
  const amount = unit(resolved);
  return bar.kind === "relative" ? `${amount} (${formatPercent(bar.fraction)} of the champion's ${champion})` : amount;
}

/** `improved by +0.0123` or `worsened by 0.0020`. */
function movement(improvement: number): string {
  return improvement >= 0 ? `improved by ${formatSigned(improvement)}` : `worsened by ${formatValue(-improvement)}`;
}

function minImprovementGate(plan: MetricGatePlan, bar: Bar, context: Context): GateOutcome {
  const { metric } = plan;
  const gate = `${metric}.min-improvement`;
  const relative = championRelative(gate, metric, bar, context);
  if ("gate" in relative) return relative;
  const { facts, champion, improvement } = relative;
  const values = `${formatValue(champion)} → ${formatValue(facts.challenger)}`;
  const confidence = formatPercent(context.facts.confidence);
  const interval = improvementInterval(metric, facts.delta);
  const intervalText = interval
    ? `, ${confidence} interval${improvement >= 0 ? "" : " of the improvement"} ${formatSigned(interval[0])} … ${formatSigned(interval[1])}`
    : "";
  const head = sentence(`${label(metric)} ${movement(improvement)} (${values}${intervalText})`);
  // "the 0.0160 bar (2% of the champion's 0.8000)"
  let shown = `${formatValue(relative.bar)} bar`;
  if (bar.kind === "relative") shown += ` (${formatPercent(bar.fraction)} of the champion's ${formatValue(champion)})`;
  if (plan.minImprovementDefault) shown += " (the default for the primary metric: at least as good as the champion)";

  if (!plan.requireSignificance) {
    const pass = atLeast(improvement, relative.bar, champion);
    const outcome: GateOutcome = {
      gate,
      metric,
      status: pass ? "pass" : "fail",
      observed: improvement,
      bar: relative.bar,
      text: `${head}, ${pass ? "clearing" : "short of"} the ${shown}`,
    };
    if (!pass) outcome.reason = "improvement below the bar";
    return outcome;
  }
  if (!interval) {
    const reason = "significance required but there is no bootstrap interval: the bootstrap was off (bootstrap: 0)";
    return {
      gate,
      metric,
      status: "fail",
      observed: improvement,
      bar: relative.bar,
      text: `${head}, but significance is required and there is no bootstrap interval (the bootstrap was off)`,
      reason,
    };
  }
  const worst = interval[0];
  const pass = atLeast(worst, relative.bar, champion);
  const outcome: GateOutcome = {
    gate,
    metric,
    status: pass ? "pass" : "fail",
    observed: worst,
    bar: relative.bar,
    text: `${head}; the interval's worse end, ${formatSigned(worst)}, ${pass ? "clears" : "does not clear"} the ${shown}`,
  };
  if (!pass) outcome.reason = "the interval's worse end is below the bar: the improvement is not significant";
  return outcome;
}

/** The bootstrap interval of the improvement (direction-adjusted, worse end first), when there is one. */
function improvementInterval(metric: MetricName, delta: MetricFacts["delta"]): [number, number] | undefined {
  const low = delta?.low;
  const high = delta?.high;
  if (low === undefined || high === undefined || !Number.isFinite(low) || !Number.isFinite(high)) return undefined;
  return sign(metric) === 1 ? [low, high] : [-high, -low];
}

function maxRegressionGate(metric: MetricName, bar: Bar, context: Context): GateOutcome {
  const gate = `${metric}.max-regression`;
  const relative = championRelative(gate, metric, bar, context);
  if ("gate" in relative) return relative;
  const { facts, champion, improvement } = relative;
  const regression = -improvement;
  const pass = atMost(regression, relative.bar, champion);
  const values = `${formatValue(champion)} → ${formatValue(facts.challenger)}`;
  const allowed = barText(bar, relative.bar, formatValue(champion));
  const verdict = pass ? `within the allowed ${allowed}` : `more than the allowed ${allowed}`;
  const outcome: GateOutcome = {
    gate,
    metric,
    status: pass ? "pass" : "fail",
    observed: regression,
    bar: relative.bar,
    text: sentence(`${label(metric)} ${movement(improvement)} (${values}), ${verdict}`),
  };
  if (!pass) outcome.reason = "regression above the allowed";
  return outcome;
}

function sliceGate(slice: SliceFacts, metric: MetricName, bar: Bar, context: Context): GateOutcome {
  const gate = `slice:${slice.column}=${slice.value}:${metric}.max-slice-regression`;
  const about = { metric, slice: { column: slice.column, value: slice.value } };
  const absoluteBar = bar.kind === "absolute" ? bar.value : Number.NaN;
  const where = `the slice ${slice.column} = ${slice.value}`;
  if (context.firstRun) return skip(gate, NO_CHAMPION, { ...about, bar: absoluteBar });
  if (slice.rows < MIN_SLICE_ROWS) {
    const reason = `${slice.rows} rows: slices with fewer than ${MIN_SLICE_ROWS} rows are not gated`;
    return skip(gate, reason, { ...about, bar: absoluteBar });
  }
  const values = slice.metrics[metric];
  if (!values) return fail(gate, `${label(metric)} was not measured on ${where}`, { ...about, bar: absoluteBar });
  const { challenger, champion } = values;
  if (Number.isNaN(challenger) && champion !== undefined && Number.isNaN(champion)) {
    const reason = `undefined on ${where} for both models${NAN_HINTS[metric] ?? ""}`;
    return skip(gate, reason, { ...about, bar: absoluteBar });
  }
  if (Number.isNaN(challenger))
    return fail(gate, undefinedOnData("challenger", metric, where), { ...about, bar: absoluteBar });
  if (champion === undefined) {
    return fail(gate, `the champion's ${label(metric)} was not measured on ${where}`, { ...about, bar: absoluteBar });
  }
  if (Number.isNaN(champion))
    return fail(gate, undefinedOnData("champion", metric, where), { ...about, bar: absoluteBar });
  const improvement = sign(metric) * (challenger - champion);
  const regression = -improvement;
  const resolved = resolveBar(bar, champion);
  const pass = atMost(regression, resolved, champion);
  const allowed = barText(bar, resolved, formatValue(champion));
  const verdict = pass ? `within the allowed ${allowed}` : `more than the allowed ${allowed}`;
  const shown = `${formatValue(champion)} → ${formatValue(challenger)}, ${slice.rows} rows`;
  const outcome: GateOutcome = {
    gate,
    ...about,
    status: pass ? "pass" : "fail",
    observed: regression,
    bar: resolved,
    text: `In ${slice.column} = ${slice.value}, ${label(metric)} ${movement(improvement)} (${shown}), ${verdict}`,
  };
  if (!pass) outcome.reason = "slice regression above the allowed";
  return outcome;
}

function modelSizeGate(maxBytes: number, operational: OperationalFacts): GateOutcome {
  const { challengerBytes, championBytes } = operational;
  const pass = challengerBytes <= maxBytes;
  const champion = championBytes === undefined ? "" : ` (champion: ${formatBytes(championBytes)})`;
  const verdict = `${pass ? "within" : "over"} the ${formatBytes(maxBytes)} limit`;
  const outcome: GateOutcome = {
    gate: "model-size",
    status: pass ? "pass" : "fail",
    observed: challengerBytes,
    bar: maxBytes,
    text: `The challenger's model file is ${formatBytes(challengerBytes)}${champion}, ${verdict}`,
  };
  if (!pass) outcome.reason = "model file over the size limit";
  return outcome;
}

function latencyGate(maxMs: number, operational: OperationalFacts): GateOutcome {
  const { challengerLatencyP95Ms: observed, championLatencyP95Ms } = operational;
  if (Number.isNaN(observed)) return fail("latency-p95", "the challenger's latency was not measured", { bar: maxMs });
  const pass = observed <= maxMs;
  const champion = championLatencyP95Ms === undefined ? "" : ` (champion: ${formatMs(championLatencyP95Ms)})`;
  const verdict = `${pass ? "within" : "over"} the ${formatMs(maxMs)} limit`;
  const outcome: GateOutcome = {
    gate: "latency-p95",
    status: pass ? "pass" : "fail",
    observed,
    bar: maxMs,
    text: `The challenger's p95 latency per batch is ${formatMs(observed)}${champion}, ${verdict}`,
  };
  if (!pass) outcome.reason = "p95 latency over the limit";
  return outcome;
}

function latencyRegressionGate(bar: Bar, context: Context): GateOutcome {
  const gate = "latency-regression";
  const absoluteBar = bar.kind === "absolute" ? bar.value : Number.NaN;
  if (context.firstRun) return skip(gate, NO_CHAMPION, { bar: absoluteBar });
  const { challengerLatencyP95Ms: challenger, championLatencyP95Ms: champion } = context.facts.operational;
  if (Number.isNaN(challenger)) return fail(gate, "the challenger's latency was not measured", { bar: absoluteBar });
  if (champion === undefined || Number.isNaN(champion)) {
    return fail(gate, "the champion's latency was not measured", { bar: absoluteBar });
  }
  const rise = challenger - champion;
  const resolved = resolveBar(bar, champion);
  const pass = atMost(rise, resolved, champion);
  const change = rise >= 0 ? `rose by ${formatMs(rise)}` : `fell by ${formatMs(-rise)}`;
  const allowed = barText(bar, resolved, formatMs(champion), formatMs);
  const outcome: GateOutcome = {
    gate,
    status: pass ? "pass" : "fail",
    observed: rise,
    bar: resolved,
    text: `The p95 latency per batch ${change} (${formatMs(champion)} → ${formatMs(challenger)}), ${pass ? "within" : "more than"} the allowed ${allowed}`,
  };
  if (!pass) outcome.reason = "p95 latency rose more than allowed";
  return outcome;
}
