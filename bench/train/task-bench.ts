/**
 * The `train` task's part of `npm run bench -- train`, each run in a fresh process (task-child.ts),
 * in a temporary git checkout (the code digest lists the tracked files):
 *  - overhead: the task around a no-op command (it copies a committed 210-byte ONNX regressor into
 *    MLGATE_OUTPUT_DIR; the data: a committed CSV of 3 float columns, the regressor's [batch, 3]
 *    `features`), forced so it trains, against the same command through /bin/sh -c timed the same
 *    way; overhead = task − command, paired sample by sample. Then the run-cache hit (no force): all
 *    of it is overhead. Where the time goes comes from the points the task reports through its host
 *    port (TaskPoints), nothing inside src/.
 *  - end to end: the task with `trainer: logistic` on the training table's CSV form (every feature
 *    column, `validation-fraction: 0`, so it fits every row as the anchor does), against pandas.read_csv
 *    and the same scikit-learn Pipeline.fit. The CSV stays outside the checkout (data is rarely in git,
 *    and the code digest would hash it); only the params file is committed.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { seededRandom } from "../../src/core/seeded-random.js";
import { type Outcome, ROOT } from "../child-process.js";
import { percentile } from "../measure.js";
import { ensureTrainCsv, type TrainCsvFile } from "./csv.js";
import { fastestOf } from "./fastest.js";
import { count, MB, progress, rssMb } from "./format.js";
import { FEATURES, TRAIN_SEED } from "./generate.js";
import { runCommand, runSklearnCsv, runTask, type TrainOutcome } from "./spawn.js";
import type { CommandChildResult, TaskChildResult, TaskPoints } from "./task-child.js";

/** the issue's target: the task's own time around the training command */
const OVERHEAD_TARGET_MS = 200;
const MODEL = path.join(ROOT, "test/fixtures/onnx/regressor.onnx");
const TINY_ROWS = 100;

export interface TaskSettings {
  /** overhead samples of each kind; 0 skips them */
  samples: number;
  endToEnd: boolean;
  rows: number;
  repeat: number;
  /** the scikit-learn anchor's python, when it imports scikit-learn */
  python?: string;
  threads?: number;
  /** the builtin logistic fit alone on the same rows (the fit table), for the end-to-end notes */
  fitSeconds?: number;
}

/** A temporary git checkout holding `files`, committed. */
function gitWorkspace(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "mlgate-bench-train-task-"));
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
  const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, stdio: "ignore" });
  git("init", "-q", "-b", "main");
  git("add", "-A");
  git(
    "-c",
    "user.name=bench",
    "-c",
    "user.email=bench@example.com",
    "-c",
    "commit.gpgsign=false",
    "commit",
    "-qm",
    "bench",
  );
  return dir;
}

/** `rows` rows of three floats, named so no column looks like a label: the regressor's features. */
function tinyCsv(rows: number): string {
  const random = seededRandom(TRAIN_SEED);
  const lines = ["x1,x2,x3"];
  for (let i = 0; i < rows; i++)
    lines.push([random(), random(), random()].map((v) => (v * 4 - 2).toFixed(3)).join(","));
  return `${lines.join("\n")}\n`;
}

function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

// ── overhead ────────────────────────────────────────────────────────────────────────────────

interface Overhead {
  command: string;
  /** forced runs and their anchors, paired by index */
  forced: TaskChildResult[];
  direct: CommandChildResult[];
  hits: TaskChildResult[];
  failure?: string;
}

function measureOverhead(samples: number): Overhead {
  const command = `cp ${shellQuote(MODEL)} "$MLGATE_OUTPUT_DIR/model.onnx"`;
  const workspace = gitWorkspace({ "data.csv": tinyCsv(TINY_ROWS) });
  const inputs = { data: "data.csv", command };
  const result: Overhead = { command, forced: [], direct: [], hits: [] };
  const take = <T>(outcome: Outcome<T>, what: string): T | undefined => {
    if (outcome.ok) return outcome.result;
    result.failure = `${what}: ${outcome.reason}`;
    return undefined;
  };
  try {
    // once each untimed: the page cache holds Node, tsx's transpiled src/ and ONNX Runtime's library
    progress(`train task overhead: ${samples} samples of each kind…`);
    if (!take(runTask(workspace, { ...inputs, force: "true" }), "warm-up task")) return result;
    if (!take(runCommand(workspace, command), "warm-up command")) return result;
    for (let i = 0; i < samples; i++) {
      const forced = take(runTask(workspace, { ...inputs, force: "true" }), "forced task");
      const direct = forced && take(runCommand(workspace, command), "the command through /bin/sh -c");
      if (!forced || !direct) return result;
      result.forced.push(forced);
      result.direct.push(direct);
    }
    for (let i = 0; i < samples; i++) {
      const hit = take(runTask(workspace, inputs), "run-cache hit");
      if (!hit) return result;
      if (!hit.cached) {
        result.failure = "the run without force trained instead of hitting the run cache";
        return result;
      }
      result.hits.push(hit);
    }
    return result;
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

type Span = [from: keyof TaskPoints | undefined, to: keyof TaskPoints];

/** The task's steps between the points it reports: on a forced run, and on a run-cache hit (which reports fewer). */
const STEPS: { name: string; forced: Span; hit?: Span }[] = [
  { name: "data read and profiled", forced: [undefined, "profiled"], hit: [undefined, "profiled"] },
  {
    name: "code digest (git ls-files, git status), environment, registry, champion",
    forced: ["profiled", "trial"],
    hit: ["profiled", "trial"],
  },
  {
    // ONNX Runtime loads while the command runs, so the two are one step seen from outside
    name: "the command (ONNX Runtime loading alongside), the model checked, objects, run record and cache entry stored / *on a hit:* the run-cache lookup",
    forced: ["trial", "stored"],
    hit: ["trial", "stored"],
  },
  { name: "report rendered", forced: ["stored", "summary"], hit: ["stored", "summary"] },
  {
    name: "outputs delivered (copied; on a hit, restored from the store)",
    forced: ["summary", "end"],
    hit: ["summary", "end"],
  },
];

/** p50 over the runs of one step's milliseconds; NaN when a run did not report both ends. */
function stepP50(runs: readonly TaskChildResult[], [from, to]: Span): number {
  return percentile(
    runs.map((run) => (run.points[to] ?? Number.NaN) - (from === undefined ? 0 : (run.points[from] ?? Number.NaN))),
    50,
  );
}

function printOverhead(overhead: Overhead, samples: number): void {
  const ms = (value: number) => value.toFixed(1);
  const p = (values: readonly number[]) => [ms(percentile(values, 50)), ms(percentile(values, 95))];
  const forced = overhead.forced.map((run) => run.seconds * 1000);
  const direct = overhead.direct.map((run) => run.seconds * 1000);
  const paired = forced.map((time, i) => time - (direct[i] as number));
  const hits = overhead.hits.map((run) => run.seconds * 1000);
  console.log(
    `\ntrain task: overhead around a no-op command (${samples} samples of each, each in a fresh process, ` +
      `after one untimed warm-up; data: ${TINY_ROWS} rows × 3 floats, committed)`,
  );
  console.log("| measure | p50 ms | p95 ms | target | met |");
  console.log("|---|---:|---:|---|---|");
  const met = (values: readonly number[]) =>
    [50, 95].map((q) => `p${q} ${percentile(values, q) < OVERHEAD_TARGET_MS ? "yes" : "**NO**"}`).join(", ");
  const line = (cells: string[]) => console.log(`| ${cells.join(" | ")} |`);
  if (forced.length > 0) {
    line(["train task, force: true (wall of train.run)", ...p(forced), "", ""]);
    line(["*the command through /bin/sh -c* (anchor)", ...p(direct), "", ""]);
    line(["**overhead**: task − command, paired", ...p(paired), `< ${OVERHEAD_TARGET_MS} ms`, met(paired)]);
  }
  if (hits.length > 0) {
    line([
      "train task, run-cache hit (wall; all overhead: nothing trains)",
      ...p(hits),
      `< ${OVERHEAD_TARGET_MS} ms`,
      met(hits),
    ]);
  }
  if (overhead.failure) line([`FAILED: ${overhead.failure}`, "", "", "", ""]);
  if (forced.length === 0) return;

  console.log("");
  console.log("| where the task's time goes (p50 of each step) | forced ms | run-cache hit ms |");
  console.log("|---|---:|---:|");
  for (const step of STEPS) {
    const hit = step.hit && overhead.hits.length > 0 ? ms(stepP50(overhead.hits, step.hit)) : "";
    line([step.name, ms(stepP50(overhead.forced, step.forced)), hit]);
  }
  const ortImport = overhead.direct.map((run) => run.ortImportSeconds * 1000);
  console.log(
    `\n- overhead: the command \`${overhead.command}\`; alone (the anchor) p50 ${ms(percentile(direct, 50))} ms, and ` +
      `importing onnxruntime-node alone in a fresh process took p50 ${ms(percentile(ortImport, 50))} ms; ` +
      `p95 is the nearest rank: ${nearestRank(samples)}`,
  );
  console.log(
    "- the step times come from when the task calls its host port — the data pass's last progress update, " +
      "ctx.now() at a run's start and end, the summary — so they split what src/ does " +
      "without timing inside it",
  );
  const peak = Math.max(...overhead.forced.map((run) => run.maxRssKb));
  console.log(
    `- overhead runs: ${overhead.forced[0]?.runtime ?? "ONNX Runtime not logged"}; peak RSS at most ${rssMb(peak)} MB (tsx included)`,
  );
}

function nearestRank(samples: number): string {
  const rank = Math.ceil(0.95 * samples);
  return rank === samples ? `with ${samples} samples, the slowest` : `sample ${rank} of ${samples}, fastest first`;
}

// ── end to end ─────────────────────────────────────────────────────────────────────────────

interface EndToEnd {
  csv: TrainCsvFile;
  task: Outcome<TaskChildResult>;
  anchor?: TrainOutcome;
}

function measureEndToEnd(settings: TaskSettings): EndToEnd {
  progress(`CSV of ${count(settings.rows)} rows: preparing…`);
  const csv = ensureTrainCsv(settings.rows);
  // read once, so both sides start with the file in the page cache
  readFileSync(csv.file);
  const workspace = gitWorkspace({ "params.yml": "validation-fraction: 0\n" });
  try {
    const inputs = {
      data: csv.file,
      trainer: "logistic",
      target: "label",
      features: FEATURES.join(","),
      params: "params.yml",
      force: "true",
    };
    progress("train task, logistic, end to end…");
    const task = fastestOf(settings.repeat, () => runTask(workspace, inputs), report);
    let anchor: TrainOutcome | undefined;
    if (settings.python) {
      const python = settings.python;
      progress("scikit-learn: read_csv + Pipeline.fit…");
      anchor = fastestOf(settings.repeat, () => runSklearnCsv(python, "logistic", csv.file, settings.threads), report);
    }
    return { csv, task, ...(anchor ? { anchor } : {}) };
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

function report(outcome: Outcome<{ seconds: number }>): void {
  progress(outcome.ok ? `  ${outcome.result.seconds.toFixed(2)} s` : `  failed: ${outcome.reason}`);
}

function printEndToEnd({ csv, task, anchor }: EndToEnd, settings: TaskSettings): void {
  const { repeat, fitSeconds } = settings;
  const runs = repeat > 1 ? `, fastest of ${repeat} runs` : "";
  console.log(
    `\ntrain task end to end: logistic on the training table as CSV (${count(csv.rows)} rows × 20 features, ` +
      `${(csv.bytes / MB).toFixed(0)} MB, outside the checkout), validation-fraction 0; each in its own process${runs}`,
  );
  console.log("| measure | seconds | rows/s | peak RSS MB | training accuracy | anchor | time ÷ anchor |");
  console.log("|---|---:|---:|---:|---:|---|---:|");
  const anchorName = "pandas.read_csv + Pipeline.fit";
  const reference = anchor?.ok ? anchor.result : undefined;
  if (task.ok) {
    const { seconds, maxRssKb, metrics } = task.result;
    const accuracy = metrics?.train?.accuracy;
    console.log(
      `| train task (train.run, wall) | ${seconds.toFixed(2)} | ${Math.round(csv.rows / seconds).toLocaleString("en")} | ` +
        `${rssMb(maxRssKb)} | ${accuracy === undefined ? "" : accuracy.toFixed(4)} | ` +
        `${anchor ? (reference ? anchorName : `${anchorName} (failed)`) : "(skipped)"} | ` +
        `${reference ? `${(seconds / reference.seconds).toFixed(2)}×` : ""} |`,
    );
  } else console.log(`| train task | FAILED | | | | | |`);
  if (anchor) {
    console.log(
      reference
        ? `| *${anchorName}* (anchor) | ${reference.seconds.toFixed(2)} | ${Math.round(reference.rows / reference.seconds).toLocaleString("en")} | ` +
            `${rssMb(reference.maxRssKb)} | ${reference.score.toFixed(4)} |  |  |`
        : `| *${anchorName}* (anchor) | FAILED | | | | | |`,
    );
  }
  console.log("");
  const what = "**train task end to end** (informational: the issue's speed target is the fit comparison above)";
  if (!task.ok) console.log(`${what} — the task FAILED: ${task.reason}`);
  else if (!reference)
    console.log(`${what} — no anchor${anchor && !anchor.ok ? `: it failed (${anchor.reason})` : ""}`);
  else console.log(`${what}: ${(task.result.seconds / reference.seconds).toFixed(2)}× scikit-learn's read_csv + fit`);

  const notes: string[] = [
    csv.generated
      ? `end-to-end CSV: generated ${(csv.bytes / MB).toFixed(0)} MB in ${csv.seconds.toFixed(1)} s (${csv.file})`
      : `end-to-end CSV: reused ${(csv.bytes / MB).toFixed(0)} MB from the cache (${csv.file})`,
  ];
  if (task.ok) {
    const { points } = task.result;
    const s = (from: number | undefined, to: number | undefined) =>
      from === undefined || to === undefined ? "?" : ((to - from) / 1000).toFixed(2);
    notes.push(
      `train task steps: data read and profiled ${s(0, points.profiled)} s; code digest, environment, registry ` +
        `${s(points.profiled, points.trial)} s; training (fitted on the columns gathered in the profile's pass, ` +
        `exported), ONNX Runtime loaded, the model checked and the objects (the data profile among them), run record ` +
        `and cache entry stored ${s(points.trial, points.stored)} s` +
        `${fitSeconds === undefined ? "" : ` (the fit alone: ${fitSeconds.toFixed(2)} s in the table above)`}; ` +
        `report and outputs ${s(points.stored, points.end)} s; metrics.json ${JSON.stringify(task.result.metrics ?? {})}`,
    );
  }
  if (reference) {
    notes.push(
      `${anchorName}: read_csv ${reference.loadSeconds.toFixed(2)} s, then fit ` +
        `${(reference.seconds - reference.loadSeconds).toFixed(2)} s; ${reference.detail}; training accuracy scored after the clock`,
    );
  }
  for (const note of notes) console.log(`- ${note}`);
}

/** The task's measurements, each table printed as it is done. */
export function runTaskMeasurements(settings: TaskSettings): void {
  if (settings.samples > 0) printOverhead(measureOverhead(settings.samples), settings.samples);
  if (settings.endToEnd) printEndToEnd(measureEndToEnd(settings), settings);
}
