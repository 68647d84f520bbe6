/**
 * The inputs of `npm run bench -- serve`, cached in CACHE_DIR/serve (a `version.json` naming
 * SERVE_GENERATOR_VERSION; another version's folder is wiped and rebuilt; each file is renamed into place
 * complete, so an interrupted run rebuilds only what is missing):
 *   table-<rows>.csv      the training table (data.ts)
 *   params.json           the builtin trainer's params, which the scikit-learn anchor reads too
 *   requests.json         the 100 request records (the 1-row body is the first of them)
 *   mlgate/model.onnx     `mlgate train --trainer logistic` on the table, through the built CLI
 *   sklearn.joblib        the same pipeline in scikit-learn (bench/anchors/serve_fastapi.py fit)
 *   sklearn.json          its P(churned = 1) of the request records: the reference every server is checked against
 * Every run registers the ONNX model afresh (untimed) as `churn`, alias `production`, in a new file registry.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cleanEnv, type Outcome, ROOT, runJsonChild } from "../child-process.js";
import { CACHE_DIR } from "../data/generate.js";
import { FEATURES, LABEL, type RequestRecord, requestRecords, tableCsv } from "./data.js";

/** Bump when the table, the params or the file layout change: the cached folder is rebuilt. */
export const SERVE_GENERATOR_VERSION = 1;
export const SERVE_CACHE_DIR = path.join(CACHE_DIR, "serve");
export const FASTAPI_ANCHOR = fileURLToPath(new URL("../anchors/serve_fastapi.py", import.meta.url));
export const TABLE_ROWS = 20_000;
const TABLE_SEED = 0x5e7e;
const REQUEST_SEED = 0x7e57;
export const REQUEST_ROWS = 100;
export const MODEL_NAME = "churn";
/** the builtin trainer's params (its names), read by the scikit-learn anchor as well: tight, so both reach the same optimum */
export const PARAMS = { C: 1, tolerance: 1e-10, "max-iterations": 10_000, "validation-fraction": 0 };

export interface SklearnFit {
  probabilities: number[];
  iterations: number;
  accuracy: number;
  numeric: string[];
  categorical: string[];
  seconds: number;
}

export interface ServeInputs {
  table: string;
  params: string;
  /** the request records' file */
  requests: string;
  records: RequestRecord[];
  onnx: string;
  /** how the ONNX model came to be, for the notes */
  onnxNote: string;
  sklearn?: { model: string; fit: SklearnFit; note: string };
  sklearnFailure?: string;
}

function writeAtomically(file: string, content: string | Uint8Array): void {
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, content);
  renameSync(partial, file);
}

function ensureCacheDir(): void {
  const stamp = path.join(SERVE_CACHE_DIR, "version.json");
  if (existsSync(stamp)) {
    const { version } = JSON.parse(readFileSync(stamp, "utf8")) as { version: number };
    if (version === SERVE_GENERATOR_VERSION) return;
  }
  rmSync(SERVE_CACHE_DIR, { recursive: true, force: true });
  mkdirSync(SERVE_CACHE_DIR, { recursive: true });
  writeAtomically(stamp, JSON.stringify({ version: SERVE_GENERATOR_VERSION }));
}

/** The cached inputs, building what is missing; `python` fits the scikit-learn anchor when it imports scikit-learn. */
export function ensureServeInputs(cli: string, python: string | undefined): ServeInputs {
  ensureCacheDir();
  const table = path.join(SERVE_CACHE_DIR, `table-${TABLE_ROWS}.csv`);
  if (!existsSync(table)) writeAtomically(table, tableCsv(TABLE_ROWS, TABLE_SEED));
  const params = path.join(SERVE_CACHE_DIR, "params.json");
  if (!existsSync(params)) writeAtomically(params, `${JSON.stringify(PARAMS, null, 1)}\n`);
  const requests = path.join(SERVE_CACHE_DIR, "requests.json");
  if (!existsSync(requests)) writeAtomically(requests, JSON.stringify(requestRecords(REQUEST_ROWS, REQUEST_SEED)));
  const records = JSON.parse(readFileSync(requests, "utf8")) as RequestRecord[];

  const { onnx, note: onnxNote } = ensureMlgateModel(cli, table, params);
  const inputs: ServeInputs = { table, params, requests, records, onnx, onnxNote };
  if (python) {
    const fit = ensureSklearnModel(python, table, params, requests);
    if (fit.ok) inputs.sklearn = fit.result;
    else inputs.sklearnFailure = fit.reason;
  }
  return inputs;
}

function ensureMlgateModel(cli: string, table: string, params: string): { onnx: string; note: string } {
  const folder = path.join(SERVE_CACHE_DIR, "mlgate");
  const onnx = path.join(folder, "model.onnx");
  if (existsSync(onnx)) return { onnx, note: `reused ${path.relative(SERVE_CACHE_DIR, onnx)} from the cache` };
  if (!existsSync(cli)) throw new Error(`${path.relative(ROOT, cli)} does not exist (npm run build)`);
  const work = mkdtempSync(path.join(os.tmpdir(), "mlgate-bench-serve-train-"));
  const start = performance.now();
  try {
    const output = path.join(work, "model");
    // --code names the params file: the cache folder is no git checkout, and the run cache needs some code
    const result = spawnSync(
      process.execPath,
      [
        cli,
        "train",
        "--data",
        table,
        "--trainer",
        "logistic",
        "--target",
        LABEL,
        "--params",
        params,
        "--output-dir",
        output,
        "--registry",
        path.join(work, "registry"),
        "--code",
        path.basename(params),
        "--force",
        "true",
        "--json",
      ],
      { cwd: SERVE_CACHE_DIR, env: cleanEnv(), encoding: "utf8" },
    );
    if (result.status !== 0) {
      const said = `${result.stderr}`.trim().split("\n").slice(-3).join(" / ");
      throw new Error(`mlgate train failed (exit ${result.status ?? result.signal}): ${said}`);
    }
    mkdirSync(folder, { recursive: true });
    for (const name of ["metrics.json", "model.onnx"]) {
      const file = path.join(output, name);
      if (existsSync(file)) writeAtomically(path.join(folder, name), readFileSync(file));
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const seconds = (performance.now() - start) / 1000;
  return {
    onnx,
    note: `trained by \`mlgate train --trainer logistic\` (${path.relative(ROOT, cli)}) in ${seconds.toFixed(1)} s`,
  };
}

function ensureSklearnModel(
  python: string,
  table: string,
  params: string,
  requests: string,
): Outcome<{ model: string; fit: SklearnFit; note: string }> {
  const model = path.join(SERVE_CACHE_DIR, "sklearn.joblib");
  const reference = path.join(SERVE_CACHE_DIR, "sklearn.json");
  if (existsSync(model) && existsSync(reference)) {
    const fit = JSON.parse(readFileSync(reference, "utf8")) as SklearnFit;
    return { ok: true, result: { model, fit, note: "reused sklearn.joblib from the cache" } };
  }
  const partial = `${model}.${process.pid}.partial`;
  const outcome = runJsonChild<SklearnFit>(python, [FASTAPI_ANCHOR, "fit", table, partial, params, requests]);
  if (!outcome.ok) return outcome;
  const expected = [...FEATURES].sort().join();
  const got = [...outcome.result.numeric, ...outcome.result.categorical].sort().join();
  if (expected !== got) return { ok: false, reason: `scikit-learn fitted on columns ${got}, not ${expected}` };
  renameSync(partial, model);
  writeAtomically(reference, JSON.stringify(outcome.result));
  return {
    ok: true,
    result: { model, fit: outcome.result, note: `fitted in ${outcome.result.seconds.toFixed(1)} s` },
  };
}

/** A new file registry holding `onnx` as version 1 of MODEL_NAME, alias `production`. */
export function registerModel(cli: string, onnx: string, registry: string): void {
  execFileSync(
    process.execPath,
    [cli, "register", "--model", onnx, "--name", MODEL_NAME, "--alias", "production", "--registry", registry, "--json"],
    { cwd: path.dirname(registry), env: cleanEnv(), stdio: ["ignore", "pipe", "pipe"] },
  );
}
