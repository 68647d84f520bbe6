import { describe, expect, it } from "vitest";
import {
  isImprovement,
  isMetricName,
  METRIC_NAMES,
  METRICS,
  metricInfo,
  metricsFor,
} from "../../../src/core/evaluate/metrics/index.js";

describe("metric registry", () => {
  it("describes every metric of the issue, and only those", () => {
    expect([...METRIC_NAMES].sort()).toEqual(
      [
        "accuracy",
        "precision",
        "recall",
        "f1",
        "roc_auc",
        "average_precision",
        "log_loss",
        "brier",
        "ece",
        "f1_macro",
        "f1_weighted",
        "rmse",
        "mae",
        "r2",
        "mape",
      ].sort(),
    );
    expect(Object.keys(METRICS).sort()).toEqual([...METRIC_NAMES].sort());
    for (const name of METRIC_NAMES) expect(METRICS[name].name).toBe(name);
  });

  it("knows which way is better", () => {
    const lower = METRIC_NAMES.filter((n) => METRICS[n].direction === "lower").sort();
    expect(lower).toEqual(["brier", "ece", "log_loss", "mae", "mape", "rmse"]);
    for (const name of METRIC_NAMES) {
      expect(["higher", "lower"]).toContain(METRICS[name].direction);
      expect(METRICS[name].best).toBe(METRICS[name].direction === "higher" ? 1 : 0);
    }
    expect(isImprovement("roc_auc", 0.9, 0.8)).toBe(true);
    expect(isImprovement("log_loss", 0.9, 0.8)).toBe(false);
    expect(isImprovement("rmse", 1, 1)).toBe(false);
  });

  it("lists the metrics of each problem type", () => {
    expect(metricsFor("binary")).toEqual([
      "accuracy",
      "precision",
      "recall",
      "f1",
      "roc_auc",
      "average_precision",
      "log_loss",
      "brier",
      "ece",
    ]);
    expect(metricsFor("multiclass")).toEqual(["accuracy", "log_loss", "f1_macro", "f1_weighted"]);
    expect(metricsFor("regression")).toEqual(["rmse", "mae", "r2", "mape"]);
  });

  it("looks names up and rejects unknown ones", () => {
    expect(metricInfo("r2").direction).toBe("higher");
    expect(isMetricName("auc")).toBe(false);
    expect(() => metricInfo("auc")).toThrow(/unknown metric "auc"; known: accuracy/);
    expect(Object.isFrozen(METRICS.f1)).toBe(true);
  });
});
