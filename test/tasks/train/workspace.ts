/** Workspaces for the train tests: a git checkout with seeded CSV data and a training script in Node. */
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { seededRandom } from "../../../src/core/seeded-random.js";
import type { RunRecord } from "../../../src/core/store/types.js";

export const zipmapModel = path.resolve("test/fixtures/onnx/classifier-zipmap-int64.onnx");
export const regressorModel = path.resolve("test/fixtures/onnx/regressor.onnx");

/** A git checkout (so the code digest has tracked files) holding `files`, committed. */
export function gitWorkspace(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "mlgate-train-"));
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
  execFileSync("git", ["init", "-q", "-b", "main"], { cwd: dir });
  commitAll(dir, "init");
  return dir;
}

export function commitAll(dir: string, message: string): void {
  execFileSync("git", ["add", "-A", "."], { cwd: dir });
  execFileSync("git", ["-c", "user.name=Ada", "-c", "user.email=a@example.com", "commit", "-q", "-m", message], {
    cwd: dir,
  });
}

/** Churn-like rows: age, income (5% missing), plan, and a noisy yes/no label. */
export function churnCsv(rows: number, seed: number): string {
  const random = seededRandom(seed);
  const plans = ["basic", "plus", "pro"];
  const lines = ["age,income,plan,churned"];
  for (let i = 0; i < rows; i++) {
    const age = 20 + random() * 50;
    const income = 20_000 + random() * 80_000;
    const plan = plans[Math.floor(random() * 3)] as string;
    const signal = 0.06 * (age - 45) + (income - 60_000) / 25_000 + (plan === "pro" ? 0.8 : 0) + 1.2 * (random() - 0.5);
    lines.push(`${age.toFixed(1)},${random() < 0.05 ? "" : income.toFixed(0)},${plan},${signal > 0 ? "yes" : "no"}`);
  }
  return `${lines.join("\n")}\n`;
}

/** Four numeric features and an integer label: what the ZipMap classifier fixture takes. */
export function fourFeatureCsv(rows: number, seed: number): string {
  const random = seededRandom(seed);
  const lines = ["f1,f2,f3,f4,label"];
  for (let i = 0; i < rows; i++) {
    const f = [random(), random(), random(), random()].map((value) => (value * 4 - 2).toFixed(3));
    lines.push(`${f.join(",")},${random() < 0.5 ? 0 : 1}`);
  }
  return `${lines.join("\n")}\n`;
}

/**
 * A training command in Node: records the contract it saw (env and params) in seen.json, then
 * writes the model named by MLGATE_PARAM_MODEL (or garbage, or nothing) and metrics from the params.
 */
export const trainScript = `
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
const out = process.env.MLGATE_OUTPUT_DIR;
const params = JSON.parse(readFileSync(process.env.MLGATE_PARAMS, "utf8"));
const seen = { params, env: Object.fromEntries(Object.entries(process.env).filter(([k]) => /^(MLGATE_|PIP_|FEED_|INPUT_)/.test(k))) };
writeFileSync(path.join(out, "seen.json"), JSON.stringify(seen));
console.log("training with lr=" + process.env.MLGATE_PARAM_LEARNING_RATE + " token=" + (process.env.FEED_TOKEN ?? ""));
if (params.fail) { console.error("boom: out of memory (pretend)"); process.exit(3); }
if (params.sleep) await new Promise((r) => setTimeout(r, params.sleep));
if (params.model === "garbage") writeFileSync(path.join(out, "model.onnx"), "not a model");
else if (params.model !== "none") copyFileSync(params.model, path.join(out, "model.onnx"));
if (params.score !== undefined) writeFileSync(path.join(out, "metrics.json"), JSON.stringify({ validation: { score: params.score } }));
`;

/** A checkout with trainScript as train.mjs, 200 rows of fourFeatureCsv, and `params` as params.json. */
export function commandWorkspace(params: Record<string, unknown>): string {
  return gitWorkspace({
    "train.mjs": trainScript,
    "data.csv": fourFeatureCsv(200, 7),
    "params.json": JSON.stringify(params),
  });
}

export function readJson<T = Record<string, unknown>>(file: string): T {
  return JSON.parse(readFileSync(file, "utf8")) as T;
}

/** The run records in a folder registry, oldest first. */
export function runRecords(cwd: string, registry = ".mlgate/registry"): RunRecord[] {
  const dir = path.join(cwd, registry, "runs");
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return [];
  }
  return names.map((name) => readJson<RunRecord>(path.join(dir, name)));
}

export function cacheEntries(cwd: string, registry = ".mlgate/registry"): string[] {
  try {
    return readdirSync(path.join(cwd, registry, "records", "run-cache"));
  } catch {
    return [];
  }
}

/**
 * The repository's onnxruntime-node and onnxruntime-common copied into `nodeModules`, with only this
 * platform's binaries: what the runtime cache or an `onnxruntime-path` folder holds on a runner.
 */
export function copyInstalledRuntime(nodeModules: string): void {
  const binaries = path.join("bin", "napi-v6");
  const ours = path.join(binaries, process.platform, process.arch);
  for (const name of ["onnxruntime-node", "onnxruntime-common"]) {
    const source = path.join("node_modules", name);
    cpSync(source, path.join(nodeModules, name), {
      recursive: true,
      dereference: true,
      filter: (file) => {
        const inside = path.relative(source, file);
        return !inside.startsWith(binaries + path.sep) || ours.startsWith(inside) || inside.startsWith(ours);
      },
    });
  }
}
