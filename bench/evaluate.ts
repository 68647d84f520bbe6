/**
 * npm run bench -- evaluate: the `evaluate-against-champion` task end to end, as a user runs it
 * (`node dist/cli.js evaluate-against-champion`, a process of its own), beside the floor it cannot beat in the
 * same run: raw onnxruntime-node `session.run` of both models over the same rows, on a float32 [N, 19] array
 * built beforehand (bench/evaluate/raw-child.ts, a process of its own too). Generated inputs
 * (bench/evaluate/generate.ts, cached): 1M holdout rows × 19 float features and a 0/1 label as Parquet; the
 * champion a 200-tree random forest of depth 6 exported the skl2onnx way (ZipMap and all), the challenger an
 * MLP 19→64→64→2. The champion is registered (untimed) as version 1 of `bench`, alias `production`, in a
 * fresh file registry for every run.
 *
 * The issue's targets: the whole task ≤ 1.5 × raw inference of both models; the 1000 bootstrap replicates of
 * every metric (AUC included) ≤ 25% of the whole task; peak RSS reported. Raw inference and the task alternate
 * run by run (a busy machine slows both alike); every figure is the median of BENCH_EVALUATE_REPEAT runs, raw
 * inference per model the faster of its batch sizes.
 *
 * Settings (environment, since the suite takes no arguments):
 *   BENCH_EVALUATE_ROWS=1000000      holdout rows
 *   BENCH_EVALUATE_REPEAT=3          runs of each side; medians are reported
 *   BENCH_EVALUATE_BOOTSTRAP=1000    the task's --bootstrap
 *   BENCH_EVALUATE_BATCHES=10000,100000  batch sizes of the raw inference (the faster total counts)
 *   BENCH_EVALUATE_CLI=dist/cli.js   the built CLI (relative to the repository)
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cleanEnv, type Outcome, ROOT, runJsonChild } from "./child-process.js";
import { FEATURES, LABEL } from "./evaluate/data.js";
import {
  EVALUATE_CACHE_DIR,
  EVALUATE_GENERATOR_VERSION,
  type EvaluateInputs,
  ensureEvaluateInputs,
  ROW_GROUP_ROWS,
} from "./evaluate/generate.js";
import { DEPTH, HIDDEN, TREES } from "./evaluate/models.js";
import type { ModelRole, RawChildResult } from "./evaluate/raw-child.js";
import type { TaskChildResult, TaskSettings, TaskTimings } from "./evaluate/task-child.js";
import { machineLine, percentile, wholeNumberSetting } from "./measure.js";
import { count, MB, progress, rssMb } from "./train/format.js";

const RAW_CHILD = fileURLToPath(new URL("./evaluate/raw-child.ts", import.meta.url));
const TASK_CHILD = fileURLToPath(new URL("./evaluate/task-child.ts", import.meta.url));

/** the issue's targets: the whole task ÷ raw inference of both models at most this */
const RATIO_TARGET = 1.5;
/** … and the bootstrap's share of the whole task at most this */
const SHARE_TARGET = 0.25;
const SEED = 1;

interface Settings {
  rows: number;
  repeat: number;
  bootstrap: number;
  batches: number[];
  cli: string;
}

const MODEL_NAMES: Record<ModelRole, string> = {
  champion: `champion: ${TREES} trees of depth ${DEPTH}`,
  challenger: `challenger: MLP 19→${HIDDEN}→${HIDDEN}→2`,
};

export async function runEvaluateBench(): Promise<void> {
  const settings = readSettings();
  console.log(
    `
evaluate benchmark — ${machineLine()}, cache ${EVALUATE_CACHE_DIR}`,
  );
  const notes: string[] = [];
  progress(`holdout of ${count(settings.rows)} rows and the two models: preparing…`);
  const inputs = await ensureEvaluateInputs(settings.rows);
  // read once, so every measurement starts with the files in the page cache
  readFileSync(inputs.parquet);
  readFileSync(inputs.features);
  notes.push(describeInputs(inputs));

  const available = taskAvailable(settings.cli);
  const raws: RawChildResult[] = [];
  const tasks: TaskChildResult[] = [];
  const failures: string[] = [];
  for (let run = 1; run <= settings.repeat; run++) {
    progress(`run ${run}/${settings.repeat}: raw inference…`);
    const raw = runRaw(inputs, settings.batches);
    if (raw.ok) {
      raws.push(raw.result);
      const { champion, challenger } = raw.result.models;
      progress(`  champion ${seconds(best(champion.seconds))} s, challenger ${seconds(best(challenger.seconds))} s`);
    } else failures.push(`raw inference, run ${run}: ${raw.reason}`);
    if (!available.ok) continue;
    progress(`run ${run}/${settings.repeat}: evaluate-against-champion…`);
    const task = runTask(inputs, settings);
    if (task.ok) {
      tasks.push(task.result);
      const bootstrapMs = task.result.timings.bootstrapMs;
      progress(
        `  ${seconds(task.result.seconds)} s, bootstrap ${bootstrapMs === undefined ? "?" : seconds(bootstrapMs / 1000)} s, peak RSS ${rssMb(task.result.maxRssKb)} MB`,
      );
    } else failures.push(`evaluate-against-champion, run ${run}: ${task.reason}`);
  }
  if (!available.ok) notes.push(`evaluate-against-champion not measured: ${available.reason}`);

  printResults(settings, inputs, raws, tasks);
  for (const failure of failures) notes.push(`FAILED ${failure}`);
  notes.push(...crossChecks(raws, tasks));
  notes.push(...perRun(raws, tasks));
  notes.push(
    "raw inference: one onnxruntime-node session per model (the champion's ZipMap stripped by withTensorOutputs, " +
      "options as the task's), session.run over every row batch after batch on Tensors viewing one float32 array built " +
      "beforehand, after an untimed warm-up batch; evaluate-against-champion: wall from process start to exit " +
      "(Node start, ONNX Runtime load, registry, reading the Parquet, scoring, metrics, bootstrap, reports), peak RSS " +
      `and CPU from ${tasks[0]?.usageSource ?? "GNU time or an exit hook"}; medians of ${settings.repeat} runs ` +
      "(the ratio and the share are of medians), peak RSS the highest; MB = 10^6 bytes",
  );
  notes.push(`after the runs: ${machineLine()}`);
  for (const note of notes) console.log(`- ${note}`);
}

function readSettings(): Settings {
  const batches = (process.env.BENCH_EVALUATE_BATCHES || "10000,100000")
    .split(",")
    .map((size) => Number(size.trim().replaceAll("_", "")));
  if (batches.some((size) => !Number.isInteger(size) || size < 1)) {
    throw new Error(`BENCH_EVALUATE_BATCHES must list whole numbers, not '${process.env.BENCH_EVALUATE_BATCHES}'`);
  }
  return {
    rows: Math.max(100, wholeNumberSetting("BENCH_EVALUATE_ROWS", 1_000_000)),
    repeat: Math.max(1, wholeNumberSetting("BENCH_EVALUATE_REPEAT", 3)),
    bootstrap: wholeNumberSetting("BENCH_EVALUATE_BOOTSTRAP", 1000),
    batches,
    cli: path.resolve(ROOT, process.env.BENCH_EVALUATE_CLI || "dist/cli.js"),
  };
}

function describeInputs(inputs: EvaluateInputs): string {
  const { check } = inputs;
  const what =
    `holdout ${count(inputs.rows)} rows × ${FEATURES.length} float features + label as Parquet ` +
    `(${(inputs.bytes / MB).toFixed(0)} MB, DOUBLE features and INT64 label, snappy, row groups of ${count(ROW_GROUP_ROWS)}), ` +
    `champion ${(statSync(inputs.champion).size / 1e3).toFixed(0)} kB, challenger ${(statSync(inputs.challenger).size / 1e3).toFixed(0)} kB`;
  const how = inputs.generated
    ? `generated in ${inputs.seconds.toFixed(1)} s (generator v${EVALUATE_GENERATOR_VERSION})`
    : `reused from the cache (generator v${EVALUATE_GENERATOR_VERSION})`;
  return (
    `${what}: ${how}; both models load and predict in onnxruntime-node, |probability − JS reference| ≤ ` +
    `${Math.max(check.championMaxError, check.challengerMaxError).toExponential(1)} on the first ${count(check.rows)} rows ` +
    `(champion outputs after the ZipMap rewrite: ${check.championOutputs.join(", ")})`
  );
}

function taskAvailable(cli: string): { ok: true } | { ok: false; reason: string } {
  if (!existsSync(cli)) return { ok: false, reason: `${path.relative(ROOT, cli)} does not exist (npm run build)` };
  const help = spawnSync(process.execPath, [cli, "evaluate-against-champion", "--help"], {
    cwd: ROOT,
    env: cleanEnv(),
    encoding: "utf8",
  });
  if (help.status === 0) return { ok: true };
  const said = `${help.stderr}${help.stdout}`.trim().split("\n")[0] ?? "";
  return { ok: false, reason: `${path.relative(ROOT, cli)} has no such command yet (${said.slice(0, 160)})` };
}

function runRaw(inputs: EvaluateInputs, batches: readonly number[]): Outcome<RawChildResult> {
  return runJsonChild<RawChildResult>(process.execPath, [
    "--import",
    "tsx",
    RAW_CHILD,
    inputs.features,
    inputs.labels,
    inputs.champion,
    inputs.challenger,
    batches.join(","),
  ]);
}

function runTask(inputs: EvaluateInputs, settings: Settings): Outcome<TaskChildResult> {
  const task: TaskSettings = {
    cli: settings.cli,
    champion: inputs.champion,
    challenger: inputs.challenger,
    data: inputs.parquet,
    label: LABEL,
    features: FEATURES,
    bootstrap: settings.bootstrap,
    seed: SEED,
  };
  return runJsonChild<TaskChildResult>(process.execPath, ["--import", "tsx", TASK_CHILD, JSON.stringify(task)]);
}

// ── figures ─────────────────────────────────────────────────────────────────────────────────

function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** The faster total over the batch sizes. */
function best(byBatch: Record<string, number>): number {
  return Math.min(...Object.values(byBatch));
}

function bestBatch(byBatch: Record<string, number>): string {
  const [size = "?"] = Object.entries(byBatch).sort((a, b) => a[1] - b[1])[0] ?? [];
  return size;
}

function seconds(value: number): string {
  return Number.isFinite(value) ? value.toFixed(2) : "?";
}

function rate(rows: number, time: number): string {
  return Number.isFinite(time) && time > 0 ? Math.round(rows / time).toLocaleString("en") : "";
}

function batchLabel(size: string): string {
  return Number(size) % 1000 === 0 ? `${Number(size) / 1000}k` : size;
}

interface RawFigures {
  /** per model: median over runs of the faster batch size's seconds, and of its CPU seconds */
  models: Record<ModelRole, { seconds: number; cpuSeconds: number; batch: string }>;
  seconds: number;
  cpuSeconds: number;
  maxRssKb: number;
}

function rawFigures(raws: readonly RawChildResult[]): RawFigures | undefined {
  if (raws.length === 0) return undefined;
  const model = (role: ModelRole) => {
    const runs = raws.map((raw) => raw.models[role]);
    const batches = runs.map((run) => bestBatch(run.seconds));
    // the batch size that was fastest most often, for the label
    const batch = [...new Set(batches)].sort(
      (a, b) => batches.filter((x) => x === b).length - batches.filter((x) => x === a).length,
    )[0] as string;
    return {
      seconds: median(runs.map((run) => best(run.seconds))),
      cpuSeconds: median(runs.map((run) => run.cpuSeconds[bestBatch(run.seconds)] ?? Number.NaN)),
      batch,
    };
  };
  const models = { champion: model("champion"), challenger: model("challenger") };
  return {
    models,
    seconds: models.champion.seconds + models.challenger.seconds,
    cpuSeconds: models.champion.cpuSeconds + models.challenger.cpuSeconds,
    maxRssKb: Math.max(...raws.map((raw) => raw.maxRssKb)),
  };
}

interface TaskFigures {
  seconds: number;
  cpuSeconds: number;
  maxRssKb: number;
  timings: Required<TaskTimings>;
}

const TIMING_KEYS = ["loadMs", "scoreMs", "metricsMs", "bootstrapMs", "reportMs", "totalMs"] as const;

function taskFigures(tasks: readonly TaskChildResult[]): TaskFigures | undefined {
  if (tasks.length === 0) return undefined;
  const timings = Object.fromEntries(
    TIMING_KEYS.map((key) => [key, median(tasks.map((task) => task.timings[key] ?? Number.NaN))]),
  ) as Required<TaskTimings>;
  return {
    seconds: median(tasks.map((task) => task.seconds)),
    cpuSeconds: median(tasks.map((task) => task.cpuSeconds)),
    maxRssKb: Math.max(...tasks.map((task) => task.maxRssKb)),
    timings,
  };
}

// ── printing ────────────────────────────────────────────────────────────────────────────────

function printResults(
  settings: Settings,
  inputs: EvaluateInputs,
  raws: readonly RawChildResult[],
  tasks: readonly TaskChildResult[],
): void {
  const raw = rawFigures(raws);
  const task = taskFigures(tasks);
  const rows = inputs.rows;
  const line = (cells: string[]) => console.log(`| ${cells.join(" | ")} |`);
  const runs = `median of ${settings.repeat} run${settings.repeat > 1 ? "s" : ""}`;
  console.log(
    `\nevaluate-against-champion vs raw ONNX Runtime inference (${count(rows)} rows × ${FEATURES.length} features, ` +
      `--bootstrap ${settings.bootstrap}; each side in its own process, alternating; ${runs})`,
  );
  console.log("| measure | wall s | CPU s | rows/s | peak RSS MB | vs anchor | target | met |");
  console.log("|---|---:|---:|---:|---:|---:|---|---|");
  if (raw) {
    for (const role of ["champion", "challenger"] as const) {
      const figures = raw.models[role];
      line([
        `raw session.run, ${MODEL_NAMES[role]} (batches of ${batchLabel(figures.batch)})`,
        seconds(figures.seconds),
        seconds(figures.cpuSeconds),
        rate(rows, figures.seconds),
        "",
        "",
        "",
        "",
      ]);
    }
    line([
      "*raw inference, both models* (anchor)",
      seconds(raw.seconds),
      seconds(raw.cpuSeconds),
      rate(rows, raw.seconds),
      rssMb(raw.maxRssKb),
      "",
      "",
      "",
    ]);
  } else line(["raw inference FAILED", "", "", "", "", "", "", ""]);

  const ratio = raw && task ? task.seconds / raw.seconds : undefined;
  const bootstrapSeconds = task ? task.timings.bootstrapMs / 1000 : Number.NaN;
  const share = task ? bootstrapSeconds / task.seconds : undefined;
  const met = (value: number | undefined, target: number) =>
    value === undefined || !Number.isFinite(value) ? "not judged" : value <= target ? "PASS" : "**FAIL**";
  if (task) {
    line([
      `**evaluate-against-champion** (node ${path.relative(ROOT, settings.cli)}, whole process)`,
      seconds(task.seconds),
      seconds(task.cpuSeconds),
      rate(rows, task.seconds),
      rssMb(task.maxRssKb),
      ratio === undefined
        ? ""
        : `${ratio.toFixed(2)}× raw (CPU ${raw ? (task.cpuSeconds / raw.cpuSeconds).toFixed(2) : "?"}×)`,
      `≤ ${RATIO_TARGET}×`,
      met(ratio, RATIO_TARGET),
    ]);
    line([
      `bootstrap: ${settings.bootstrap} replicates of every metric (the task's bootstrapMs)`,
      seconds(bootstrapSeconds),
      "",
      "",
      "",
      share === undefined || !Number.isFinite(share) ? "" : `${(100 * share).toFixed(1)}% of the task`,
      `≤ ${100 * SHARE_TARGET}%`,
      met(share, SHARE_TARGET),
    ]);
  } else line(["evaluate-against-champion: not measured", "", "", "", "", "", "", ""]);
  console.log("");

  const verdict = (what: string, value: number | undefined, target: number, shown: string) => {
    if (value === undefined || !Number.isFinite(value)) return `**${what}** — not judged`;
    return `**${what}** — ${value <= target ? "MET" : "**NOT MET**"}: ${shown}`;
  };
  console.log(
    verdict(
      `whole task ≤ ${RATIO_TARGET}× raw inference`,
      ratio,
      RATIO_TARGET,
      `${seconds(task?.seconds ?? Number.NaN)} s ÷ ${seconds(raw?.seconds ?? Number.NaN)} s = ${ratio?.toFixed(2)}×`,
    ),
  );
  console.log(
    verdict(
      `${settings.bootstrap} bootstrap replicates ≤ ${100 * SHARE_TARGET}% of the whole`,
      share,
      SHARE_TARGET,
      `${seconds(bootstrapSeconds)} s of ${seconds(task?.seconds ?? Number.NaN)} s = ${share === undefined ? "?" : (100 * share).toFixed(1)}%`,
    ),
  );
  console.log(
    task
      ? `**peak RSS** of evaluate-against-champion: ${rssMb(task.maxRssKb)} MB (highest of ${tasks.length} runs; raw inference: ${raw ? rssMb(raw.maxRssKb) : "?"} MB)`
      : "**peak RSS** — not measured",
  );

  if (raws.length > 0) printBatches(raws, settings.batches);
  if (task) printTimings(task);
  console.log("");
}

function printBatches(raws: readonly RawChildResult[], batches: readonly number[]): void {
  console.log(`\nraw session.run by batch size (wall s, median of ${raws.length})`);
  console.log(`| model | ${batches.map((size) => `batches of ${batchLabel(String(size))}`).join(" | ")} |`);
  console.log(`|---|${batches.map(() => "---:").join("|")}|`);
  for (const role of ["champion", "challenger"] as const) {
    const cells = batches.map((size) =>
      seconds(median(raws.map((raw) => raw.models[role].seconds[size] ?? Number.NaN))),
    );
    console.log(`| ${MODEL_NAMES[role]} | ${cells.join(" | ")} |`);
  }
}

function printTimings(task: TaskFigures): void {
  const { timings } = task;
  const wallMs = task.seconds * 1000;
  const steps: [string, number][] = [
    ["load (models, registry)", timings.loadMs],
    ["score (reading the data included)", timings.scoreMs],
    ["metrics", timings.metricsMs],
    ["bootstrap", timings.bootstrapMs],
    ["report", timings.reportMs],
    ["total (the task's own clock)", timings.totalMs],
    ["outside the task's clock (wall − total: Node start, imports, exit)", wallMs - timings.totalMs],
  ];
  console.log("\nwhere the task's time goes (its JSON report's timings, medians per step)");
  console.log("| step | seconds | share of wall |");
  console.log("|---|---:|---:|");
  for (const [name, ms] of steps) {
    console.log(
      `| ${name} | ${seconds(ms / 1000)} | ${Number.isFinite(ms) ? `${((100 * ms) / wallMs).toFixed(1)}%` : ""} |`,
    );
  }
}

function crossChecks(raws: readonly RawChildResult[], tasks: readonly TaskChildResult[]): string[] {
  const raw = raws[0];
  if (!raw) return [];
  const notes = [
    `ROC AUC over all rows from raw inference: champion ${raw.models.champion.auc.toFixed(6)}, challenger ` +
      `${raw.models.challenger.auc.toFixed(6)} (ONNX Runtime ${raw.ortVersion})`,
  ];
  const task = tasks[0];
  if (task) {
    const aucs = (["champion", "challenger"] as const).map((role) => {
      const value = task.aucs[role];
      if (value === undefined) return `${role} ?`;
      const difference = Math.abs(value - raw.models[role].auc);
      return `${role} ${value.toFixed(6)} (${difference < 1e-9 ? "equal to raw inference's" : `raw inference's ± ${difference.toExponential(1)}`})`;
    });
    notes.push(
      `the task's report: verdict ${task.verdict ?? "?"}; ROC AUC ${aucs.join(", ")}; bootstrap over ` +
        `${task.resampled ?? "?"}; register (untimed) ${seconds(task.registerSeconds)} s`,
    );
  }
  return notes;
}

function perRun(raws: readonly RawChildResult[], tasks: readonly TaskChildResult[]): string[] {
  const list = (values: number[]) => values.map(seconds).join(", ");
  const notes = [
    `every run (s): raw champion ${list(raws.map((raw) => best(raw.models.champion.seconds)))}; raw challenger ` +
      `${list(raws.map((raw) => best(raw.models.challenger.seconds)))}` +
      (tasks.length > 0
        ? `; task ${list(tasks.map((task) => task.seconds))}; its bootstrap ${list(
            tasks.map((task) => (task.timings.bootstrapMs ?? Number.NaN) / 1000),
          )}; its peak RSS (MB) ${tasks.map((task) => rssMb(task.maxRssKb)).join(", ")}`
        : ""),
  ];
  return notes;
}
