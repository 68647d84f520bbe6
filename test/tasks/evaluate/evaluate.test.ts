/**
 * evaluate-against-champion through the committed CLI bundle, on models the builtin trainer
 * writes and onnxruntime-node scores: the verdict against the registered champion, the gates in
 * mlgate.yml, the first run, reproducible intervals, and bad input that stores nothing.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { compareModels } from "../../../src/core/evaluate/compare-models.js";
import type { Verdict } from "../../../src/core/evaluate/verdict.js";
import { jsonOutputs, runCli } from "../../cli/run-cli.js";
import { gitWorkspace, readJson } from "../train/workspace.js";
import { trainedWorkspace } from "./workspace.js";

const VERDICTS = ".mlgate/registry/records/verdicts";

function evaluate(cwd: string, challenger: string, options: Record<string, string> = {}) {
  const settings: Record<string, string> = {
    challenger,
    model: "churn",
    data: "holdout.csv",
    label: "churned",
    bootstrap: "300",
    ...options,
  };
  const args = Object.entries(settings).flatMap(([name, value]) => [`--${name}`, value]);
  return runCli(["evaluate-against-champion", ...args, "--json"], { cwd });
}

/** The outputs printed with --json, whatever the exit code (a reject exits 1). */
function outputsOf(run: { stdout: string }): Record<string, string> {
  return JSON.parse(run.stdout) as Record<string, string>;
}

function storedVerdicts(cwd: string): Verdict[] {
  const dir = path.join(cwd, VERDICTS);
  if (!existsSync(dir)) return [];
  return readdirSync(dir).map((file) => readJson<Verdict>(path.join(dir, file)));
}

describe("evaluate-against-champion", () => {
  let cwd: string;
  beforeAll(() => {
    cwd = trainedWorkspace();
    const registered = runCli(
      ["register", "--model", "v1/model.onnx", "--name", "churn", "--alias", "production", "--json"],
      { cwd },
    );
    expect(registered.status).toBe(0);
  }, 120_000);

  it("promotes a better challenger against the production champion, stores the verdict and writes the reports", () => {
    const run = evaluate(cwd, "v2/model.onnx", { slices: "plan" });
    expect(run.status).toBe(0);
    const out = jsonOutputs(run);
    expect(out.verdict).toBe("promote");
    expect(out["champion-version"]).toBe("1");
    expect(out.problem).toBe("binary");
    const verdict = readJson<Verdict>(path.join(cwd, VERDICTS, `${out["verdict-id"]}.json`));
    expect(verdict.decision).toBe("promote");
    expect(verdict.champion).toMatchObject({ version: 1, alias: "production", aliasRevision: 1 });
    expect(verdict.data.rows).toBe(1500);
    expect(verdict.classes).toEqual(["no", "yes"]);
    const auc = verdict.metrics.roc_auc;
    expect(auc?.delta?.value).toBeGreaterThan(0);
    expect(auc?.delta?.low).toBeLessThanOrEqual(auc?.delta?.value as number);
    expect(auc?.delta?.high).toBeGreaterThanOrEqual(auc?.delta?.value as number);
    expect(verdict.slices.map((slice) => slice.value).sort()).toEqual(["basic", "plus", "pro"]);
    expect(verdict.slices.reduce((sum, slice) => sum + slice.rows, 0)).toBe(1500);
    expect(verdict.gates.map((gate) => gate.gate)).toEqual(["loads", "baseline", "roc_auc.min-improvement"]);
    expect(JSON.parse(out.metrics as string).roc_auc).toBe(auc?.challenger.value);

    const markdown = run.stderr;
    expect(markdown).toContain("promote v2/model.onnx");
    expect(markdown).toMatch(/\| ROC AUC \(↑ better\) \| [\d.]+ \| [\d.]+ \| 🟢 \+/);
    const html = readFileSync(out.report as string, "utf8");
    expect(html).toContain("ROC curve");
    expect(html).toContain("Precision-recall curve");
    const json = readJson<{ verdict: Verdict; timings: Record<string, number> }>(out["report-json"] as string);
    expect(json.verdict.id).toBe(out["verdict-id"]);
    expect(json.timings.totalMs).toBeGreaterThan(0);
  });

  it("gives the same intervals for the same seed and other intervals for another seed", () => {
    const interval = (seed: string) => {
      const out = jsonOutputs(evaluate(cwd, "v2/model.onnx", { seed }));
      const verdict = readJson<Verdict>(path.join(cwd, VERDICTS, `${out["verdict-id"]}.json`));
      return [verdict.metrics.roc_auc?.delta?.low, verdict.metrics.roc_auc?.delta?.high];
    };
    const first = interval("7");
    expect(interval("7")).toEqual(first);
    expect(interval("8")).not.toEqual(first);
  });

  it("rejects with exit 1 when a gate fails, naming the gate and its numbers (exit 0 with fail-on-reject false)", () => {
    writeFileSync(
      path.join(cwd, "mlgate.yml"),
      "version: 1\ngates:\n  metrics:\n    roc_auc:\n      min-improvement: 0.5\n    accuracy:\n      min: 0.99\n",
    );
    try {
      const run = evaluate(cwd, "v2/model.onnx");
      expect(run.status).toBe(1);
      const out = outputsOf(run);
      expect(out.verdict).toBe("reject");
      expect(run.stderr).toContain("roc_auc.min-improvement");
      expect(run.stderr).toContain("accuracy.min");
      const verdict = readJson<Verdict>(path.join(cwd, VERDICTS, `${out["verdict-id"]}.json`));
      const failed = verdict.gates.filter((gate) => gate.status === "fail").map((gate) => gate.gate);
      expect(failed).toEqual(["roc_auc.min-improvement", "accuracy.min"]);
      expect(evaluate(cwd, "v2/model.onnx", { "fail-on-reject": "false" }).status).toBe(0);
    } finally {
      writeFileSync(path.join(cwd, "mlgate.yml"), "version: 1\n");
    }
  });

  it("rejects a worse challenger by the default gate: the primary metric may not fall below the champion's", () => {
    const run = evaluate(cwd, "v1/model.onnx", { "champion-alias": "strong" });
    expect(run.status).toBe(0); // no alias 'strong' yet: first run, absolute gates only
    const first = readJson<Verdict>(path.join(cwd, VERDICTS, `${jsonOutputs(run)["verdict-id"]}.json`));
    expect(first.firstRun).toBe(true);
    expect(first.champion).toBeNull();
    expect(first.gates.find((gate) => gate.gate === "roc_auc.min-improvement")?.status).toBe("skipped");
    expect(run.stderr).toContain("first run");

    const registered = runCli(
      ["register", "--model", "v2/model.onnx", "--name", "churn", "--alias", "strong", "--json"],
      { cwd },
    );
    expect(registered.status).toBe(0);
    const worse = evaluate(cwd, "v1/model.onnx", { "champion-alias": "strong" });
    expect(worse.status).toBe(1);
    expect(outputsOf(worse).verdict).toBe("reject");
    expect(worse.stderr).toMatch(/ROC AUC .*🔴 -/);
  });

  it("exits 2 with one line and stores nothing on bad input", () => {
    const before = storedVerdicts(cwd).length;
    writeFileSync(path.join(cwd, "corrupt.onnx"), "not a model");
    writeFileSync(path.join(cwd, "unknown-label.csv"), "age,income,plan,churned\n30,50000,pro,maybe\n");
    writeFileSync(path.join(cwd, "no-plan.csv"), "age,income,churned\n30,50000,yes\n");
    const cases: [Record<string, string>, RegExp][] = [
      [{ label: "left" }, /no column 'left'/],
      [{ data: "unknown-label.csv" }, /unknown-label\.csv:2: label 'maybe' .* not a class .* \(classes: no, yes\)/],
      [{ data: "no-plan.csv" }, /model input 'plan' has no column in the data/],
      [{ metrics: "rmse" }, /metric 'rmse' does not apply to a binary problem/],
      [{ threshold: "1.5" }, /threshold 1\.5 is not a probability/],
    ];
    for (const [options, message] of cases) {
      const run = evaluate(cwd, "v2/model.onnx", options);
      expect(run.status, JSON.stringify(options)).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toContain("    at ");
    }
    const corrupt = evaluate(cwd, "corrupt.onnx");
    expect(corrupt.status).toBe(2);
    expect(corrupt.stderr).toContain("corrupt.onnx");
    expect(storedVerdicts(cwd).length).toBe(before);
  });
});

/** Three classes from two signals: x decides a vs c, y decides b. */
function threeClassCsv(rows: number, seed: number): string {
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const lines = ["x,y,target,kind"];
  for (let i = 0; i < rows; i++) {
    const x = random() * 4 - 2;
    const y = random() * 4 - 2;
    const noise = random() - 0.5;
    const kind = y + noise > 0.8 ? "b" : x + noise > 0 ? "a" : "c";
    lines.push(`${x.toFixed(3)},${y.toFixed(3)},${(3 * x - y + noise).toFixed(3)},${kind}`);
  }
  return `${lines.join("\n")}\n`;
}

describe("evaluate-against-champion: multiclass and regression", () => {
  let cwd: string;
  beforeAll(() => {
    cwd = gitWorkspace({ "train.csv": threeClassCsv(3000, 1), "holdout.csv": threeClassCsv(2000, 2) });
    const models: [string, string, string[]][] = [
      ["c1", "kind", ["x"]],
      ["c2", "kind", ["x", "y"]],
      ["r1", "target", ["x"]],
      ["r2", "target", ["x", "y"]],
    ];
    for (const [dir, target, features] of models) {
      const trainer = target === "kind" ? "logistic" : "ridge";
      const args = ["train", "--data", "train.csv", "--trainer", trainer, "--target", target, "--output-dir", dir];
      expect(runCli([...args, "--features", features.join(","), "--json"], { cwd }).status).toBe(0);
    }
    for (const [model, name] of [
      ["c1/model.onnx", "kinds"],
      ["r1/model.onnx", "targets"],
    ]) {
      const args = ["register", "--model", model as string, "--name", name as string, "--alias", "production"];
      expect(runCli([...args, "--json"], { cwd }).status).toBe(0);
    }
  }, 120_000);

  it("infers a multiclass problem, names the classes and shows both confusion matrices", () => {
    const run = evaluate(cwd, "c2/model.onnx", { model: "kinds", label: "kind" });
    expect(run.status).toBe(0);
    const out = jsonOutputs(run);
    expect(out.problem).toBe("multiclass");
    const verdict = readJson<Verdict>(path.join(cwd, VERDICTS, `${out["verdict-id"]}.json`));
    expect(verdict.classes).toEqual(["a", "b", "c"]);
    expect(verdict.primary).toBe("log_loss");
    expect(Object.keys(verdict.metrics)).toEqual(["accuracy", "log_loss", "f1_macro", "f1_weighted"]);
    expect(verdict.metrics.log_loss?.delta?.value).toBeLessThan(0);
    expect(verdict.metrics.accuracy?.delta?.value).toBeGreaterThan(0);
    expect(run.stderr).toContain("Confusion matrix: c2/model.onnx");
    expect(run.stderr).toMatch(/\| true \\\\ predicted \| a \| b \| c \|/);
  });

  it("infers a regression problem from one value per row and gates RMSE", () => {
    const run = evaluate(cwd, "r2/model.onnx", { model: "targets", label: "target" });
    expect(run.status).toBe(0);
    const out = jsonOutputs(run);
    expect(out.problem).toBe("regression");
    const verdict = readJson<Verdict>(path.join(cwd, VERDICTS, `${out["verdict-id"]}.json`));
    expect(verdict.primary).toBe("rmse");
    expect(Object.keys(verdict.metrics)).toEqual(["rmse", "mae", "r2", "mape"]);
    expect(verdict.metrics.rmse?.delta?.high).toBeLessThan(0);
    expect(verdict.gates.find((gate) => gate.gate === "rmse.min-improvement")?.status).toBe("pass");
    const worse = evaluate(cwd, "r1/model.onnx", { model: "targets", label: "target", "champion-alias": "production" });
    expect(worse.status).toBe(0); // r1 is the champion itself: no worse, no better
  });
});

describe("compareModels resampling large holdouts", () => {
  it("resamples through cells whose intervals match the row-by-row bootstrap's width", () => {
    const n = 20_000;
    let state = 12345;
    const random = () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    };
    const labels = new Uint8Array(n);
    const strong = new Float64Array(n);
    const weak = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const signal = random() * 4 - 2;
      labels[i] = random() < 1 / (1 + Math.exp(-2 * signal)) ? 1 : 0;
      strong[i] = 1 / (1 + Math.exp(-(1.8 * signal + random() - 0.5)));
      weak[i] = 1 / (1 + Math.exp(-(1.2 * signal + 2 * random() - 1)));
    }
    const rows = { problem: "binary" as const, labels, scores: [strong, weak], threshold: 0.5 };
    const options = {
      metrics: ["accuracy", "roc_auc", "log_loss"] as const,
      replicates: 400,
      seed: 3,
      confidence: 0.95,
    };
    const exact = compareModels(rows, { ...options, maxCells: n });
    const cells = compareModels(rows, { ...options, maxCells: 2048 });
    expect(exact.bootstrap.resampled).toBe("rows");
    expect(cells.bootstrap.resampled).toBe("cells");
    for (const name of options.metrics) {
      const a = exact.metrics[name]?.delta;
      const b = cells.metrics[name]?.delta;
      expect(b?.value).toBe(a?.value);
      const ratio = (b?.standardError as number) / (a?.standardError as number);
      expect(ratio, name).toBeGreaterThan(0.8);
      expect(ratio, name).toBeLessThan(1.25);
    }
  });

  it("resamples multiclass holdouts through cells with the row bootstrap's spread", () => {
    const n = 20_000;
    const k = 3;
    let state = 777;
    const random = () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    };
    const labels = new Int32Array(n);
    const probabilities = [new Float64Array(n * k), new Float64Array(n * k)];
    for (let i = 0; i < n; i++) {
      const truth = Math.floor(random() * k);
      labels[i] = truth;
      probabilities.forEach((p, m) => {
        const logits = Array.from({ length: k }, (_, c) => (c === truth ? 1.5 - m * 0.4 : 0) + random() * 2);
        const total = logits.reduce((sum, logit) => sum + Math.exp(logit), 0);
        logits.forEach((logit, c) => {
          p[i * k + c] = Math.exp(logit) / total;
        });
      });
    }
    const predicted = probabilities.map((p) =>
      Int32Array.from({ length: n }, (_, i) => {
        let best = 0;
        for (let c = 1; c < k; c++) if ((p[i * k + c] as number) > (p[i * k + best] as number)) best = c;
        return best;
      }),
    );
    const rows = { problem: "multiclass" as const, labels, classes: k, probabilities, predicted };
    const options = {
      metrics: ["accuracy", "log_loss", "f1_macro"] as const,
      replicates: 400,
      seed: 5,
      confidence: 0.95,
    };
    const exact = compareModels(rows, { ...options, maxCells: n });
    const cells = compareModels(rows, { ...options, maxCells: 2048 });
    expect(cells.bootstrap.resampled).toBe("cells");
    for (const name of options.metrics) {
      const ratio =
        (cells.metrics[name]?.delta?.standardError as number) / (exact.metrics[name]?.delta?.standardError as number);
      expect(ratio, name).toBeGreaterThan(0.8);
      expect(ratio, name).toBeLessThan(1.25);
    }
  });
});
