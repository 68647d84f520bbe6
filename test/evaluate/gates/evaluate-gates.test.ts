import { describe, expect, it } from "vitest";
import { InputError } from "../../../src/core/errors.js";
import {
  applyGates,
  checkGates,
  evaluateGates,
  type GateFacts,
  type GateOutcome,
  type GatesConfig,
  type MetricFacts,
  MIN_SLICE_ROWS,
  NO_CHAMPION,
  type SliceFacts,
} from "../../../src/core/evaluate/gates/index.js";
import type { ProblemType } from "../../../src/core/evaluate/metrics/registry.js";

const operational = {
  challengerBytes: 12_300_000,
  championBytes: 11_900_000,
  challengerLatencyP95Ms: 120,
  championLatencyP95Ms: 100,
  challengerLoadMs: 80,
  championLoadMs: 75,
};

/** A binary evaluation with a champion: ROC AUC 0.8000 → 0.8123, baseline 0.5. */
function facts(overrides: Partial<GateFacts> = {}): GateFacts {
  return {
    problem: "binary",
    metrics: [
      { name: "roc_auc", challenger: 0.8123, champion: 0.8, delta: { value: 0.0123 }, baseline: 0.5 },
      { name: "log_loss", challenger: 0.3, champion: 0.31, delta: { value: -0.01 }, baseline: 0.69 },
      { name: "accuracy", challenger: 0.9, champion: 0.88, delta: { value: 0.02 }, baseline: 0.7 },
    ],
    slices: [],
    operational,
    champion: true,
    confidence: 0.95,
    ...overrides,
  };
}

function firstRun(base: GateFacts = facts()): GateFacts {
  return {
    ...base,
    champion: false,
    metrics: base.metrics.map(({ name, challenger, baseline }) => ({ name, challenger, baseline })),
    slices: base.slices.map((slice) => ({
      ...slice,
      metrics: Object.fromEntries(
        Object.entries(slice.metrics).map(([name, m]) => [name, { challenger: m?.challenger }]),
      ),
    })),
    operational: { challengerBytes: 12_300_000, challengerLatencyP95Ms: 120, challengerLoadMs: 80 },
  };
}

function withMetric(base: GateFacts, metric: MetricFacts): GateFacts {
  return { ...base, metrics: [...base.metrics.filter((m) => m.name !== metric.name), metric] };
}

function outcome(outcomes: GateOutcome[], gate: string): GateOutcome {
  const found = outcomes.find((candidate) => candidate.gate === gate);
  if (!found) throw new Error(`no outcome ${gate} in ${outcomes.map((o) => o.gate).join(", ")}`);
  return found;
}

function gate(config: GatesConfig | undefined, given: GateFacts, id: string): GateOutcome {
  return outcome(evaluateGates(config, given).outcomes, id);
}

describe("evaluateGates: defaults", () => {
  it("without gates: loads, baseline and the primary metric at least as good as the champion", () => {
    const result = evaluateGates(undefined, facts());
    expect(result.decision).toBe("promote");
    expect(result.firstRun).toBe(false);
    expect(result.outcomes.map((o) => [o.gate, o.status])).toEqual([
      ["loads", "pass"],
      ["baseline", "pass"],
      ["roc_auc.min-improvement", "pass"],
    ]);
    expect(outcome(result.outcomes, "roc_auc.min-improvement")).toEqual({
      gate: "roc_auc.min-improvement",
      metric: "roc_auc",
      status: "pass",
      observed: 0.0123,
      bar: 0,
      text: "ROC AUC improved by +0.0123 (0.8000 → 0.8123), clearing the 0.0000 bar (the default for the primary metric: at least as good as the champion)",
    });
  });

  it("promotes a challenger exactly as good as the champion, rejects a worse one", () => {
    const equal = withMetric(facts(), {
      name: "roc_auc",
      challenger: 0.8,
      champion: 0.8,
      delta: { value: 0 },
      baseline: 0.5,
    });
    expect(evaluateGates(undefined, equal).decision).toBe("promote");
    const worse = withMetric(facts(), {
      name: "roc_auc",
      challenger: 0.798,
      champion: 0.8,
      delta: { value: -0.002 },
      baseline: 0.5,
    });
    const result = evaluateGates(undefined, worse);
    expect(result.decision).toBe("reject");
    const failed = outcome(result.outcomes, "roc_auc.min-improvement");
    expect(failed).toMatchObject({ status: "fail", observed: -0.002, bar: 0, reason: "improvement below the bar" });
    expect(failed.text).toMatch(
      /^ROC AUC worsened by 0\.0020 \(0\.8000 → 0\.7980\), short of the 0\.0000 bar \(the default/,
    );
  });

  it("uses the problem's primary metric: log loss (lower is better) for multiclass, RMSE for regression", () => {
    const multiclass: GateFacts = {
      ...facts(),
      problem: "multiclass",
      metrics: [{ name: "log_loss", challenger: 0.5, champion: 0.55, delta: { value: -0.05 }, baseline: 1.1 }],
    };
    const result = evaluateGates({}, multiclass);
    expect(result.decision).toBe("promote");
    expect(outcome(result.outcomes, "log_loss.min-improvement")).toMatchObject({ status: "pass", observed: 0.05 });
    expect(outcome(result.outcomes, "baseline")).toMatchObject({
      metric: "log_loss",
      status: "pass",
      text: "Log loss 0.5000 beats the class-prior predictor's 1.1000",
    });
    const regression: GateFacts = {
      ...facts(),
      problem: "regression",
      metrics: [{ name: "rmse", challenger: 12.5, champion: 12, delta: { value: 0.5 }, baseline: 20 }],
    };
    const rejected = evaluateGates(undefined, regression);
    expect(rejected.decision).toBe("reject");
    expect(outcome(rejected.outcomes, "rmse.min-improvement")).toMatchObject({ status: "fail", observed: -0.5 });
    expect(outcome(rejected.outcomes, "baseline").text).toBe("RMSE 12.5000 beats the mean predictor's 20.0000");
  });

  it("keeps the primary metric's default gate when gates.metrics guards other metrics", () => {
    const worse = withMetric(facts(), { name: "roc_auc", challenger: 0.79, champion: 0.8, baseline: 0.5 });
    const result = evaluateGates({ metrics: { log_loss: { "max-regression": "2%" } } }, worse);
    expect(result.outcomes.map((o) => o.gate)).toEqual([
      "loads",
      "baseline",
      "roc_auc.min-improvement",
      "log_loss.max-regression",
    ]);
    expect(result.decision).toBe("reject");
  });
});

describe("evaluateGates: min-improvement", () => {
  it("writes the interval and the bar, in the brief's form", () => {
    const given = withMetric(facts(), {
      name: "roc_auc",
      challenger: 0.8123,
      champion: 0.8,
      delta: { value: 0.0123, low: 0.0051, high: 0.019 },
      baseline: 0.5,
    });
    expect(gate({ metrics: { roc_auc: { "min-improvement": 0.005 } } }, given, "roc_auc.min-improvement")).toEqual({
      gate: "roc_auc.min-improvement",
      metric: "roc_auc",
      status: "pass",
      observed: 0.0123,
      bar: 0.005,
      text: "ROC AUC improved by +0.0123 (0.8000 → 0.8123, 95% interval +0.0051 … +0.0190), clearing the 0.0050 bar",
    });
  });

  it("resolves a relative bar against the champion's value", () => {
    const result = gate({ metrics: { roc_auc: { "min-improvement": "2%" } } }, facts(), "roc_auc.min-improvement");
    expect(result).toMatchObject({ status: "fail", observed: 0.0123 });
    expect(result.bar).toBeCloseTo(0.016, 15);
    expect(result.text).toBe(
      "ROC AUC improved by +0.0123 (0.8000 → 0.8123), short of the 0.0160 bar (2% of the champion's 0.8000)",
    );
    expect(gate({ metrics: { roc_auc: { "min-improvement": "1%" } } }, facts(), "roc_auc.min-improvement").status).toBe(
      "pass",
    );
  });

  it("passes a delta equal to a relative bar up to rounding", () => {
    const exact = withMetric(facts(), { name: "accuracy", challenger: 0.7575, champion: 0.75, baseline: 0.5 });
    // 0.7575 − 0.75 = 0.007499999999999951 and 1% of 0.75 = 0.0075; 0.807 − 0.8 is short by far more than rounding
    expect(0.7575 - 0.75).toBeLessThan(0.0075);
    expect(gate({ metrics: { accuracy: { "min-improvement": "1%" } } }, exact, "accuracy.min-improvement").status).toBe(
      "pass",
    );
    const lower = withMetric(facts(), { name: "log_loss", challenger: 0.3 - 0.003, champion: 0.3, baseline: 0.69 });
    expect(
      gate({ metrics: { log_loss: { "min-improvement": "1%" } } }, lower, "log_loss.min-improvement"),
    ).toMatchObject({ status: "pass" });
    // an absolute bar on a large metric: 98765.4 + 0.1 − 98765.4 = 0.10000000000582077
    const regression: GateFacts = {
      ...facts(),
      problem: "regression",
      metrics: [{ name: "rmse", challenger: 98765.4 + 0.1, champion: 98765.4, baseline: 200000 }],
    };
    expect(98765.4 + 0.1 - 98765.4 - 0.1).toBeGreaterThan(1e-12);
    expect(gate({ metrics: { rmse: { "max-regression": 0.1 } } }, regression, "rmse.max-regression").status).toBe(
      "pass",
    );
    const short = withMetric(facts(), { name: "accuracy", challenger: 0.807, champion: 0.8, baseline: 0.5 });
    expect(gate({ metrics: { accuracy: { "min-improvement": "1%" } } }, short, "accuracy.min-improvement").status).toBe(
      "fail",
    );
  });

  it("is direction-aware: a lower-is-better metric improves when its delta is negative", () => {
    const config: GatesConfig = { metrics: { log_loss: { "min-improvement": 0.005 } } };
    const better = gate(config, facts(), "log_loss.min-improvement");
    expect(better).toMatchObject({ status: "pass", observed: 0.01, bar: 0.005 });
    expect(better.text).toBe("Log loss improved by +0.0100 (0.3100 → 0.3000), clearing the 0.0050 bar");
    const worse = withMetric(facts(), { name: "log_loss", challenger: 0.32, champion: 0.31, delta: { value: 0.01 } });
    const failed = gate(config, worse, "log_loss.min-improvement");
    expect(failed).toMatchObject({ status: "fail", observed: -0.01 });
    expect(failed.text).toBe("Log loss worsened by 0.0100 (0.3100 → 0.3200), short of the 0.0050 bar");
  });

  it("takes the delta from the facts (the bootstrap's point estimate) over challenger − champion", () => {
    const given = withMetric(facts(), { name: "roc_auc", challenger: 0.81, champion: 0.8, delta: { value: 0.004 } });
    expect(
      gate({ metrics: { roc_auc: { "min-improvement": 0.005 } } }, given, "roc_auc.min-improvement"),
    ).toMatchObject({ status: "fail", observed: 0.004 });
  });

  it("accepts a negative bar as a non-inferiority margin", () => {
    const worse = withMetric(facts(), { name: "roc_auc", challenger: 0.795, champion: 0.8, baseline: 0.5 });
    const config: GatesConfig = { metrics: { roc_auc: { "min-improvement": -0.01 } } };
    expect(gate(config, worse, "roc_auc.min-improvement")).toMatchObject({ status: "pass", bar: -0.01 });
  });
});

describe("evaluateGates: require-significance", () => {
  const significant: GatesConfig = { metrics: { roc_auc: { "min-improvement": 0.005, "require-significance": true } } };

  it("compares the interval's worse end with the bar", () => {
    const clear = withMetric(facts(), {
      name: "roc_auc",
      challenger: 0.8123,
      champion: 0.8,
      delta: { value: 0.0123, low: 0.0051, high: 0.019 },
    });
    expect(gate(significant, clear, "roc_auc.min-improvement")).toEqual({
      gate: "roc_auc.min-improvement",
      metric: "roc_auc",
      status: "pass",
      observed: 0.0051,
      bar: 0.005,
      text: "ROC AUC improved by +0.0123 (0.8000 → 0.8123, 95% interval +0.0051 … +0.0190); the interval's worse end, +0.0051, clears the 0.0050 bar",
    });
    const noisy = withMetric(facts(), {
      name: "roc_auc",
      challenger: 0.8123,
      champion: 0.8,
      delta: { value: 0.0123, low: -0.001, high: 0.025 },
    });
    const failed = gate(significant, noisy, "roc_auc.min-improvement");
    expect(failed).toMatchObject({ status: "fail", observed: -0.001, bar: 0.005 });
    expect(failed.reason).toMatch(/not significant/);
    expect(failed.text).toContain("the interval's worse end, -0.0010, does not clear the 0.0050 bar");
  });

  it("flips the interval of a lower-is-better metric: the worse end is −high", () => {
    const config: GatesConfig = { metrics: { log_loss: { "require-significance": true } } };
    const given = withMetric(facts(), {
      name: "log_loss",
      challenger: 0.3,
      champion: 0.31,
      delta: { value: -0.01, low: -0.018, high: -0.002 },
    });
    const passed = gate(config, given, "log_loss.min-improvement");
    expect(passed).toMatchObject({ status: "pass", observed: 0.002, bar: 0 });
    expect(passed.text).toContain("95% interval +0.0020 … +0.0180");
    const straddling = withMetric(facts(), {
      name: "log_loss",
      challenger: 0.3,
      champion: 0.31,
      delta: { value: -0.01, low: -0.02, high: 0.001 },
    });
    expect(gate(config, straddling, "log_loss.min-improvement")).toMatchObject({ status: "fail", observed: -0.001 });
  });

  it("fails without an interval, saying the bootstrap was off", () => {
    for (const delta of [{ value: 0.0123 }, { value: 0.0123, low: Number.NaN, high: Number.NaN }]) {
      const given = withMetric(facts(), { name: "roc_auc", challenger: 0.8123, champion: 0.8, delta });
      const failed = gate(significant, given, "roc_auc.min-improvement");
      expect(failed).toMatchObject({ status: "fail", observed: 0.0123, bar: 0.005 });
      expect(failed.reason).toMatch(/no bootstrap interval: the bootstrap was off/);
      expect(failed.text).toBe(
        "ROC AUC improved by +0.0123 (0.8000 → 0.8123), but significance is required and there is no bootstrap interval (the bootstrap was off)",
      );
    }
  });

  it("without require-significance, compares the point estimate even when the interval straddles the bar", () => {
    const noisy = withMetric(facts(), {
      name: "roc_auc",
      challenger: 0.8123,
      champion: 0.8,
      delta: { value: 0.0123, low: -0.001, high: 0.025 },
    });
    const config: GatesConfig = { metrics: { roc_auc: { "min-improvement": 0.005 } } };
    expect(gate(config, noisy, "roc_auc.min-improvement")).toMatchObject({ status: "pass", observed: 0.0123 });
  });

  it("writes the interval of a worse challenger as the interval of the improvement", () => {
    const worse = withMetric(facts(), {
      name: "roc_auc",
      challenger: 0.798,
      champion: 0.8,
      delta: { value: -0.002, low: -0.006, high: 0.001 },
    });
    expect(gate(undefined, worse, "roc_auc.min-improvement").text).toMatch(
      /^ROC AUC worsened by 0\.0020 \(0\.8000 → 0\.7980, 95% interval of the improvement -0\.0060 … \+0\.0010\)/,
    );
  });
});

describe("evaluateGates: max-regression", () => {
  it("passes a regression within an absolute bar, fails one beyond it (higher is better)", () => {
    const worse = withMetric(facts(), { name: "accuracy", challenger: 0.87, champion: 0.88 });
    const within = gate({ metrics: { accuracy: { "max-regression": 0.01 } } }, worse, "accuracy.max-regression");
    expect(within).toMatchObject({ status: "pass", observed: expect.closeTo(0.01, 12), bar: 0.01 });
    expect(within.text).toBe("Accuracy worsened by 0.0100 (0.8800 → 0.8700), within the allowed 0.0100");
    const beyond = gate({ metrics: { accuracy: { "max-regression": 0.005 } } }, worse, "accuracy.max-regression");
    expect(beyond).toMatchObject({ status: "fail", reason: "regression above the allowed" });
    expect(beyond.text).toBe("Accuracy worsened by 0.0100 (0.8800 → 0.8700), more than the allowed 0.0050");
  });

  it("resolves a relative bar against the champion, direction-aware (lower is better)", () => {
    const worse = withMetric(facts(), { name: "log_loss", challenger: 0.305, champion: 0.3, delta: { value: 0.005 } });
    const within = gate({ metrics: { log_loss: { "max-regression": "2%" } } }, worse, "log_loss.max-regression");
    expect(within).toMatchObject({ status: "pass", observed: 0.005 });
    expect(within.bar).toBeCloseTo(0.006, 15);
    expect(within.text).toBe(
      "Log loss worsened by 0.0050 (0.3000 → 0.3050), within the allowed 0.0060 (2% of the champion's 0.3000)",
    );
    const beyond = gate({ metrics: { log_loss: { "max-regression": "1%" } } }, worse, "log_loss.max-regression");
    expect(beyond.status).toBe("fail");
  });

  it("passes any improvement", () => {
    const passed = gate({ metrics: { log_loss: { "max-regression": 0 } } }, facts(), "log_loss.max-regression");
    expect(passed).toMatchObject({ status: "pass", observed: -0.01, bar: 0 });
    expect(passed.text).toBe("Log loss improved by +0.0100 (0.3100 → 0.3000), within the allowed 0.0000");
  });
});

describe("evaluateGates: min and max", () => {
  it("bounds the challenger's value", () => {
    const config: GatesConfig = { metrics: { roc_auc: { min: 0.75, max: 1 }, log_loss: { max: 0.25 } } };
    const result = evaluateGates(config, facts());
    expect(outcome(result.outcomes, "roc_auc.min")).toEqual({
      gate: "roc_auc.min",
      metric: "roc_auc",
      status: "pass",
      observed: 0.8123,
      bar: 0.75,
      text: "ROC AUC is 0.8123, at least the minimum 0.7500",
    });
    expect(outcome(result.outcomes, "roc_auc.max")).toMatchObject({
      status: "pass",
      text: "ROC AUC is 0.8123, at most the maximum 1.0000",
    });
    expect(outcome(result.outcomes, "log_loss.max")).toEqual({
      gate: "log_loss.max",
      metric: "log_loss",
      status: "fail",
      observed: 0.3,
      bar: 0.25,
      text: "Log loss is 0.3000, above the maximum 0.2500",
      reason: "above the maximum",
    });
    expect(result.decision).toBe("reject");
    const low = gate({ metrics: { roc_auc: { min: 0.9 } } }, facts(), "roc_auc.min");
    expect(low).toMatchObject({ status: "fail", reason: "below the minimum" });
    expect(low.text).toBe("ROC AUC is 0.8123, below the minimum 0.9000");
  });

  it("passes a value equal to its bound", () => {
    expect(gate({ metrics: { roc_auc: { min: 0.8123 } } }, facts(), "roc_auc.min").status).toBe("pass");
    expect(gate({ metrics: { roc_auc: { max: 0.8123 } } }, facts(), "roc_auc.max").status).toBe("pass");
  });

  it("orders a metric's gates min, max, min-improvement, max-regression", () => {
    const config: GatesConfig = {
      metrics: { roc_auc: { "max-regression": 0.01, "min-improvement": 0, max: 1, min: 0.5 } },
    };
    expect(evaluateGates(config, facts()).outcomes.map((o) => o.gate)).toEqual([
      "loads",
      "baseline",
      "roc_auc.min",
      "roc_auc.max",
      "roc_auc.min-improvement",
      "roc_auc.max-regression",
    ]);
  });
});

describe("evaluateGates: baseline and loads", () => {
  it("requires the challenger to be strictly better than the baseline on the primary metric", () => {
    const equal = withMetric(facts(), { name: "roc_auc", challenger: 0.5, champion: 0.5, baseline: 0.5 });
    const result = evaluateGates(undefined, equal);
    expect(outcome(result.outcomes, "baseline")).toEqual({
      gate: "baseline",
      metric: "roc_auc",
      status: "fail",
      observed: 0.5,
      bar: 0.5,
      text: "ROC AUC 0.5000 does not beat the class-prior predictor's 0.5000",
      reason: "not better than the class-prior predictor",
    });
    expect(result.decision).toBe("reject");
    expect(outcome(evaluateGates(undefined, facts()).outcomes, "baseline")).toMatchObject({
      status: "pass",
      observed: 0.8123,
      bar: 0.5,
      text: "ROC AUC 0.8123 beats the class-prior predictor's 0.5000",
    });
  });

  it("is direction-aware and follows gates.primary", () => {
    const config: GatesConfig = { primary: "log_loss" };
    expect(gate(config, facts(), "baseline")).toMatchObject({ metric: "log_loss", status: "pass", bar: 0.69 });
    const worse = withMetric(facts(), { name: "log_loss", challenger: 0.7, champion: 0.7, baseline: 0.69 });
    expect(gate(config, worse, "baseline").status).toBe("fail");
  });

  it("is skipped with baseline: false", () => {
    const equal = withMetric(facts(), { name: "roc_auc", challenger: 0.5, champion: 0.5, baseline: 0.5 });
    const result = evaluateGates({ baseline: false }, equal);
    expect(outcome(result.outcomes, "baseline")).toMatchObject({
      status: "skipped",
      reason: "baseline: false in mlgate.yml",
    });
    expect(result.decision).toBe("promote");
  });

  it("fails when the baseline's value is missing", () => {
    const missing = withMetric(facts(), { name: "roc_auc", challenger: 0.81, champion: 0.8 });
    expect(gate(undefined, missing, "baseline")).toMatchObject({
      status: "fail",
      reason: "the class-prior predictor's ROC AUC was not measured",
    });
  });

  it("loads always passes and reports the load times", () => {
    expect(gate(undefined, facts(), "loads")).toEqual({
      gate: "loads",
      status: "pass",
      observed: 80,
      bar: Number.NaN,
      text: "Both models loaded (challenger in 80.0 ms, champion in 75.0 ms)",
    });
    expect(gate(undefined, firstRun(), "loads").text).toBe("The challenger loaded in 80.0 ms");
  });
});

describe("evaluateGates: first run", () => {
  const config: GatesConfig = {
    metrics: {
      roc_auc: { min: 0.75, "min-improvement": "1%", "require-significance": true, "max-slice-regression": 0.03 },
      log_loss: { "max-regression": 0.01 },
    },
    "max-model-size": "50MB",
    "max-latency-p95": "250ms",
    "max-latency-regression": "20%",
  };
  const sliced = facts({
    slices: [{ column: "region", value: "west", rows: 400, metrics: { roc_auc: { challenger: 0.7, champion: 0.8 } } }],
  });

  it("skips every champion-relative gate and applies the absolute ones", () => {
    const result = evaluateGates(config, firstRun(sliced));
    expect(result.firstRun).toBe(true);
    expect(result.decision).toBe("promote");
    expect(result.outcomes.map((o) => [o.gate, o.status])).toEqual([
      ["loads", "pass"],
      ["baseline", "pass"],
      ["roc_auc.min", "pass"],
      ["roc_auc.min-improvement", "skipped"],
      ["log_loss.max-regression", "skipped"],
      ["slice:region=west:roc_auc.max-slice-regression", "skipped"],
      ["model-size", "pass"],
      ["latency-p95", "pass"],
      ["latency-regression", "skipped"],
    ]);
    for (const skipped of result.outcomes.filter((o) => o.status === "skipped")) {
      expect(skipped.reason).toBe("no champion: first run, absolute gates only");
      expect(skipped.text).toBe(`${skipped.gate} skipped: ${NO_CHAMPION}`);
    }
    expect(outcome(result.outcomes, "log_loss.max-regression")).toMatchObject({ observed: Number.NaN, bar: 0.01 });
    expect(outcome(result.outcomes, "roc_auc.min-improvement").bar).toBeNaN();
  });

  it("still rejects on an absolute gate", () => {
    const weak = firstRun(withMetric(facts(), { name: "roc_auc", challenger: 0.7, baseline: 0.5 }));
    const result = evaluateGates(config, weak);
    expect(result.decision).toBe("reject");
    expect(outcome(result.outcomes, "roc_auc.min").status).toBe("fail");
  });

  it("with defaults: only loads and baseline decide", () => {
    const result = evaluateGates(undefined, firstRun());
    expect(result.outcomes.map((o) => [o.gate, o.status])).toEqual([
      ["loads", "pass"],
      ["baseline", "pass"],
      ["roc_auc.min-improvement", "skipped"],
    ]);
    expect(result.decision).toBe("promote");
  });
});

describe("evaluateGates: NaN and missing values", () => {
  it("fails a gated metric that is undefined on this data", () => {
    const undefinedAuc = withMetric(facts(), {
      name: "roc_auc",
      challenger: Number.NaN,
      champion: Number.NaN,
      delta: { value: Number.NaN },
      baseline: 0.5,
    });
    const result = evaluateGates({ metrics: { roc_auc: { min: 0.7 } } }, undefinedAuc);
    expect(result.decision).toBe("reject");
    for (const id of ["baseline", "roc_auc.min", "roc_auc.min-improvement"]) {
      const failed = outcome(result.outcomes, id);
      expect(failed.status).toBe("fail");
      expect(failed.reason).toBe(
        "undefined on this data: the challenger's ROC AUC is NaN (the labels hold one class only)",
      );
      expect(failed.text).toBe(`${id} failed: ${failed.reason}`);
    }
    expect(outcome(result.outcomes, "roc_auc.min").bar).toBe(0.7);
  });

  it("fails on a first run too (absolute gates)", () => {
    const undefinedAccuracy = firstRun(withMetric(facts(), { name: "accuracy", challenger: Number.NaN }));
    expect(gate({ metrics: { accuracy: { min: 0.5 } } }, undefinedAccuracy, "accuracy.min")).toMatchObject({
      status: "fail",
      reason: "undefined on this data: the challenger's accuracy is NaN",
    });
  });

  it("fails when only the champion's value is undefined", () => {
    const given = withMetric(facts(), { name: "accuracy", challenger: 0.9, champion: Number.NaN });
    expect(gate({ metrics: { accuracy: { "max-regression": 0.01 } } }, given, "accuracy.max-regression")).toMatchObject(
      { status: "fail", reason: "undefined on this data: the champion's accuracy is NaN" },
    );
  });

  it("fails, never passes, a gated metric the facts lack", () => {
    const result = evaluateGates({ metrics: { brier: { max: 0.2, "max-regression": 0.01 } } }, facts());
    expect(outcome(result.outcomes, "brier.max")).toMatchObject({
      status: "fail",
      reason: "Brier score was not measured",
    });
    expect(outcome(result.outcomes, "brier.max-regression")).toMatchObject({ status: "fail" });
    const noChampionValue = withMetric(facts(), { name: "accuracy", challenger: 0.9 });
    expect(
      gate({ metrics: { accuracy: { "max-regression": 0.01 } } }, noChampionValue, "accuracy.max-regression"),
    ).toMatchObject({ status: "fail", reason: "the champion's accuracy was not measured" });
  });
});

describe("evaluateGates: slices", () => {
  function slice(value: string, rows: number, challenger: number, champion?: number): SliceFacts {
    return { column: "region", value, rows, metrics: { accuracy: { challenger, champion } } };
  }
  const config: GatesConfig = { metrics: { accuracy: { "max-slice-regression": 0.03 } } };

  it("gates each slice value on its point estimates", () => {
    const result = evaluateGates(
      config,
      facts({ slices: [slice("east", 500, 0.9, 0.91), slice("west", 412, 0.86, 0.9)] }),
    );
    expect(outcome(result.outcomes, "slice:region=east:accuracy.max-slice-regression")).toMatchObject({
      metric: "accuracy",
      slice: { column: "region", value: "east" },
      status: "pass",
    });
    const west = outcome(result.outcomes, "slice:region=west:accuracy.max-slice-regression");
    expect(west).toMatchObject({
      gate: "slice:region=west:accuracy.max-slice-regression",
      metric: "accuracy",
      slice: { column: "region", value: "west" },
      status: "fail",
      bar: 0.03,
      reason: "slice regression above the allowed",
      text: "In region = west, accuracy worsened by 0.0400 (0.9000 → 0.8600, 412 rows), more than the allowed 0.0300",
    });
    expect(west.observed).toBeCloseTo(0.04, 12);
    expect(result.decision).toBe("reject");
  });

  it("resolves a relative bar against the slice's champion value, direction-aware", () => {
    const relative: GatesConfig = { metrics: { log_loss: { "max-slice-regression": "5%" } } };
    const slices: SliceFacts[] = [
      { column: "plan", value: "pro", rows: 100, metrics: { log_loss: { challenger: 0.41, champion: 0.4 } } },
      { column: "plan", value: "basic", rows: 100, metrics: { log_loss: { challenger: 0.44, champion: 0.4 } } },
    ];
    const result = evaluateGates(relative, facts({ slices }));
    const pro = outcome(result.outcomes, "slice:plan=pro:log_loss.max-slice-regression");
    expect(pro.status).toBe("pass");
    expect(pro.bar).toBeCloseTo(0.02, 15);
    expect(pro.text).toContain("within the allowed 0.0200 (5% of the champion's 0.4000)");
    expect(outcome(result.outcomes, "slice:plan=basic:log_loss.max-slice-regression").status).toBe("fail");
  });

  it(`skips slices with fewer than ${MIN_SLICE_ROWS} rows`, () => {
    expect(MIN_SLICE_ROWS).toBe(30);
    const result = evaluateGates(
      config,
      facts({ slices: [slice("north", 29, 0.5, 0.9), slice("south", 30, 0.5, 0.9)] }),
    );
    expect(outcome(result.outcomes, "slice:region=north:accuracy.max-slice-regression")).toMatchObject({
      status: "skipped",
      reason: "29 rows: slices with fewer than 30 rows are not gated",
    });
    expect(outcome(result.outcomes, "slice:region=south:accuracy.max-slice-regression").status).toBe("fail");
  });

  it("skips a slice where the metric is undefined for both models, fails one where only the challenger's is", () => {
    const result = evaluateGates(
      config,
      facts({ slices: [slice("both", 100, Number.NaN, Number.NaN), slice("one", 100, Number.NaN, 0.9)] }),
    );
    expect(outcome(result.outcomes, "slice:region=both:accuracy.max-slice-regression")).toMatchObject({
      status: "skipped",
      reason: "undefined on the slice region = both for both models",
    });
    expect(outcome(result.outcomes, "slice:region=one:accuracy.max-slice-regression")).toMatchObject({
      status: "fail",
      reason: "undefined on the slice region = one: the challenger's accuracy is NaN",
    });
  });

  it("fails a slice that lacks the gated metric, and gates only metrics with max-slice-regression", () => {
    const missing: SliceFacts = { column: "region", value: "x", rows: 100, metrics: {} };
    const result = evaluateGates(config, facts({ slices: [missing] }));
    expect(result.outcomes.filter((o) => o.slice).map((o) => [o.gate, o.status])).toEqual([
      ["slice:region=x:accuracy.max-slice-regression", "fail"],
    ]);
    expect(evaluateGates(undefined, facts({ slices: [slice("west", 400, 0.1, 0.9)] })).outcomes).toHaveLength(3);
  });
});

describe("evaluateGates: model size and latency", () => {
  it("bounds the model file's size", () => {
    expect(gate({ "max-model-size": "50MB" }, facts(), "model-size")).toEqual({
      gate: "model-size",
      status: "pass",
      observed: 12_300_000,
      bar: 50_000_000,
      text: "The challenger's model file is 12.3 MB (champion: 11.9 MB), within the 50 MB limit",
    });
    expect(gate({ "max-model-size": "10MB" }, facts(), "model-size")).toMatchObject({
      status: "fail",
      reason: "model file over the size limit",
      text: "The challenger's model file is 12.3 MB (champion: 11.9 MB), over the 10 MB limit",
    });
    expect(gate({ "max-model-size": 12_300_000 }, facts(), "model-size").status).toBe("pass");
  });

  it("bounds the p95 latency per batch", () => {
    expect(gate({ "max-latency-p95": "250ms" }, facts(), "latency-p95")).toEqual({
      gate: "latency-p95",
      status: "pass",
      observed: 120,
      bar: 250,
      text: "The challenger's p95 latency per batch is 120.0 ms (champion: 100.0 ms), within the 250.0 ms limit",
    });
    expect(gate({ "max-latency-p95": 100 }, facts(), "latency-p95")).toMatchObject({
      status: "fail",
      reason: "p95 latency over the limit",
    });
    expect(gate({ "max-latency-p95": "0.1s" }, firstRun(), "latency-p95").status).toBe("fail");
  });

  it("bounds the latency's rise over the champion's, relative or absolute", () => {
    const relative = gate({ "max-latency-regression": "20%" }, facts(), "latency-regression");
    expect(relative).toMatchObject({ status: "pass", observed: 20 });
    expect(relative.bar).toBeCloseTo(20, 12);
    expect(relative.text).toBe(
      "The p95 latency per batch rose by 20.0 ms (100.0 ms → 120.0 ms), within the allowed 20.0 ms (20% of the champion's 100.0 ms)",
    );
    expect(gate({ "max-latency-regression": "10%" }, facts(), "latency-regression")).toMatchObject({
      status: "fail",
      reason: "p95 latency rose more than allowed",
    });
    expect(gate({ "max-latency-regression": "30ms" }, facts(), "latency-regression")).toMatchObject({
      status: "pass",
      bar: 30,
    });
    const faster = facts({ operational: { ...operational, challengerLatencyP95Ms: 90 } });
    expect(gate({ "max-latency-regression": 0 }, faster, "latency-regression").text).toBe(
      "The p95 latency per batch fell by 10.0 ms (100.0 ms → 90.0 ms), within the allowed 0.0 ms",
    );
  });

  it("fails the latency regression gate when the champion's latency is missing", () => {
    const missing = facts({ operational: { ...operational, championLatencyP95Ms: undefined } });
    expect(gate({ "max-latency-regression": "20%" }, missing, "latency-regression")).toMatchObject({
      status: "fail",
      reason: "the champion's latency was not measured",
    });
  });
});

describe("evaluateGates: decision and config errors", () => {
  it("rejects when any gate fails, and only then", () => {
    const config: GatesConfig = { "max-model-size": "50MB", metrics: { accuracy: { min: 0.5 } } };
    expect(evaluateGates(config, facts()).decision).toBe("promote");
    expect(evaluateGates({ ...config, "max-model-size": "1MB" }, facts()).decision).toBe("reject");
  });

  it("refuses gates that do not apply to the facts' problem", () => {
    const regression: GateFacts = { ...facts(), problem: "regression", metrics: [] };
    expect(() => evaluateGates({ metrics: { roc_auc: { min: 0.7 } } }, regression)).toThrow(InputError);
    expect(() => evaluateGates({ metrics: { roc_auc: { min: 0.7 } } }, regression)).toThrow(
      "'gates.metrics.roc_auc': roc_auc does not apply to regression problems",
    );
  });

  it("applies a plan checked beforehand, for the problem it was checked for", () => {
    const plan = checkGates({ metrics: { accuracy: { min: 0.95 } } }, "binary");
    expect(applyGates(plan, facts()).decision).toBe("reject");
    const problem: ProblemType = "multiclass";
    expect(() => applyGates(plan, { ...facts(), problem })).toThrow(/checked for binary problems/);
  });
});
