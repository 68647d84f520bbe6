/**
 * npm run bench -- serve: `mlgate serve` under load on loopback, beside its anchors in the same run, every
 * server serving the same model (a logistic regression on 8 numeric + 2 categorical columns, bench/serve/data.ts)
 * and checked to answer the same probabilities (±1e-5) before it is measured:
 *  - FastAPI + uvicorn (one worker, its defaults: access log on), the model in scikit-learn, a pydantic record
 *    model, a DataFrame of the posted records and predict_proba (bench/anchors/serve_fastapi.py), with a plain
 *    `def` endpoint and with an `async def` one; Debian's python3-fastapi, python3-uvicorn, python3-sklearn
 *    and python3-pandas, installed with apt-get when missing and the bench runs as root;
 *  - a bare `node:http` + onnxruntime-node server (bench/serve/bare-server.ts): one session of the ONNX model,
 *    JSON.parse, one tensor per column, session.run, JSON.stringify; no batching, logging or metrics;
 *  - `mlgate serve churn@production` of the same ONNX model (trained by `mlgate train --trainer logistic`,
 *    registered in a fresh file registry), with prediction logging and metrics on (its defaults, `--log-to`
 *    a temporary folder): the target configuration; and with `--log-sample BENCH_SERVE_LOG_SAMPLE`.
 * Load: autocannon in a process of its own (bench/serve/load-child.ts), 50 keep-alive connections POSTing the
 * same JSON array of records (1 row, then 100 rows), a warm-up then a bounded run; every server in its own
 * process, started fresh each round (rounds alternate the servers' order), the best round counting.
 *
 * The issue's targets: mlgate ≥ 10 × FastAPI's requests/s, and ≥ 1 × the bare Node server's, with logging and
 * metrics on; no non-2xx answer or error; peak RSS reported.
 *
 * Settings (environment, since the suite takes no arguments):
 *   BENCH_SERVE_SECONDS=8          measured seconds per server and request size
 *   BENCH_SERVE_WARMUP_SECONDS=2   warm-up seconds before each measured run (0: none)
 *   BENCH_SERVE_CONNECTIONS=50     autocannon connections
 *   BENCH_SERVE_REPEAT=2           rounds; per server and size the round with the most requests/s counts
 *   BENCH_SERVE_SERVERS=fastapi,fastapi-async,bare,mlgate,mlgate-sampled   which servers to run
 *   BENCH_SERVE_LOG_SAMPLE=0.1     --log-sample of the `mlgate-sampled` configuration
 *   BENCH_SERVE_MLGATE_ARGS=       more arguments for both mlgate configurations (`--workers 2`), split at spaces
 *   BENCH_SERVE_PYTHON=/usr/bin/python3   Debian's python, not the first python3 on PATH
 *   BENCH_SERVE_INSTALL=1          apt-get install the Python anchor's packages when missing (0: never)
 *   BENCH_SERVE_CLI=dist/cli.js    the built CLI (relative to the repository)
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";
import { cleanEnv, ROOT, runJsonChild } from "./child-process.js";
import { machineLine, wholeNumberSetting } from "./measure.js";
import type { LoadResult, LoadSettings } from "./serve/load-child.js";
import {
  ensureServeInputs,
  FASTAPI_ANCHOR,
  MODEL_NAME,
  PARAMS,
  REQUEST_ROWS,
  registerModel,
  SERVE_CACHE_DIR,
  SERVE_GENERATOR_VERSION,
  type ServeInputs,
  TABLE_ROWS,
} from "./serve/prepare.js";
import { peakRss, type RunningServer, startServer, stopServer, tail } from "./serve/server-process.js";
import { CHECK_TOLERANCE, probabilities, type Verification, verify, waitReady } from "./serve/verify.js";
import { count, MB, progress, rssMb } from "./train/format.js";

const LOAD_CHILD = fileURLToPath(new URL("./serve/load-child.ts", import.meta.url));
const BARE_SERVER = fileURLToPath(new URL("./serve/bare-server.ts", import.meta.url));
const PYTHON_PACKAGES = ["python3-fastapi", "python3-uvicorn", "python3-sklearn", "python3-pandas"];

/** the issue's targets: mlgate's requests/s ÷ FastAPI's at least this … */
const FASTAPI_TARGET = 10;
/** … and ÷ the bare Node server's at least this */
const BARE_TARGET = 1;
/** the issue's own figures, printed beside ours */
const ISSUE_FIGURES =
  "FastAPI ≈ 3.9k single-row req/s (≈ 7k with `async def`), ≈ 570 req/s at 100 rows; bare Node ≈ 41k single-row req/s (p99 ≈ 2 ms), ≈ 6.6k at 100 rows";
const START_TIMEOUT_MS = 120_000;
const SIZES = [1, REQUEST_ROWS] as const;

type ServerKey = "fastapi" | "fastapi-async" | "bare" | "mlgate" | "mlgate-sampled";
const SERVER_KEYS: readonly ServerKey[] = ["fastapi", "fastapi-async", "bare", "mlgate", "mlgate-sampled"];

interface Settings {
  seconds: number;
  warmup: number;
  connections: number;
  repeat: number;
  servers: ServerKey[];
  logSample: string;
  mlgateArgs: string[];
  python: string;
  install: boolean;
  cli: string;
}

interface ServerSpec {
  key: ServerKey;
  label: string;
  /** what the process runs, given this run's folder */
  command: (run: string) => { command: string; args: string[]; env: Record<string, string> };
  /** GET path that answers 200 once ready (mlgate), else readiness is the first answered POST */
  readyPath?: string;
  /** the folder its prediction logs go to, given this run's folder and round */
  logDir?: (run: string, round: number) => string;
}

interface Measured {
  round: number;
  load: LoadResult;
}

/** CPU cores in use over a run: the server's, autocannon's, and everything else's on the machine */
function cores(load: LoadResult): { server: number; autocannon: number; other: number } {
  const server = load.serverCpuSeconds / load.seconds;
  const autocannon = load.cpuSeconds / load.seconds;
  return { server, autocannon, other: Math.max(0, load.machineBusySeconds / load.seconds - server - autocannon) };
}

interface ServerRecord {
  spec: ServerSpec;
  runs: Record<number, Measured[]>;
  peakRssKb: number;
  processes: number;
  startMs: number[];
  stops: { ms: number; graceful: boolean }[];
  /** per round: bytes in the log folder after the stop, and the rows the server answered */
  logs: { bytes: number; files: number; rows: number }[];
  verification?: Verification;
  failure?: string;
  skipped?: string;
}

export async function runServeBench(): Promise<void> {
  const settings = readSettings();
  console.log(`\nserve benchmark — ${machineLine()}, cache ${SERVE_CACHE_DIR} (generator v${SERVE_GENERATOR_VERSION})`);
  console.log(
    `NOTE: loopback on a small, shared machine (${os.cpus().length} CPUs): autocannon, the server and whatever else runs ` +
      "share them (the CPU columns; `others` is every other process), so figures move by 10–20% from run to run and " +
      "only ratios within one run mean much.",
  );
  const notes: string[] = [];

  const wantsPython = settings.servers.some((key) => key.startsWith("fastapi"));
  const python = wantsPython ? pythonAnchor(settings) : { ok: false as const, reason: "not requested" };
  if (wantsPython && !python.ok) {
    const message = `FASTAPI ANCHORS SKIPPED: ${python.reason}`;
    console.log(`\n**${message}**`);
    progress(`\n!!! ${message} !!!\n`);
  }

  progress("inputs: preparing (table, mlgate train, scikit-learn fit)…");
  const inputs = ensureServeInputs(settings.cli, existsSync(settings.python) ? settings.python : undefined);
  notes.push(describeInputs(inputs));
  if (python.ok && inputs.sklearn) notes.push(sklearnAlone(settings.python, inputs));

  const serve = serveAvailable(settings.cli);
  const run = mkdtempSync(path.join(os.tmpdir(), "mlgate-bench-serve-"));
  try {
    if (serve.ok) registerModel(settings.cli, inputs.onnx, path.join(run, "registry"));
    const specs = serverSpecs(settings, inputs).filter((spec) => settings.servers.includes(spec.key));
    const records = new Map<ServerKey, ServerRecord>(
      specs.map((spec) => [
        spec.key,
        { spec, runs: { 1: [], [REQUEST_ROWS]: [] }, peakRssKb: 0, processes: 0, startMs: [], stops: [], logs: [] },
      ]),
    );
    for (const spec of specs) {
      const record = records.get(spec.key) as ServerRecord;
      if (spec.key.startsWith("fastapi") && !python.ok) record.skipped = python.reason;
      if (spec.key.startsWith("fastapi") && !inputs.sklearn)
        record.skipped ??= `no scikit-learn model: ${inputs.sklearnFailure}`;
      if (spec.key.startsWith("mlgate") && !serve.ok) record.skipped = serve.reason;
    }

    let reference = inputs.sklearn?.fit.probabilities;
    let referenceSource = "scikit-learn's predict_proba";
    for (let round = 1; round <= settings.repeat; round++) {
      const order = round % 2 === 1 ? specs : [...specs].reverse();
      for (const spec of order) {
        const record = records.get(spec.key) as ServerRecord;
        if (record.skipped || record.failure) continue;
        progress(`round ${round}/${settings.repeat}: ${spec.label}…`);
        if (!reference) {
          // no scikit-learn: the first server's own answers are the reference of the others
          const outcome = await measureServer(settings, spec, record, run, round, inputs, undefined);
          reference = outcome;
          referenceSource = `${spec.label}'s answers (scikit-learn unavailable)`;
        } else await measureServer(settings, spec, record, run, round, inputs, reference);
      }
    }
    const all = [...records.values()];
    printResults(settings, all);
    notes.push(...serverNotes(settings, all, referenceSource));
    if (python.ok) notes.push(`FastAPI anchors: ${python.versions}`);
    if (!serve.ok) notes.push(`mlgate serve not measured: ${serve.reason}`);
    notes.push(
      `load: autocannon ${autocannonVersion()} in its own process, ${settings.connections} keep-alive connections POSTing one ` +
        `JSON array of records (Content-Type application/json; ${count(bodyBytes(inputs, 1))} and ${count(bodyBytes(inputs, REQUEST_ROWS))} bytes), ` +
        `${settings.warmup} s warm-up then ${settings.seconds} s measured, per server and request size; req/s = 2xx answers ÷ wall seconds, ` +
        "p50/p99 over every answer's own latency; each server fresh each round, rounds alternating the order; the round with " +
        `the most req/s counts (${settings.repeat} rounds); CPU = cores in use over the measured run (CPU seconds ÷ wall ` +
        `seconds): the server's process tree, autocannon's process, and everything else on the machine (other jobs; ${os.cpus().length} CPUs in all); ` +
        "peak RSS = VmHWM of the server's process tree over its life " +
        "(both request sizes), the highest of the rounds; MB = 10^6 bytes; server output goes to a file",
    );
    notes.push(`the issue's own figures: ${ISSUE_FIGURES}`);
    notes.push(`after the runs: ${machineLine()}`);
    for (const note of notes) console.log(`- ${note}`);
  } finally {
    rmSync(run, { recursive: true, force: true });
  }
}

function readSettings(): Settings {
  const servers = (process.env.BENCH_SERVE_SERVERS || SERVER_KEYS.join(",")).split(",").map((name) => name.trim());
  for (const name of servers) {
    if (!SERVER_KEYS.includes(name as ServerKey)) {
      throw new Error(`BENCH_SERVE_SERVERS: unknown server '${name}' (${SERVER_KEYS.join(", ")})`);
    }
  }
  const logSample = process.env.BENCH_SERVE_LOG_SAMPLE || "0.1";
  if (!(Number(logSample) >= 0 && Number(logSample) <= 1)) {
    throw new Error(`BENCH_SERVE_LOG_SAMPLE must be a rate in [0, 1], not '${logSample}'`);
  }
  return {
    seconds: Math.max(1, wholeNumberSetting("BENCH_SERVE_SECONDS", 8)),
    warmup: wholeNumberSetting("BENCH_SERVE_WARMUP_SECONDS", 2),
    connections: Math.max(1, wholeNumberSetting("BENCH_SERVE_CONNECTIONS", 50)),
    repeat: Math.max(1, wholeNumberSetting("BENCH_SERVE_REPEAT", 2)),
    servers: servers as ServerKey[],
    logSample,
    mlgateArgs: (process.env.BENCH_SERVE_MLGATE_ARGS ?? "").split(/\s+/).filter((arg) => arg !== ""),
    python: process.env.BENCH_SERVE_PYTHON || "/usr/bin/python3",
    install: process.env.BENCH_SERVE_INSTALL !== "0",
    cli: path.resolve(ROOT, process.env.BENCH_SERVE_CLI || "dist/cli.js"),
  };
}

// ── the servers ─────────────────────────────────────────────────────────────────────────────

function serverSpecs(settings: Settings, inputs: ServeInputs): ServerSpec[] {
  const sklearnModel = inputs.sklearn?.model ?? "";
  const fastapi = (key: ServerKey, mode: "def" | "async", label: string): ServerSpec => ({
    key,
    label,
    command: () => ({ command: settings.python, args: [FASTAPI_ANCHOR, "serve", sklearnModel, mode], env: cleanEnv() }),
  });
  const mlgate = (key: ServerKey, label: string, extra: string[]): ServerSpec => ({
    key,
    label,
    command: (run) => ({
      command: process.execPath,
      args: [
        settings.cli,
        "serve",
        `${MODEL_NAME}@production`,
        "--registry",
        path.join(run, "registry"),
        "--host",
        "127.0.0.1",
        "--port",
        "0",
        "--log-to",
        path.join(run, `logs-${key}`),
        ...settings.mlgateArgs,
        ...extra,
      ],
      env: cleanEnv(),
    }),
    readyPath: "/v2/health/ready",
    logDir: (run) => path.join(run, `logs-${key}`),
  });
  return [
    fastapi("fastapi", "def", "FastAPI + uvicorn, scikit-learn (`def`)"),
    fastapi("fastapi-async", "async", "FastAPI + uvicorn, scikit-learn (`async def`)"),
    {
      key: "bare",
      label: "bare node:http + onnxruntime-node",
      command: (run) => ({
        command: process.execPath,
        args: [bareServerScript(run), inputs.onnx],
        env: cleanEnv({ ORT_DISABLE_TELEMETRY: "1" }),
      }),
    },
    mlgate(
      "mlgate",
      `**mlgate serve** (logging + metrics on${settings.mlgateArgs.length > 0 ? `, ${settings.mlgateArgs.join(" ")}` : ", defaults"})`,
      [],
    ),
    mlgate("mlgate-sampled", `mlgate serve ${[...settings.mlgateArgs, "--log-sample", settings.logSample].join(" ")}`, [
      "--log-sample",
      settings.logSample,
    ]),
  ];
}

/**
 * bare-server.ts as plain JavaScript in the run's folder (TypeScript's transpileModule, onnxruntime-node imported
 * by its resolved path), so the anchor runs on bare `node` as mlgate's built CLI does: no tsx loader in its
 * start-up or its memory (~30–45 MB).
 */
function bareServerScript(run: string): string {
  const script = path.join(run, "bare-server.mjs");
  if (existsSync(script)) return script;
  const { outputText } = ts.transpileModule(readFileSync(BARE_SERVER, "utf8"), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  const ort = pathToFileURL(createRequire(import.meta.url).resolve("onnxruntime-node")).href;
  const rewritten = outputText.replace(/from "onnxruntime-node"/, `from ${JSON.stringify(ort)}`);
  if (rewritten === outputText) throw new Error("bare-server.ts: no onnxruntime-node import to rewrite");
  writeFileSync(script, rewritten);
  return script;
}

function body(inputs: ServeInputs, rows: number): string {
  return JSON.stringify(inputs.records.slice(0, rows));
}

function bodyBytes(inputs: ServeInputs, rows: number): number {
  return Buffer.byteLength(body(inputs, rows));
}

/**
 * One round of one server: start it, check its answers against `reference` (or, without one, return its
 * answers as the reference), then per request size a warm-up and a measured load; peak RSS, stop, logs.
 */
async function measureServer(
  settings: Settings,
  spec: ServerSpec,
  record: ServerRecord,
  run: string,
  round: number,
  inputs: ServeInputs,
  reference: readonly number[] | undefined,
): Promise<number[] | undefined> {
  const output = path.join(run, `${spec.key}-${round}.out`);
  const logDir = spec.logDir?.(run, round);
  if (logDir) rmSync(logDir, { recursive: true, force: true });
  const { command, args, env } = spec.command(run);
  let server: RunningServer;
  try {
    server = await startServer({ command, args, env, output, timeoutMs: START_TIMEOUT_MS });
  } catch (error) {
    record.failure = `did not start: ${message(error)}`;
    progress(`  ${record.failure}`);
    return undefined;
  }
  let answers: number[] | undefined;
  let rows = 0;
  try {
    record.startMs.push(server.startMs);
    if (spec.readyPath) await waitReady(`${server.url}${spec.readyPath}`, START_TIMEOUT_MS);
    const predict = `${server.url}/predict`;
    if (reference) {
      record.verification = await verify(predict, inputs.records, reference);
      const { maxError } = record.verification;
      progress(
        maxError === undefined
          ? `  WARNING: its probabilities could not be read (${record.verification.sample}); measured unverified`
          : `  probabilities agree with the reference (max |Δ| ${maxError.toExponential(1)})`,
      );
    } else answers = await probabilities(predict, inputs.records);
    rows += REQUEST_ROWS + 1;
    for (const size of SIZES) {
      const load = (seconds: number) =>
        runJsonChild<LoadResult>(process.execPath, [
          "--import",
          "tsx",
          LOAD_CHILD,
          JSON.stringify({
            url: predict,
            body: body(inputs, size),
            connections: settings.connections,
            seconds,
            serverPid: server.pid,
          } satisfies LoadSettings),
        ]);
      if (settings.warmup > 0) {
        const warm = load(settings.warmup);
        if (!warm.ok) throw new Error(`warm-up at ${size} rows: ${warm.reason}`);
        rows += warm.result.responses * size;
      }
      const outcome = load(settings.seconds);
      if (!outcome.ok) throw new Error(`load at ${size} rows: ${outcome.reason}`);
      const result = outcome.result;
      rows += result.responses * size;
      record.runs[size]?.push({ round, load: result });
      const used = cores(result);
      progress(
        `  ${size} row${size > 1 ? "s" : ""}: ${Math.round(result.requestsPerSecond).toLocaleString("en")} req/s, ` +
          `p50 ${ms(result.p50)} ms, p99 ${ms(result.p99)} ms; CPU cores: server ${used.server.toFixed(2)}, ` +
          `autocannon ${used.autocannon.toFixed(2)}, other processes ${used.other.toFixed(2)}` +
          (failures(result) > 0 ? `; ${failures(result)} non-2xx/errors` : ""),
      );
    }
  } catch (error) {
    record.failure = `${message(error)} (server output: ${tail(output)})`;
    progress(`  FAILED: ${record.failure}`);
  } finally {
    if (server.child.exitCode === null && server.child.signalCode === null) {
      const peak = peakRss(server.pid);
      record.peakRssKb = Math.max(record.peakRssKb, peak.kb);
      record.processes = Math.max(record.processes, peak.processes);
    } else record.failure ??= `exited during the run: ${tail(output)}`;
    record.stops.push(await stopServer(server));
    if (logDir) record.logs.push({ ...folderSize(logDir), rows });
  }
  return answers;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function failures(load: LoadResult): number {
  return load.non2xx + load.errors + load.timeouts;
}

function folderSize(folder: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  if (!existsSync(folder)) return { bytes, files };
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    bytes += statSync(path.join(entry.parentPath, entry.name)).size;
    files++;
  }
  return { bytes, files };
}

// ── the Python anchor and mlgate serve, available or not ────────────────────────────────────

type Availability = { ok: true; versions: string } | { ok: false; reason: string };

function checkPython(python: string): Availability {
  const result = spawnSync(python, [FASTAPI_ANCHOR, "check"], { cwd: ROOT, env: cleanEnv(), encoding: "utf8" });
  if (result.error) return { ok: false, reason: `${python} did not run (${result.error.message})` };
  if (result.status !== 0) {
    return { ok: false, reason: `${python}: ${result.stderr.trim().split("\n").at(-1) ?? `exit ${result.status}`}` };
  }
  return { ok: true, versions: result.stdout.trim() };
}

/** The FastAPI anchor's imports, installing Debian's packages with apt-get when they are missing and we may. */
function pythonAnchor(settings: Settings): Availability {
  const first = checkPython(settings.python);
  if (first.ok) return first;
  const install = `apt-get install -y ${PYTHON_PACKAGES.join(" ")}`;
  if (!settings.install)
    return { ok: false, reason: `${first.reason}; BENCH_SERVE_INSTALL=0, so not running \`${install}\`` };
  if (settings.python !== "/usr/bin/python3") {
    return { ok: false, reason: `${first.reason}; apt-get installs for /usr/bin/python3, not ${settings.python}` };
  }
  if (process.getuid?.() !== 0) return { ok: false, reason: `${first.reason}; run \`${install}\` as root` };
  if (spawnSync("apt-get", ["--version"], { stdio: "ignore" }).status !== 0) {
    return { ok: false, reason: `${first.reason}; no apt-get here to install ${PYTHON_PACKAGES.join(", ")}` };
  }
  progress(`${first.reason}\ninstalling the FastAPI anchor's packages: ${install}`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const apt = (args: string[]) => spawnSync("apt-get", args, { env, stdio: ["ignore", 2, 2] }).status === 0;
  if (!apt(["install", "-y", ...PYTHON_PACKAGES]) && !(apt(["update"]) && apt(["install", "-y", ...PYTHON_PACKAGES]))) {
    return { ok: false, reason: `\`${install}\` failed (see above)` };
  }
  const second = checkPython(settings.python);
  return second.ok ? second : { ok: false, reason: `after \`${install}\`: ${second.reason}` };
}

function serveAvailable(cli: string): { ok: true } | { ok: false; reason: string } {
  if (!existsSync(cli)) return { ok: false, reason: `${path.relative(ROOT, cli)} does not exist (npm run build)` };
  const help = spawnSync(process.execPath, [cli, "serve", "--help"], { cwd: ROOT, env: cleanEnv(), encoding: "utf8" });
  if (help.status === 0) return { ok: true };
  const said = `${help.stderr}${help.stdout}`.trim().split("\n")[0] ?? "";
  return { ok: false, reason: `${path.relative(ROOT, cli)} has no serve command yet (${said.slice(0, 160)})` };
}

function autocannonVersion(): string {
  return (createRequire(import.meta.url)("autocannon/package.json") as { version: string }).version;
}

// ── printing ────────────────────────────────────────────────────────────────────────────────

function ms(value: number): string {
  return Number.isFinite(value) ? (value < 10 ? value.toFixed(2) : value.toFixed(1)) : "?";
}

function whole(value: number): string {
  return Number.isFinite(value) ? Math.round(value).toLocaleString("en") : "?";
}

/** The round with the most requests/s. */
function best(record: ServerRecord | undefined, size: number): Measured | undefined {
  const runs = record?.runs[size] ?? [];
  return [...runs].sort((a, b) => b.load.requestsPerSecond - a.load.requestsPerSecond)[0];
}

function ratio(record: ServerRecord | undefined, anchor: ServerRecord | undefined, size: number): number | undefined {
  const mine = best(record, size);
  const theirs = best(anchor, size);
  return mine && theirs ? mine.load.requestsPerSecond / theirs.load.requestsPerSecond : undefined;
}

function times(value: number | undefined): string {
  return value === undefined ? "" : `${value >= 10 ? value.toFixed(1) : value.toFixed(2)}×`;
}

function printResults(settings: Settings, records: ServerRecord[]): void {
  const byKey = new Map(records.map((record) => [record.spec.key, record]));
  const fastapi = byKey.get("fastapi");
  const bare = byKey.get("bare");
  const line = (cells: string[]) => console.log(`| ${cells.join(" | ")} |`);
  for (const size of SIZES) {
    console.log(
      `\nserve: ${size === 1 ? "single-row" : `${size}-row`} requests (POST /predict, ${settings.connections} connections, ` +
        `${settings.seconds} s after ${settings.warmup} s warm-up, best of ${settings.repeat} round${settings.repeat > 1 ? "s" : ""})`,
    );
    console.log(
      "| server | req/s | rows/s | p50 ms | p99 ms | non-2xx + errors | CPU: server | autocannon | others | peak RSS MB | vs FastAPI `def` | vs bare Node | target | met |",
    );
    console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|");
    for (const record of records) {
      const { spec } = record;
      const anchor = spec.key === "fastapi" || spec.key === "fastapi-async" || spec.key === "bare";
      const label = anchor ? `*${spec.label}* (anchor)` : spec.label;
      const measured = best(record, size);
      if (!measured) {
        const why = record.skipped ? `skipped: ${record.skipped}` : `FAILED: ${record.failure ?? "no run"}`;
        line([label, why.slice(0, 200), "", "", "", "", "", "", "", "", "", "", "", ""]);
        continue;
      }
      const { load } = measured;
      const used = cores(load);
      const errors = (record.runs[size] ?? []).reduce((sum, run) => sum + failures(run.load), 0);
      const vsFastapi = spec.key.startsWith("fastapi") ? undefined : ratio(record, fastapi, size);
      const vsBare = spec.key.startsWith("mlgate") ? ratio(record, bare, size) : undefined;
      const targeted = spec.key === "mlgate";
      const met = targeted
        ? [
            vsFastapi === undefined ? "no FastAPI" : vsFastapi >= FASTAPI_TARGET ? "FastAPI yes" : "FastAPI **NO**",
            vsBare === undefined ? "no bare" : vsBare >= BARE_TARGET ? "bare yes" : "bare **NO**",
            errors === 0 ? "0 errors yes" : "errors **NO**",
          ].join(", ")
        : "";
      line([
        label,
        whole(load.requestsPerSecond),
        whole(load.requestsPerSecond * size),
        ms(load.p50),
        ms(load.p99),
        errors === 0 ? "0" : `**${errors}**`,
        used.server.toFixed(2),
        used.autocannon.toFixed(2),
        used.other.toFixed(2),
        record.peakRssKb > 0 ? rssMb(record.peakRssKb) : "?",
        times(vsFastapi),
        times(vsBare),
        targeted ? `≥ ${FASTAPI_TARGET}× FastAPI, ≥ ${BARE_TARGET}× bare, 0 errors` : "",
        met,
      ]);
    }
  }
  console.log("");
  const mlgate = byKey.get("mlgate");
  const async = byKey.get("fastapi-async");
  for (const size of SIZES) {
    const what = size === 1 ? "single-row" : `${size}-row`;
    const mine = best(mlgate, size);
    const verdict = (name: string, anchor: ServerRecord | undefined, target: number, extra = "") => {
      const theirs = best(anchor, size);
      if (!mine || !theirs) {
        const missing = !mine ? "mlgate serve" : (anchor?.spec.label ?? name);
        return `**${what}: mlgate ≥ ${target}× ${name}** — not judged (${missing} not measured)`;
      }
      const value = mine.load.requestsPerSecond / theirs.load.requestsPerSecond;
      return (
        `**${what}: mlgate ≥ ${target}× ${name}** — ${value >= target ? "MET" : "**NOT MET**"}: ` +
        `${whole(mine.load.requestsPerSecond)} ÷ ${whole(theirs.load.requestsPerSecond)} req/s = ${times(value)}${extra}`
      );
    };
    const asyncRatio = ratio(mlgate, async, size);
    console.log(
      verdict(
        "FastAPI",
        fastapi,
        FASTAPI_TARGET,
        asyncRatio === undefined ? "" : ` (vs \`async def\`: ${times(asyncRatio)})`,
      ),
    );
    console.log(verdict("the bare Node server", bare, BARE_TARGET));
  }
  const errors = records.flatMap((record) =>
    SIZES.flatMap((size) => (record.runs[size] ?? []).map((run) => ({ record, size, count: failures(run.load) }))),
  );
  const failed = errors.filter((entry) => entry.count > 0);
  console.log(
    failed.length === 0
      ? "**no non-2xx answer, error or timeout** in any measured run"
      : `**NON-2XX / ERRORS**: ${failed.map((entry) => `${entry.record.spec.label} at ${entry.size} rows: ${entry.count}`).join("; ")}`,
  );
  if (mlgate && mlgate.peakRssKb > 0) {
    console.log(`**peak RSS** of mlgate serve: ${rssMb(mlgate.peakRssKb)} MB (${mlgate.processes} process(es))`);
  }
  console.log("");
}

function serverNotes(settings: Settings, records: ServerRecord[], referenceSource: string): string[] {
  const notes: string[] = [];
  for (const record of records) {
    if (record.skipped) continue;
    const parts: string[] = [];
    if (record.startMs.length > 0) {
      parts.push(`ready ${record.startMs.map((value) => (value / 1000).toFixed(1)).join(", ")} s after spawn`);
    }
    const check = record.verification;
    if (check) {
      parts.push(
        check.maxError === undefined
          ? `**probabilities unreadable, not verified** (first prediction ${check.sample})`
          : `probabilities = ${referenceSource} ± ${check.maxError.toExponential(1)} on ${check.rows} rows (tolerance ${CHECK_TOLERANCE})`,
      );
      if (record.spec.key.startsWith("mlgate")) {
        parts.push(`answer keys ${check.keys.join(", ")}; first prediction ${check.sample}`);
      }
    }
    for (const size of SIZES) {
      const runs = record.runs[size] ?? [];
      if (runs.length > 1) {
        const rates = runs.map((run) => whole(run.load.requestsPerSecond)).join(", ");
        const p99s = runs.map((run) => ms(run.load.p99)).join(", ");
        parts.push(`${size} row${size > 1 ? "s" : ""}: req/s per round ${rates} (p99 ${p99s} ms)`);
      }
    }
    if (record.stops.length > 0) {
      const graceful = record.stops.every((stop) => stop.graceful);
      const slowest = Math.max(...record.stops.map((stop) => stop.ms));
      parts.push(
        graceful ? `stopped on SIGTERM in ≤ ${whole(slowest)} ms` : "**did not stop on SIGTERM within 10 s (killed)**",
      );
    }
    for (const log of record.logs) {
      const perRow = log.rows > 0 ? ` ≈ ${(log.bytes / log.rows).toFixed(0)} bytes per row answered` : "";
      parts.push(
        `prediction logs: ${(log.bytes / MB).toFixed(1)} MB in ${log.files} file(s) for ${count(log.rows)} rows answered${perRow}`,
      );
    }
    if (record.failure) parts.push(`FAILED: ${record.failure}`);
    notes.push(`${record.spec.label}: ${parts.join("; ")}`);
  }
  if (settings.servers.includes("mlgate-sampled")) {
    notes.push(`mlgate serve --log-sample ${settings.logSample}: the same with that share of the predictions logged`);
  }
  return notes;
}

/** What the FastAPI endpoint's own two steps cost outside the web stack: the ceiling the anchor cannot pass. */
function sklearnAlone(python: string, inputs: ServeInputs): string {
  type Steps = Record<string, { frameMs: number; predictMs: number }>;
  const sklearn = inputs.sklearn as NonNullable<ServeInputs["sklearn"]>;
  const timed = runJsonChild<Steps>(python, [FASTAPI_ANCHOR, "time", sklearn.model, inputs.requests]);
  if (!timed.ok) return `scikit-learn alone: not timed (${timed.reason})`;
  const sizes = Object.entries(timed.result).map(([rows, { frameMs, predictMs }]) => {
    const ceiling = 1000 / (frameMs + predictMs);
    return (
      `${rows} record${rows === "1" ? "" : "s"}: pd.DataFrame ${ms(frameMs)} ms + predict_proba ${ms(predictMs)} ms ` +
      `(at most ~${whole(ceiling)} calls/s on one core, before any HTTP)`
    );
  });
  return `the FastAPI endpoint's work alone, in one Python process (medians of 50 calls): ${sizes.join("; ")}`;
}

function describeInputs(inputs: ServeInputs): string {
  const parts = [
    `table ${count(TABLE_ROWS)} rows × 8 numeric (3 with missing cells) + 2 categorical columns, label churned`,
    `ONNX model ${inputs.onnxNote}`,
  ];
  const sklearn = inputs.sklearn;
  if (sklearn) {
    parts.push(
      `scikit-learn pipeline (C=${PARAMS.C}, newton-cg to tol ${PARAMS.tolerance}) ${sklearn.note} (${sklearn.fit.iterations} iterations, ` +
        `training accuracy ${sklearn.fit.accuracy.toFixed(4)})`,
    );
  } else parts.push(`**no scikit-learn model**: ${inputs.sklearnFailure ?? "no python"}`);
  return `inputs: ${parts.join("; ")}; cache ${SERVE_CACHE_DIR}`;
}
