/**
 * npm run bench -- train: the builtin trainer (trainBuiltin: logistic C=1 at its default tolerance
 * 1e-4, scikit-learn's tol; ridge alpha=1; with its imputation, standardisation, one-hot encoding,
 * training metrics and ONNX export) against the scikit-learn Pipeline it reproduces
 * (SimpleImputer(mean) + StandardScaler on the numbers, OneHotEncoder(handle_unknown="ignore") on the
 * categories, then LogisticRegression(C=1, lbfgs) or Ridge(alpha=1)), both on the same generated
 * table: 1M rows × 20 columns (17 numeric, three with ~5% missing; 3 categorical of 5, 12 and 20
 * levels), scored on a 200k-row held-out table of another seed. Each training runs in its own
 * process, so its peak RSS is its own. The issue's target: no slower than scikit-learn at equal
 * accuracy — time ÷ sklearn ≤ 1 and |held-out accuracy (R² for ridge) − sklearn's| ≤ 0.002.
 *
 * The tables are generated once into the bench cache (bench/train/generate.ts: column-contiguous
 * float64/int32 + a JSON header that Node reads with readSync and numpy with np.fromfile), so both
 * sides train on the same bytes; loading is timed apart from the fit. `writeTrainCsv` writes the
 * same rows as a CSV, for the `train` task measured end to end (bench/train/task-bench.ts): on that CSV
 * against pandas.read_csv + the same fit, and its overhead around a no-op training command (issue
 * target: < 200 ms) against that command run directly.
 *
 * Settings (environment, since the suite takes no arguments):
 *   BENCH_TRAIN_ROWS=1000000        training rows
 *   BENCH_TRAIN_HOLDOUT_ROWS=200000 held-out rows
 *   BENCH_TRAIN_TRAINERS=logistic,ridge
 *   BENCH_TRAIN_PYTHON=/usr/bin/python3
 *   BENCH_TRAIN_THREADS=            OpenMP/BLAS threads of the scikit-learn anchor; empty = its default (every CPU)
 *   BENCH_TRAIN_REPEAT=1            runs per fit and end-to-end measurement: the fastest counts, with the highest peak RSS
 *   BENCH_TRAIN_TASK_SAMPLES=10     train task overhead: samples of each kind (forced, command alone, cache hit); 0 skips
 *   BENCH_TRAIN_END_TO_END=1        train task end to end on the CSV of BENCH_TRAIN_ROWS rows (logistic); 0 skips
 */
import { readFileSync } from "node:fs";
import { machineLine, wholeNumberSetting } from "./measure.js";
import type { TrainerName } from "./train/child.js";
import { fastestOf } from "./train/fastest.js";
import { count, MB, progress, rssMb } from "./train/format.js";
import {
  ensureTrainTable,
  HOLDOUT_SEED,
  TRAIN_CACHE_DIR,
  TRAIN_GENERATOR_VERSION,
  TRAIN_SEED,
  type TrainTableFile,
} from "./train/generate.js";
import { checkSklearn, runMlgate, runSklearn, type TrainOutcome } from "./train/spawn.js";
import { runTaskMeasurements } from "./train/task-bench.js";

export { writeTrainCsv } from "./train/csv.js";
export { HOLDOUT_SEED, TRAIN_SEED } from "./train/generate.js";

interface Settings {
  rows: number;
  holdoutRows: number;
  trainers: TrainerName[];
  python: string;
  threads: number | undefined;
  repeat: number;
  taskSamples: number;
  endToEnd: boolean;
}

/** the issue's target: time ÷ scikit-learn's at most this */
const TIME_RATIO = 1;
/** … at equal accuracy (R² for ridge): the held-out scores at most this far apart */
const SCORE_DIFFERENCE = 0.002;

interface Measurement {
  trainer: TrainerName;
  label: string;
  outcome: TrainOutcome;
}

export async function runTrainBench(): Promise<void> {
  const settings = readSettings();
  const notes: string[] = [];
  const python = checkSklearn(settings.python, settings.threads);
  console.log(
    `
train benchmark — ${machineLine()}, ${python.ok ? python.versions : "scikit-learn: none"}, cache ${TRAIN_CACHE_DIR}`,
  );
  if (!python.ok) notes.push(`scikit-learn anchors skipped: ${python.reason}`);

  const train = prepare("training", settings.rows, TRAIN_SEED, notes);
  const holdout = prepare("held-out", settings.holdoutRows, HOLDOUT_SEED, notes);
  const measure = measurer(settings.repeat);
  const rows: string[][] = [];
  const verdicts: string[] = [];
  const measured: Measurement[] = [];

  for (const trainer of settings.trainers) {
    const mlgate = measure(trainer, `mlgate ${trainer}`, () => runMlgate(trainer, train.header, holdout.header));
    const sklearn = python.ok
      ? measure(trainer, `scikit-learn ${trainer}`, () =>
          runSklearn(settings.python, trainer, train.header, holdout.header, settings.threads),
        )
      : undefined;
    rows.push(row(mlgate, sklearn, true));
    if (sklearn) rows.push(row(sklearn));
    verdicts.push(verdict(mlgate, sklearn));
    measured.push(...[mlgate, sklearn].filter((m): m is Measurement => m !== undefined));
  }

  const runs = settings.repeat > 1 ? `, fastest of ${settings.repeat} runs` : "";
  console.log(
    `\ntrain: builtin trainer vs scikit-learn (${count(settings.rows)} rows × 20 columns, scored on ${count(
      settings.holdoutRows,
    )} held-out rows; each training in its own process${runs})`,
  );
  console.log(
    "| measure | fit seconds | rows/s | load seconds | peak RSS MB | held-out score | anchor | time ÷ anchor | score − anchor | target | met |",
  );
  console.log("|---|---:|---:|---:|---:|---:|---|---:|---:|---|---|");
  for (const cells of rows) console.log(`| ${cells.join(" | ")} |`);
  console.log("");
  for (const line of verdicts) console.log(line);
  console.log("");

  for (const { label, outcome } of measured) {
    notes.push(`${label}: ${outcome.ok ? outcome.result.detail : `FAILED ${outcome.reason}`}`);
  }
  notes.push(
    "fit seconds: trainBuiltin (encoding, solver, training metrics, ONNX export) / Pipeline.fit, after the table is in memory; " +
      "load seconds: the cached binary table into typed arrays and string columns / a pandas DataFrame; " +
      "peak RSS: the process's maxrss right after the fit (loading included, held-out scoring not); MB = 10^6 bytes; " +
      "held-out score: accuracy (logistic) or R² (ridge)",
  );
  for (const note of notes) console.log(`- ${note}`);

  const logistic = measured.find((m) => m.label === "mlgate logistic")?.outcome;
  runTaskMeasurements({
    samples: settings.taskSamples,
    endToEnd: settings.endToEnd,
    rows: settings.rows,
    repeat: settings.repeat,
    ...(python.ok ? { python: settings.python } : {}),
    ...(settings.threads === undefined ? {} : { threads: settings.threads }),
    ...(logistic?.ok ? { fitSeconds: logistic.result.seconds } : {}),
  });
}

function readSettings(): Settings {
  const trainers = (process.env.BENCH_TRAIN_TRAINERS || "logistic,ridge").split(",").map((name) => name.trim());
  for (const name of trainers) {
    if (name !== "logistic" && name !== "ridge") {
      throw new Error(`BENCH_TRAIN_TRAINERS: unknown trainer '${name}' (logistic, ridge)`);
    }
  }
  const threads = wholeNumberSetting("BENCH_TRAIN_THREADS", 0);
  return {
    rows: Math.max(2, wholeNumberSetting("BENCH_TRAIN_ROWS", 1_000_000)),
    holdoutRows: Math.max(1, wholeNumberSetting("BENCH_TRAIN_HOLDOUT_ROWS", 200_000)),
    trainers: trainers as TrainerName[],
    python: process.env.BENCH_TRAIN_PYTHON || "/usr/bin/python3",
    threads: threads > 0 ? threads : undefined,
    repeat: Math.max(1, wholeNumberSetting("BENCH_TRAIN_REPEAT", 1)),
    taskSamples: wholeNumberSetting("BENCH_TRAIN_TASK_SAMPLES", 10),
    endToEnd: process.env.BENCH_TRAIN_END_TO_END !== "0",
  };
}

function prepare(name: string, rows: number, seed: number, notes: string[]): TrainTableFile {
  progress(`${name} table ${count(rows)}: preparing…`);
  const table = ensureTrainTable(rows, seed);
  // read once, so every measurement starts with the table in the page cache
  readFileSync(table.data);
  const size = `${(table.bytes / MB).toFixed(0)} MB`;
  notes.push(
    table.generated
      ? `${name} table (${count(rows)} rows, seed ${seed}): generated ${size} in ${table.seconds.toFixed(1)} s (generator v${TRAIN_GENERATOR_VERSION})`
      : `${name} table (${count(rows)} rows, seed ${seed}): reused ${size} from the cache`,
  );
  return table;
}

/** Runs a measurement `repeat` times: the fastest run counts, with the highest peak RSS of all. */
const measurer =
  (repeat: number) =>
  (trainer: TrainerName, label: string, run: () => TrainOutcome): Measurement => {
    progress(`${label}…`);
    const outcome = fastestOf(repeat, run, (next) =>
      progress(next.ok ? `  ${next.result.seconds.toFixed(2)} s` : `  failed: ${next.reason}`),
    );
    return { trainer, label, outcome };
  };

function scoreName(trainer: TrainerName): string {
  return trainer === "logistic" ? "accuracy" : "R²";
}

/** A measured row, against its anchor when given; `targeted` rows carry the issue's target. */
function row(measurement: Measurement, anchor?: Measurement, targeted = false): string[] {
  const { outcome, trainer } = measurement;
  const label = anchor || targeted ? measurement.label : `*${measurement.label}* (anchor)`;
  if (!outcome.ok) return [label, "failed", "", "", "", "", "", "", "", "", ""];
  const { seconds, loadSeconds, maxRssKb, rows, score } = outcome.result;
  const reference = anchor?.outcome.ok ? anchor.outcome.result : undefined;
  const ratio = reference ? seconds / reference.seconds : undefined;
  const difference = reference ? score - reference.score : undefined;
  const met: string[] = [];
  if (targeted) {
    if (ratio === undefined || difference === undefined) met.push("no anchor");
    else {
      met.push(ratio <= TIME_RATIO ? "time yes" : "time **NO**");
      met.push(Math.abs(difference) <= SCORE_DIFFERENCE ? `${scoreName(trainer)} yes` : `${scoreName(trainer)} **NO**`);
    }
  }
  return [
    label,
    seconds.toFixed(2),
    Math.round(rows / seconds).toLocaleString("en"),
    loadSeconds.toFixed(2),
    rssMb(maxRssKb),
    `${scoreName(trainer)} ${score.toFixed(4)}`,
    anchor ? (reference ? anchor.label : `${anchor.label} (failed)`) : targeted ? "(skipped)" : "",
    ratio === undefined ? "" : `${ratio.toFixed(2)}×`,
    difference === undefined ? "" : signed(difference),
    targeted ? `≤ ${TIME_RATIO}×, ${scoreName(trainer)} within ±${SCORE_DIFFERENCE}` : "",
    met.join(", "),
  ];
}

function verdict(mlgate: Measurement, sklearn: Measurement | undefined): string {
  const what = `**${mlgate.trainer}**: no slower than scikit-learn at equal ${scoreName(mlgate.trainer)} (±${SCORE_DIFFERENCE})`;
  if (!mlgate.outcome.ok) return `${what} — mlgate FAILED`;
  if (!sklearn?.outcome.ok) return `${what} — not judged: ${sklearn ? "the anchor failed" : "no scikit-learn anchor"}`;
  const ratio = mlgate.outcome.result.seconds / sklearn.outcome.result.seconds;
  const difference = mlgate.outcome.result.score - sklearn.outcome.result.score;
  const fast = ratio <= TIME_RATIO;
  const equal = Math.abs(difference) <= SCORE_DIFFERENCE;
  return (
    `${what} — ${fast && equal ? "MET" : "**NOT MET**"}: time ${ratio.toFixed(2)}× (${fast ? "yes" : "no"}), ` +
    `${scoreName(mlgate.trainer)} ${signed(difference)} (${equal ? "yes" : "no"})`
  );
}

/** A score difference, to the resolution of accuracy on 200k rows (5e-6). */
function signed(value: number): string {
  const digits = Math.abs(value).toFixed(5);
  return Number(digits) === 0 ? "0" : `${value > 0 ? "+" : "−"}${digits}`;
}
