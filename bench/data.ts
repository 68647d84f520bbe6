/**
 * npm run bench -- data: profile throughput and drift on generated CSVs (1M rows × 20 mixed columns,
 * ~125 MB; 10M rows for memory), each measurement in its own process, beside its anchors in the
 * same run: DuckDB's SUMMARIZE (@duckdb/node-api) and, where python3 imports pandas and scipy, a
 * pandas/scipy script computing the same statistics (what Evidently and Great Expectations do).
 *
 * Settings (environment, since the suite takes no arguments):
 *   BENCH_DATA_ROWS=1000000        rows of the throughput and drift files
 *   BENCH_DATA_LARGE_ROWS=10000000 rows of the memory file; 0 skips it (also skipped when the disk is short)
 *   BENCH_DATA_PANDAS_LARGE=1      run the pandas profile on the large file too (~5 GB of RAM at 10M)
 *   BENCH_DATA_THREADS=2           DuckDB threads
 *   BENCH_DATA_PYTHON=/usr/bin/python3
 *   BENCH_DATA_REPEAT=1            runs per measurement: the fastest counts, with the highest peak RSS
 */
import { closeSync, existsSync, mkdirSync, openSync, readSync, statfsSync } from "node:fs";
import { CACHE_DIR, dataFile, ensureData, GENERATOR_VERSION, type GeneratedFile } from "./data/generate.js";
import { schemaFileOf } from "./data/schema-file.js";
import { checkPython, type Outcome, runNode, runPython } from "./data/spawn.js";
import { machineLine, wholeNumberSetting } from "./measure.js";

interface Settings {
  rows: number;
  largeRows: number;
  pandasLarge: boolean;
  threads: number;
  python: string;
  repeat: number;
}

const MB = 1e6;
/** peak RSS every mlgate measurement must stay under */
const RSS_LIMIT_MB = 300;
/** "flat": the large file's peak RSS at most this much above the small file's */
const FLAT_FACTOR = 1.2;
/** free space kept on the disk beyond the large file itself */
const DISK_MARGIN = 2e9;

interface Measurement {
  label: string;
  /** rows and bytes the measured process reads */
  rows: number;
  bytes: number;
  outcome: Outcome;
}

interface Target {
  anchor?: Measurement;
  /** time ÷ anchor's time at most this ("yes") */
  ratio?: number;
  /** time ÷ anchor's time never above this */
  ratioLimit?: number;
  /** peak RSS no more than FLAT_FACTOR × this one's */
  flatOf?: Measurement;
}

export async function runDataBench(): Promise<void> {
  const settings = readSettings();
  console.log(
    `
data benchmark — ${machineLine()}, cache ${CACHE_DIR} (generator v${GENERATOR_VERSION})`,
  );
  const notes: string[] = [];

  const reference = generate("reference", settings.rows, notes);
  const current = generate("current", settings.rows, notes);
  const large = settings.largeRows > 0 ? generateLarge(settings, reference, notes) : undefined;
  if (settings.largeRows === 0) notes.push("large file skipped: BENCH_DATA_LARGE_ROWS=0");

  const python = checkPython(settings.python);
  if (python.ok) notes.push(`pandas anchor: ${settings.python} with ${python.versions}`);
  else notes.push(`pandas anchors skipped: ${python.reason}`);

  const measure = measurer(settings.repeat);
  const referenceProfile = `${dataFile("reference", settings.rows)}.profile.json`;
  const small = count(settings.rows);
  const threads = String(settings.threads);

  const mlgateSmall = measure(`mlgate profile (${small})`, reference, () =>
    runNode("profile", reference.file, referenceProfile),
  );
  const duckSmall = measure(`DuckDB SUMMARIZE, ${threads} threads (${small})`, reference, () =>
    runNode("duckdb", reference.file, threads),
  );
  const mlgateValidate = mlgateSmall.outcome.ok
    ? measure(`mlgate profile + validate (${small})`, reference, () =>
        runNode("validate", schemaFileOf(referenceProfile), reference.file),
      )
    : undefined;
  const pandasSmall = python.ok
    ? measure(`pandas profile (${small})`, reference, () => runPython(settings.python, "profile", reference.file))
    : undefined;

  let mlgateLarge: Measurement | undefined;
  let duckLarge: Measurement | undefined;
  let pandasLarge: Measurement | undefined;
  if (large) {
    const big = count(large.rows);
    mlgateLarge = measure(`mlgate profile (${big})`, large, () => runNode("profile", large.file));
    duckLarge = measure(`DuckDB SUMMARIZE, ${threads} threads (${big})`, large, () =>
      runNode("duckdb", large.file, threads),
    );
    if (python.ok && settings.pandasLarge) {
      pandasLarge = measure(`pandas profile (${big})`, large, () => runPython(settings.python, "profile", large.file));
    } else if (python.ok) {
      notes.push(
        `pandas profile (${big}) skipped: it needs ~5 GB of RAM at 10M rows; BENCH_DATA_PANDAS_LARGE=1 runs it`,
      );
    }
  }

  const mlgateDrift = mlgateSmall.outcome.ok
    ? measure(`mlgate drift: stored ${small} profile vs current ${small}`, current, () =>
        runNode("drift", referenceProfile, current.file),
      )
    : undefined;
  if (!mlgateDrift) notes.push("mlgate drift skipped: the reference profile was not written");
  const pandasDrift = python.ok
    ? measure(
        `pandas/scipy drift: ${small} vs ${small} CSVs`,
        { rows: reference.rows + current.rows, bytes: reference.bytes + current.bytes },
        () => runPython(settings.python, "drift", reference.file, current.file),
        current.rows,
      )
    : undefined;

  const rows: string[][] = [];
  rows.push(row(mlgateSmall, { anchor: duckSmall, ratio: 1, ratioLimit: 2 }));
  if (mlgateValidate) rows.push(row(mlgateValidate, { anchor: duckSmall, ratio: 1, ratioLimit: 2 }));
  rows.push(row(duckSmall));
  if (pandasSmall) rows.push(row(pandasSmall));
  if (pandasSmall) rows.push(row(mlgateSmall, { anchor: pandasSmall }));
  if (mlgateLarge) rows.push(row(mlgateLarge, { anchor: duckLarge, ratio: 1, ratioLimit: 2, flatOf: mlgateSmall }));
  if (duckLarge) rows.push(row(duckLarge));
  if (pandasLarge) rows.push(row(pandasLarge));
  if (mlgateDrift) rows.push(row(mlgateDrift, { anchor: pandasDrift, ratio: 0.1 }));
  if (pandasDrift) rows.push(row(pandasDrift));
  const runs = settings.repeat > 1 ? `, fastest of ${settings.repeat} runs` : "";
  printDataTable(
    `data: profile and drift (${small} rows × 20 columns; each measurement in its own process${runs})`,
    rows,
  );

  for (const measurement of [
    mlgateSmall,
    mlgateValidate,
    duckSmall,
    pandasSmall,
    mlgateLarge,
    duckLarge,
    pandasLarge,
    mlgateDrift,
    pandasDrift,
  ]) {
    if (!measurement) continue;
    const { outcome } = measurement;
    notes.push(`${measurement.label}: ${outcome.ok ? outcome.result.detail : `FAILED ${outcome.reason}`}`);
  }
  notes.push(
    "seconds: from the data's first byte to the result (process start and imports excluded); MB = 10^6 bytes; " +
      "MB/s and rows/s over what the process reads (pandas drift reads both files, mlgate drift only the current one); " +
      "peak RSS: the process's maxrss; every file is read once before the measurements, so all start with it in the page cache",
  );
  for (const note of notes) console.log(`- ${note}`);
}

function readSettings(): Settings {
  return {
    rows: Math.max(1, wholeNumberSetting("BENCH_DATA_ROWS", 1_000_000)),
    largeRows: wholeNumberSetting("BENCH_DATA_LARGE_ROWS", 10_000_000),
    pandasLarge: process.env.BENCH_DATA_PANDAS_LARGE === "1",
    threads: Math.max(1, wholeNumberSetting("BENCH_DATA_THREADS", 2)),
    python: process.env.BENCH_DATA_PYTHON || "/usr/bin/python3",
    repeat: Math.max(1, wholeNumberSetting("BENCH_DATA_REPEAT", 1)),
  };
}

function generate(variant: "reference" | "current", rows: number, notes: string[]): GeneratedFile {
  progress(`${variant} ${count(rows)}: ${rows >= 5_000_000 ? "generating (about a minute)" : "preparing"}…`);
  const file = ensureData(variant, rows);
  warmPageCache(file.file);
  const size = `${(file.bytes / MB).toFixed(0)} MB`;
  notes.push(
    file.generated
      ? `${variant} ${count(rows)} rows: generated ${size} in ${file.seconds.toFixed(1)} s`
      : `${variant} ${count(rows)} rows: reused ${size} from the cache`,
  );
  return file;
}

/** Reads the file once, so that no measurement pays for the disk and the first one is not the only one that does. */
function warmPageCache(file: string): void {
  const buffer = Buffer.allocUnsafe(8 << 20);
  const fd = openSync(file, "r");
  try {
    while (readSync(fd, buffer, 0, buffer.length, null) > 0);
  } finally {
    closeSync(fd);
  }
}

/** The large file when it is cached or the disk has room for it (its size extrapolated from the small file's). */
function generateLarge(settings: Settings, small: GeneratedFile, notes: string[]): GeneratedFile | undefined {
  const file = dataFile("reference", settings.largeRows);
  mkdirSync(CACHE_DIR, { recursive: true });
  const stats = statfsSync(CACHE_DIR);
  const free = stats.bavail * stats.bsize;
  const needed = (small.bytes / small.rows) * settings.largeRows;
  const cached = existsSync(file);
  if (!cached && free < needed + DISK_MARGIN) {
    notes.push(
      `large file (${count(settings.largeRows)} rows) skipped: ${(free / 1e9).toFixed(1)} GB free in ${CACHE_DIR}, ` +
        `it needs ~${(needed / 1e9).toFixed(1)} GB plus ${DISK_MARGIN / 1e9} GB to spare`,
    );
    return undefined;
  }
  if (!cached) notes.push(`disk: ${(free / 1e9).toFixed(1)} GB free, enough for the ${count(settings.largeRows)} file`);
  return generate("reference", settings.largeRows, notes);
}

type Measure = (
  label: string,
  data: { rows: number; bytes: number },
  run: () => Outcome,
  /** the rows the process reports (the current file's, for drift) */
  countedRows?: number,
) => Measurement;

/** Runs a measurement `repeat` times: the fastest run counts, with the highest peak RSS of all. */
const measurer =
  (repeat: number): Measure =>
  (label, data, run, countedRows = data.rows) => {
    progress(`${label}…`);
    let outcome: Outcome | undefined;
    for (let attempt = 0; attempt < repeat && outcome?.ok !== false; attempt++) {
      const next = run();
      progress(next.ok ? `  ${next.result.seconds.toFixed(2)} s` : `  failed: ${next.reason}`);
      if (!next.ok || !outcome?.ok) outcome = next;
      else {
        const fastest = next.result.seconds < outcome.result.seconds ? next.result : outcome.result;
        const maxRssKb = Math.max(next.result.maxRssKb, outcome.result.maxRssKb);
        outcome = { ok: true, result: { ...fastest, maxRssKb } };
      }
    }
    if (!outcome) throw new Error("repeat must be at least 1");
    if (outcome.ok && outcome.result.rows !== countedRows) {
      progress(`  warning: it counted ${outcome.result.rows} rows, not ${countedRows}`);
    }
    return { label, rows: data.rows, bytes: data.bytes, outcome };
  };

/** A measured row against its target, or without one an anchor's row. */
function row(measurement: Measurement, target?: Target): string[] {
  const { outcome } = measurement;
  const label = target ? measurement.label : `*${measurement.label}* (anchor)`;
  if (!target) target = {};
  const anchor = target.anchor?.outcome.ok ? target.anchor : undefined;
  if (!outcome.ok) return [label, count(measurement.rows), "failed", "", "", "", "", "", "", ""];
  const { seconds, maxRssKb } = outcome.result;
  const rssMb = (maxRssKb * 1024) / MB;
  const ratio = anchor?.outcome.ok ? seconds / anchor.outcome.result.seconds : undefined;
  const wanted: string[] = [];
  const met: string[] = [];
  if (target.ratio !== undefined) {
    const limit = target.ratioLimit;
    wanted.push(
      target.ratio < 1
        ? `≤ ${target.ratio}× (≥ ${1 / target.ratio}× faster)`
        : `≤ ${target.ratio}×${limit ? ` (never > ${limit}×)` : ""}`,
    );
    if (ratio === undefined) met.push("time: no anchor");
    else if (ratio <= target.ratio) met.push("time yes");
    else if (limit !== undefined && ratio <= limit) met.push(`time no (within ${limit}×)`);
    else met.push(`time **NO**${limit ? ` (over ${limit}×)` : ""}`);
  }
  if (target.ratio !== undefined) {
    wanted.push(`RSS ≤ ${RSS_LIMIT_MB} MB`);
    met.push(rssMb <= RSS_LIMIT_MB ? "RSS yes" : "RSS **NO**");
  }
  if (target.flatOf?.outcome.ok) {
    const base = (target.flatOf.outcome.result.maxRssKb * 1024) / MB;
    wanted.push(`flat (≤ ${FLAT_FACTOR}× the ${count(target.flatOf.rows)} RSS)`);
    met.push(
      rssMb <= base * FLAT_FACTOR
        ? `flat yes (${(rssMb / base).toFixed(2)}×)`
        : `flat **NO** (${(rssMb / base).toFixed(2)}×)`,
    );
  }
  return [
    label,
    count(measurement.rows),
    seconds.toFixed(2),
    (measurement.bytes / MB / seconds).toFixed(1),
    Math.round(measurement.rows / seconds).toLocaleString("en"),
    rssMb.toFixed(0),
    anchor ? anchor.label : target.anchor ? `${target.anchor.label} (failed)` : target.ratio ? "(skipped)" : "",
    ratio === undefined ? "" : `${ratio.toFixed(2)}×`,
    wanted.join("; "),
    met.join(", "),
  ];
}

function printDataTable(title: string, rows: readonly string[][]): void {
  console.log(`\n${title}`);
  console.log("| measure | rows | seconds | MB/s | rows/s | peak RSS MB | anchor | time ÷ anchor | target | met |");
  console.log("|---|---:|---:|---:|---:|---:|---|---:|---|---|");
  for (const cells of rows) console.log(`| ${cells.join(" | ")} |`);
  console.log("");
}

function count(rows: number): string {
  return rows % 1_000_000 === 0 ? `${rows / 1_000_000}M` : rows.toLocaleString("en");
}

function progress(message: string): void {
  process.stderr.write(`${message}\n`);
}
