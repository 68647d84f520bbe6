import { describe, expect, it } from "vitest";
import type { Config } from "../../../src/core/config/config.js";
import { parseConfig } from "../../../src/core/config/parse.js";
import { InputError } from "../../../src/core/errors.js";
import { checkGates, DEFAULT_PRIMARY, type GatePlan } from "../../../src/core/evaluate/gates/index.js";
import type { ProblemType } from "../../../src/core/evaluate/metrics/registry.js";

function config(...lines: string[]): Config {
  return parseConfig(["version: 1", ...lines].join("\n"), "mlgate.yml");
}

function plan(problem: ProblemType, ...lines: string[]): GatePlan {
  const parsed = config(...lines);
  return checkGates(parsed.gates, problem, parsed.locate);
}

function refusal(run: () => unknown): InputError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error("expected the gates to be refused");
}

function schemaRefusal(...lines: string[]): InputError {
  return refusal(() => config(...lines));
}

function checkRefusal(problem: ProblemType, ...lines: string[]): InputError {
  const parsed = config(...lines);
  return refusal(() => checkGates(parsed.gates, problem, parsed.locate));
}

describe("gates: in mlgate.yml (schema)", () => {
  it("reads every key, kebab-case, as written", () => {
    const parsed = config(
      "gates:",
      "  primary: roc_auc",
      "  baseline: false",
      "  metrics:",
      "    roc_auc:",
      "      min: 0.75",
      "      max: 1",
      "      min-improvement: 0.005",
      "      require-significance: true",
      "      max-slice-regression: 5%",
      "    log_loss:",
      '      max-regression: "2%"',
      "  max-model-size: 50MB",
      "  max-latency-p95: 250ms",
      '  max-latency-regression: "20%"',
    );
    expect(parsed.gates).toEqual({
      primary: "roc_auc",
      baseline: false,
      metrics: {
        roc_auc: {
          min: 0.75,
          max: 1,
          "min-improvement": 0.005,
          "require-significance": true,
          "max-slice-regression": "5%",
        },
        log_loss: { "max-regression": "2%" },
      },
      "max-model-size": "50MB",
      "max-latency-p95": "250ms",
      "max-latency-regression": "20%",
    });
  });

  it("names an unknown metric at its line and suggests the closest", () => {
    const error = schemaRefusal("gates:", "  metrics:", "    rocauc:", "      min: 0.7");
    expect(error.where).toEqual({ file: "mlgate.yml", line: 4, column: 5, key: "gates.metrics.rocauc" });
    expect(error.message).toMatch(/'rocauc' is not a setting mlgate.yml can hold here — did you mean 'roc_auc'\?/);
    expect(error.fix).toContain("allowed: accuracy, precision, recall");
  });

  it("names an unknown gate key and suggests the closest", () => {
    const error = schemaRefusal("gates:", "  metrics:", "    roc_auc:", "      min-improvment: 0.01");
    expect(error.message).toBe(
      "mlgate.yml:5:7 'gates.metrics.roc_auc.min-improvment': 'min-improvment' is not a setting mlgate.yml can hold here — did you mean 'min-improvement'? allowed: min, max, min-improvement, require-significance, max-regression, max-slice-regression",
    );
    const top = schemaRefusal("gates:", "  max-model-sise: 50MB");
    expect(top.where).toMatchObject({ line: 3, key: "gates.max-model-sise" });
    expect(top.fix).toMatch(/^did you mean 'max-model-size'\?/);
  });

  it("names a misspelt primary metric", () => {
    const error = schemaRefusal("gates:", "  primary: roc_acu");
    expect(error.where).toMatchObject({ line: 3, column: 12, key: "gates.primary" });
    expect(error.fix).toBe("did you mean 'roc_auc'?");
  });

  it("refuses values of the wrong type at their line", () => {
    expect(schemaRefusal("gates:", "  baseline: yes").message).toBe(
      "mlgate.yml:3:13 'gates.baseline': must be true or false — write true or false, without quotes",
    );
    expect(schemaRefusal("gates:", "  metrics:", "    rmse:", '      min: "1"').where).toMatchObject({
      line: 5,
      key: "gates.metrics.rmse.min",
    });
    expect(schemaRefusal("gates:", "  metrics:", "    rmse:", "      max-regression: true").message).toMatch(
      /^mlgate\.yml:5:23 'gates\.metrics\.rmse\.max-regression': must be a number or text/,
    );
    expect(schemaRefusal("gates:", "  metrics:", "    rmse:").message).toMatch(
      /^mlgate\.yml:4:\d+ 'gates\.metrics\.rmse': must be a mapping/,
    );
  });
});

describe("checkGates", () => {
  it("defaults without a gates section: the problem's primary metric must not get worse, and beat the baseline", () => {
    for (const problem of ["binary", "multiclass", "regression"] as const) {
      expect(checkGates(undefined, problem)).toEqual({
        problem,
        primary: DEFAULT_PRIMARY[problem],
        baseline: true,
        metrics: [
          {
            metric: DEFAULT_PRIMARY[problem],
            minImprovement: { kind: "absolute", value: 0, text: "0" },
            minImprovementDefault: true,
            requireSignificance: false,
          },
        ],
      });
    }
    expect(DEFAULT_PRIMARY).toEqual({ binary: "roc_auc", multiclass: "log_loss", regression: "rmse" });
  });

  it("keeps the primary metric's default gate when gates.metrics is absent or lists other metrics", () => {
    expect(plan("binary", "gates:", "  baseline: false").metrics).toEqual([
      expect.objectContaining({ metric: "roc_auc", minImprovementDefault: true }),
    ]);
    const withGuard = plan("binary", "gates:", "  metrics:", "    log_loss:", '      max-regression: "2%"');
    expect(withGuard.metrics.map((metric) => metric.metric)).toEqual(["roc_auc", "log_loss"]);
    expect(withGuard.metrics[0]).toMatchObject({ minImprovementDefault: true });
    expect(withGuard.metrics[1]).toEqual({
      metric: "log_loss",
      minImprovementDefault: false,
      requireSignificance: false,
      maxRegression: { kind: "relative", fraction: 0.02, text: "2%" },
    });
  });

  it("keeps the default on the primary metric when its entry sets only bounds", () => {
    const only = plan("binary", "gates:", "  metrics:", "    roc_auc: { min: 0.75 }");
    expect(only.metrics).toEqual([
      {
        metric: "roc_auc",
        min: 0.75,
        minImprovement: { kind: "absolute", value: 0, text: "0" },
        minImprovementDefault: true,
        requireSignificance: false,
      },
    ]);
  });

  it("drops the default when the primary metric's entry sets min-improvement or max-regression", () => {
    const own = plan("binary", "gates:", "  metrics:", "    roc_auc: { min-improvement: 1% }");
    expect(own.metrics[0]).toEqual({
      metric: "roc_auc",
      minImprovement: { kind: "relative", fraction: 0.01, text: "1%" },
      minImprovementDefault: false,
      requireSignificance: false,
    });
    const guard = plan("binary", "gates:", "  metrics:", "    roc_auc: { max-regression: 0.01 }");
    expect(guard.metrics[0]).toEqual({
      metric: "roc_auc",
      maxRegression: { kind: "absolute", value: 0.01, text: "0.01" },
      minImprovementDefault: false,
      requireSignificance: false,
    });
  });

  it("puts the primary metric first, then the others as listed", () => {
    const ordered = plan(
      "binary",
      "gates:",
      "  primary: accuracy",
      "  metrics:",
      "    brier: { max-regression: 0.01 }",
      "    accuracy: { min: 0.8 }",
      "    ece: { max: 0.05 }",
    );
    expect(ordered.primary).toBe("accuracy");
    expect(ordered.metrics.map((metric) => metric.metric)).toEqual(["accuracy", "brier", "ece"]);
  });

  it("reads require-significance without min-improvement as min-improvement 0", () => {
    const significant = plan("regression", "gates:", "  metrics:", "    mae: { require-significance: true }");
    expect(significant.metrics[1]).toEqual({
      metric: "mae",
      minImprovement: { kind: "absolute", value: 0, text: "0" },
      minImprovementDefault: false,
      requireSignificance: true,
    });
  });

  it("parses the operational quantities", () => {
    const operational = plan(
      "binary",
      "gates:",
      "  max-model-size: 1.5GiB",
      "  max-latency-p95: 1.5s",
      "  max-latency-regression: 30ms",
    );
    expect(operational).toMatchObject({
      maxModelBytes: 1.5 * 2 ** 30,
      maxLatencyP95Ms: 1500,
      maxLatencyRegression: { kind: "absolute", value: 30 },
    });
    expect(plan("binary", "gates:", "  max-model-size: 1000").maxModelBytes).toBe(1000);
  });

  it("refuses a metric that does not apply to the problem, at its line, listing those that do", () => {
    const error = checkRefusal("binary", "gates:", "  metrics:", "    rmse:", "      max-regression: 0.1");
    expect(error.problem).toBe("rmse does not apply to binary problems (it is for regression)");
    expect(error.fix).toBe(
      "use one of the metrics for binary problems: accuracy, precision, recall, f1, roc_auc, average_precision, log_loss, brier, ece",
    );
    // Config.locate gives a value's position: the line of rmse's first setting, under the key
    expect(error.where).toMatchObject({ file: "mlgate.yml", line: 5, key: "gates.metrics.rmse" });
    const flow = checkRefusal("multiclass", "gates:", "  metrics: { roc_auc: { min: 0.7 } }");
    expect(flow.where).toMatchObject({ file: "mlgate.yml", line: 3, key: "gates.metrics.roc_auc" });
    expect(flow.fix).toBe("use one of the metrics for multiclass problems: accuracy, log_loss, f1_macro, f1_weighted");
  });

  it("asks a locate that can for the metric key's own position", () => {
    const asked: [string, string | undefined][] = [];
    const error = refusal(() =>
      checkGates({ metrics: { r2: { min: 0 } } }, "binary", (key, at) => {
        asked.push([key, at]);
        return { file: "mlgate.yml", line: 9, key };
      }),
    );
    expect(asked).toEqual([["gates.metrics.r2", "key"]]);
    expect(error.message).toMatch(/^mlgate\.yml:9 'gates\.metrics\.r2': r2 does not apply to binary problems/);
  });

  it("refuses a primary metric that does not apply to the problem", () => {
    const error = checkRefusal("regression", "gates:", "  primary: roc_auc");
    expect(error.message).toBe(
      "mlgate.yml:3:12 'gates.primary': roc_auc does not apply to regression problems (it is for binary) — use one of the metrics for regression problems: rmse, mae, r2, mape",
    );
  });

  it("refuses a name that is no mlgate metric when the config did not come through the schema", () => {
    const error = refusal(() =>
      checkGates({ metrics: { rsme: { min: 0 } } } as unknown as Parameters<typeof checkGates>[0], "regression"),
    );
    expect(error.where).toEqual({ key: "gates.metrics.rsme" });
    expect(error.message).toBe(
      "'gates.metrics.rsme': 'rsme' is not an mlgate metric — did you mean 'rmse'? metrics for regression problems: rmse, mae, r2, mape",
    );
  });

  it("refuses bad quantities at their line", () => {
    const spaced = checkRefusal("binary", "gates:", "  metrics:", "    roc_auc:", '      max-regression: "2 %"');
    expect(spaced.message).toBe(
      "mlgate.yml:5:23 'gates.metrics.roc_auc.max-regression': '2 %' is not a number or a percentage of the champion's value — write it without spaces: 2%",
    );
    const slow = checkRefusal("binary", "gates:", "  max-latency-p95: fast");
    expect(slow.message).toBe(
      "mlgate.yml:3:20 'gates.max-latency-p95': 'fast' is not a duration — write e.g. 250ms or 1.5s (or a number of milliseconds)",
    );
    expect(checkRefusal("binary", "gates:", "  max-model-size: huge").where).toMatchObject({
      line: 3,
      key: "gates.max-model-size",
    });
    expect(checkRefusal("binary", "gates:", "  max-latency-regression: lots").where).toMatchObject({
      line: 3,
      key: "gates.max-latency-regression",
    });
    const slice = checkRefusal("binary", "gates:", "  metrics:", "    f1:", "      max-slice-regression: -1%");
    expect(slice.where).toMatchObject({ line: 5, key: "gates.metrics.f1.max-slice-regression" });
    expect(slice.problem).toBe("must not be negative");
    const improvement = checkRefusal("binary", "gates:", "  metrics:", "    f1:", "      min-improvement: lots");
    expect(improvement.where).toMatchObject({ line: 5, key: "gates.metrics.f1.min-improvement" });
  });

  it("refuses min above max, and bounds that are not finite", () => {
    const error = checkRefusal("binary", "gates:", "  metrics:", "    f1:", "      min: 0.9", "      max: 0.8");
    expect(error.message).toBe(
      "mlgate.yml:5:12 'gates.metrics.f1.min': min (0.9) is above max (0.8): no value can pass — swap them, or remove one",
    );
    // the schema refuses .inf (not a JSON number); checkGates also guards configs built in code
    expect(schemaRefusal("gates:", "  metrics:", "    rmse:", "      max: .inf").where).toMatchObject({
      line: 5,
      key: "gates.metrics.rmse.max",
    });
    const infinite = refusal(() => checkGates({ metrics: { rmse: { max: Number.POSITIVE_INFINITY } } }, "regression"));
    expect(infinite.message).toBe("'gates.metrics.rmse.max': must be a finite number — write a number such as 0.75");
  });
});
