/**
 * `npm run demo`: gated ML delivery end to end on this machine, with the committed CLI and the
 * embedded file store, on the sample project (examples/churn): data → validate → train v1 →
 * evaluate (no champion) → register → deploy → an improved v2 promoted → a worse v3 rejected →
 * serve and log predictions → drift says retrain → rollback. Everything lands in one folder
 * (`demo-output/`, or `--out <folder>`), named at the end; `summary.json` there lists each decision.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { mlgate, mlgateText, relative, type StepResult, startServer } from "./demo/cli.js";
import { bold, dim, heading, line, no, ok, table, yellow } from "./demo/show.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const example = path.join(root, "examples/churn");
const STEPS = 11;

interface Decision {
  step: string;
  decision: string;
  detail?: string;
}

const decisions: Decision[] = [];
const started = performance.now();
const outArg = process.argv.indexOf("--out");
const out = path.resolve(outArg > 0 ? (process.argv[outArg + 1] as string) : path.join(root, "demo-output"));
const project = path.join(out, "project");
const reports = path.join(out, "reports");

function expect(result: StepResult, statuses: number[], what: string): StepResult {
  if (!statuses.includes(result.status)) {
    process.stderr.write(`\n${result.stderr}\n`);
    throw new Error(`${what} exited ${result.status}`);
  }
  return result;
}

function record(step: string, decision: string, detail?: string): void {
  decisions.push({ step, decision, ...(detail ? { detail } : {}) });
}

const csvRows = (file: string) => readFileSync(path.join(project, file), "utf8").trimEnd().split("\n").length - 1;

async function train(version: string, data: string, features?: string): Promise<StepResult> {
  const result = expect(
    await mlgate(project, [
      "train",
      "--data",
      data,
      "--trainer",
      "logistic",
      "--target",
      "churned",
      ...(features ? ["--features", features] : []),
      "--output-dir",
      `models/${version}`,
      "--name",
      "churn",
      "--code",
      "mlgate.yml,schema.yml",
    ]),
    [0],
    `train ${version}`,
  );
  ok(
    `trained models/${version}/model.onnx on ${data} (${csvRows(data).toLocaleString("en")} rows), run ${result.outputs["run-id"]}`,
    result.seconds,
  );
  return result;
}

async function evaluate(version: string): Promise<{ result: StepResult; verdict: VerdictView }> {
  const result = expect(
    await mlgate(project, [
      "evaluate-against-champion",
      "--challenger",
      `models/${version}/model.onnx`,
      "--model",
      "churn",
      "--data",
      "data/holdout.csv",
      "--label",
      "churned",
      "--slices",
      "plan,region",
      "--report-out",
      path.join(reports, `evaluate-${version}.html`),
      "--report-json-out",
      path.join(reports, `evaluate-${version}.json`),
    ]),
    [0, 1],
    `evaluate ${version}`,
  );
  writeFileSync(path.join(reports, `evaluate-${version}.md`), result.stderr);
  const verdict = (
    JSON.parse(readFileSync(path.join(reports, `evaluate-${version}.json`), "utf8")) as { verdict: VerdictView }
  ).verdict;
  return { result, verdict };
}

interface Estimate {
  value: number;
  low: number;
  high: number;
}

interface VerdictView {
  id: string;
  decision: "promote" | "reject";
  firstRun: boolean;
  champion: { version: number } | null;
  primary: string;
  metrics: Record<string, { challenger: Estimate; champion?: Estimate; delta?: Estimate }>;
  gates: { gate: string; status: string; text: string }[];
}

function showComparison(verdict: VerdictView): void {
  const fixed = (value: number | undefined) => (value === undefined ? "" : value.toFixed(4));
  const signed = (value: number) => `${value >= 0 ? "+" : ""}${value.toFixed(4)}`;
  const shown = ["roc_auc", "log_loss", "brier", "accuracy", "f1", "recall", "precision"].filter(
    (name) => verdict.metrics[name],
  );
  table(
    [
      "metric",
      verdict.champion ? `champion v${verdict.champion.version}` : "champion",
      "challenger",
      "Δ",
      "95% interval of Δ",
    ],
    shown.map((name) => {
      const metric = verdict.metrics[name] as VerdictView["metrics"][string];
      const delta = metric.delta;
      return [
        name === verdict.primary ? `${name} (primary)` : name,
        fixed(metric.champion?.value),
        fixed(metric.challenger.value),
        delta ? signed(delta.value) : "",
        delta ? `[${signed(delta.low)}, ${signed(delta.high)}]` : "",
      ];
    }),
  );
}

function failedGates(verdict: VerdictView): string[] {
  return verdict.gates.filter((gate) => gate.status === "fail").map((gate) => `${gate.gate}: ${gate.text}`);
}

async function register(version: string, run: string): Promise<string> {
  const result = expect(
    await mlgate(project, ["register", "--model", `models/${version}/model.onnx`, "--name", "churn", "--run", run]),
    [0],
    `register ${version}`,
  );
  ok(`registered as churn@${result.outputs.version} (${result.outputs.digest?.slice(0, 19)}…)`, result.seconds);
  return result.outputs.version as string;
}

async function deploy(args: string[], what: string, statuses = [0]): Promise<StepResult> {
  const result = expect(await mlgate(project, ["deploy", "--model", "churn", ...args]), statuses, what);
  const summary = result.outputs;
  if (result.status === 0) {
    const from = summary["previous-version"] ? `v${summary["previous-version"]}` : "nothing";
    ok(`deployed: production → v${summary.version} (was ${from})`, result.seconds);
  }
  return result;
}

/** monitor-drift against churn@production's training profile; drift is reported, not failed on. */
async function monitorDrift(current: string, extra: string[] = []): Promise<StepResult> {
  const args = [
    "monitor-drift",
    "--current",
    current,
    "--model",
    "churn",
    "--alias",
    "production",
    "--fail-on-drift",
    "false",
  ];
  return expect(await mlgate(project, [...args, ...extra]), [0], `monitor-drift of ${current}`);
}

function records(file: string, count: number): Record<string, unknown>[] {
  const [header, ...lines] = readFileSync(path.join(project, file), "utf8").trimEnd().split("\n");
  const names = (header as string).split(",");
  return lines.slice(0, count).map((text) =>
    Object.fromEntries(
      text.split(",").map((cell, i) => {
        const number = Number(cell);
        return [names[i], cell === "" ? null : Number.isFinite(number) ? number : cell];
      }),
    ),
  );
}

async function main(): Promise<void> {
  process.stdout.write(
    `${bold("mlgate demo")} — gated ML delivery on this machine: the CLI and the embedded file store\n`,
  );
  rmSync(out, { recursive: true, force: true });
  mkdirSync(project, { recursive: true });
  mkdirSync(reports, { recursive: true });
  for (const file of ["mlgate.yml", "schema.yml"]) copyFileSync(path.join(example, file), path.join(project, file));

  heading(STEPS, "Generate the churn data (examples/churn/generate-data.mjs)");
  const generated = performance.now();
  execFileSync(process.execPath, [path.join(example, "generate-data.mjs"), "--out", path.join(project, "data")]);
  for (const file of readdirSync(path.join(project, "data")).sort()) {
    line(`${file.padEnd(24)} ${csvRows(`data/${file}`).toLocaleString("en").padStart(6)} rows`);
  }
  ok("reference, improved-signal, noisy and production data", (performance.now() - generated) / 1000);

  heading(STEPS, "Validate the training data against schema.yml");
  const validated = expect(
    await mlgate(project, [
      "validate-data",
      "--data",
      "data/train.csv",
      "--schema",
      "schema.yml",
      "--report-out",
      path.join(reports, "validate.html"),
    ]),
    [0],
    "validate-data",
  );
  ok(`valid: ${validated.outputs.errors} errors, ${validated.outputs.warnings} warnings`, validated.seconds);
  record("validate-data", validated.outputs.valid === "true" ? "valid" : "invalid");

  heading(STEPS, "Train v1: the builtin logistic trainer on two features, then evaluate, register and deploy it");
  const v1 = await train("v1", "data/train.csv", "tenure_months,monthly_charges");
  const first = await evaluate("v1");
  const firstDecision = first.verdict.decision;
  (firstDecision === "promote" ? ok : no)(
    `verdict ${firstDecision.toUpperCase()}: no champion yet, so only the absolute gates apply (verdict ${first.verdict.id})`,
    first.result.seconds,
  );
  record("evaluate v1", firstDecision, "first run");
  await register("v1", v1.outputs["run-id"] as string);
  await deploy(["--verdict", first.verdict.id], "deploy v1");
  record("deploy v1", "production → v1");

  heading(STEPS, "Train v2 on the improved-signal data, with every feature");
  const v2 = await train("v2", "data/train-improved.csv");

  heading(STEPS, "Evaluate v2 against the deployed champion, on the same holdout rows");
  const second = await evaluate("v2");
  showComparison(second.verdict);
  (second.verdict.decision === "promote" ? ok : no)(
    `verdict ${second.verdict.decision.toUpperCase()} (verdict ${second.verdict.id})`,
    second.result.seconds,
  );
  record("evaluate v2", second.verdict.decision);
  await register("v2", v2.outputs["run-id"] as string);
  await deploy(["--verdict", second.verdict.id], "deploy v2");
  record("deploy v2", "production → v2");

  heading(STEPS, "Train v3 on a bad data pull (mostly random labels) and evaluate it");
  const v3 = await train("v3", "data/train-noisy.csv");
  const third = await evaluate("v3");
  showComparison(third.verdict);
  (third.verdict.decision === "reject" ? ok : no)(
    `verdict ${third.verdict.decision.toUpperCase()}, because:`,
    third.result.seconds,
  );
  for (const reason of failedGates(third.verdict)) line(`    ${yellow("•")} ${reason}`);
  record("evaluate v3", third.verdict.decision, failedGates(third.verdict).join("; "));

  heading(STEPS, "Try to deploy v3 anyway: deploy checks the verdict");
  await register("v3", v3.outputs["run-id"] as string);
  const refused = await deploy(["--verdict", third.verdict.id], "deploy v3", [1]);
  ok(`deploy refused (exit ${refused.status}): production stays v${refused.outputs.version}`, refused.seconds);
  record("deploy v3", "refused");

  heading(STEPS, "Serve churn@production and answer predictions, logging them");
  const server = await startServer(project, ["churn@production", "--port", "0", "--log-to", "logs"]);
  const predict = async (rows: Record<string, unknown>[]) => {
    const response = await fetch(`${server.url}/predict`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(rows),
    });
    return (await response.json()) as {
      version: number;
      predictions: { prediction: string; probabilities: Record<string, number> }[];
    };
  };
  const sample = await predict(records("data/production-drifted.csv", 3));
  line(`${server.url}/predict answered by version ${sample.version}:`);
  for (const [i, row] of sample.predictions.entries()) {
    line(
      `  customer ${i + 1}: ${row.prediction} (${Object.entries(row.probabilities)
        .map(([name, p]) => `${name} ${p.toFixed(3)}`)
        .join(", ")})`,
    );
  }
  const production = records("data/production-drifted.csv", Number.MAX_SAFE_INTEGER);
  const batches = Array.from({ length: Math.ceil(production.length / 200) }, (_, i) =>
    production.slice(i * 200, (i + 1) * 200),
  );
  await Promise.all(batches.map(predict));
  await server.stop();
  const logged = readdirSync(path.join(project, "logs"));
  ok(
    `${(production.length + 3).toLocaleString("en")} predictions of this week's customers logged to ${relative(out, path.join(project, "logs"))}/ (${logged.length} file)`,
  );
  record("serve", `version ${sample.version}`, `${production.length + 3} predictions logged`);

  heading(STEPS, "Monitor drift: fresh data like the training data, then the served predictions' log");
  const alike = await monitorDrift("data/production-like.csv");
  ok(
    `data like the training data: drift ${alike.outputs.drift}, should retrain ${alike.outputs["should-retrain"]}`,
    alike.seconds,
  );
  const drifted = await monitorDrift("logs/*.jsonl", ["--report-out", path.join(reports, "drift.html")]);
  writeFileSync(path.join(reports, "drift.md"), drifted.stderr);
  (drifted.outputs["should-retrain"] === "true" ? ok : no)(
    `the served traffic: drift ${drifted.outputs.drift} (${drifted.outputs["drifted-columns"]}), should retrain ${drifted.outputs["should-retrain"]}: ${drifted.outputs["retrain-reason"]}`,
    drifted.seconds,
  );
  record("monitor-drift like", alike.outputs.drift === "true" ? "drift" : "no drift");
  record(
    "monitor-drift logs",
    drifted.outputs["should-retrain"] === "true" ? "should retrain" : "no retrain",
    drifted.outputs["drifted-columns"],
  );

  heading(STEPS, "Roll production back one step");
  await deploy(["--rollback", "--reason", "demo: roll back to the previous model"], "rollback");
  record("rollback", "production → v1");
  for (const text of (await mlgateText(project, ["registry", "history", "churn"])).trimEnd().split("\n"))
    line(dim(text));

  heading(STEPS, "Done");
  const seconds = (performance.now() - started) / 1000;
  writeFileSync(path.join(out, "summary.json"), `${JSON.stringify({ decisions, seconds }, null, 2)}\n`);
  line(`the reports: ${relative(process.cwd(), reports)}/ (${readdirSync(reports).sort().join(", ")})`);
  line(`the project, its registry (.mlgate/registry) and logs: ${relative(process.cwd(), project)}/`);
  ok(`the whole flow in ${seconds.toFixed(1)} s`);
}

main().catch((error: unknown) => {
  process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
