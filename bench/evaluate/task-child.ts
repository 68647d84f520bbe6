/**
 * The measured side of `npm run bench -- evaluate`: the built CLI, as a user runs it, in a process of its own.
 *   task-child.ts <TaskSettings as JSON>
 * In a fresh temporary workspace (the CLI's working directory), untimed: `register` the champion as version 1
 * of model `bench` with alias `production` in a new file registry. Timed: `node <cli> evaluate-against-champion`
 * against it on the holdout Parquet, wall clock around the process (start to exit), its peak RSS and CPU time
 * from GNU time (`/usr/bin/time -f … -o file`) or, where that is missing, from a preload that writes
 * process.resourceUsage() on exit. Then reads the task's JSON report. Prints one JSON line (TaskChildResult).
 */
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { cleanEnv } from "../child-process.js";
import type { ModelRole } from "./raw-child.js";

export interface TaskSettings {
  cli: string;
  champion: string;
  challenger: string;
  data: string;
  label: string;
  features: readonly string[];
  bootstrap: number;
  seed: number;
}

/** The JSON report's `timings`, in milliseconds; scoreMs includes reading the data. */
export interface TaskTimings {
  loadMs?: number;
  scoreMs?: number;
  metricsMs?: number;
  bootstrapMs?: number;
  reportMs?: number;
  totalMs?: number;
}

export interface TaskChildResult {
  /** wall seconds of `evaluate-against-champion`, process start to exit */
  seconds: number;
  /** its CPU seconds, user + system, every thread */
  cpuSeconds: number;
  /** its peak resident set, in KB */
  maxRssKb: number;
  /** how peak RSS and CPU time were read */
  usageSource: "GNU time" | "exit hook";
  /** wall seconds of the untimed `register` */
  registerSeconds: number;
  timings: TaskTimings;
  /** the report's verdict.decision */
  verdict?: string;
  /** the report's ROC AUC of each model (verdict.metrics.roc_auc.<model>.value) */
  aucs: Partial<Record<ModelRole, number>>;
  /** what the bootstrap resampled and how many units (verdict.bootstrap) */
  resampled?: string;
}

/** What a host sets before a task loads onnxruntime-node (src/hosts/run-task.ts). */
const TASK_ENV = { ORT_DISABLE_TELEMETRY: "1" };
const GNU_TIME = "/usr/bin/time";
const USAGE_FILE_VARIABLE = "MLGATE_BENCH_USAGE_FILE";
/** Writes "maxRSS KB, CPU seconds" of the process to $MLGATE_BENCH_USAGE_FILE when it exits. */
const EXIT_HOOK = `data:text/javascript,${encodeURIComponent(
  `import { writeFileSync } from "node:fs";
process.on("exit", () => {
  const usage = process.resourceUsage();
  writeFileSync(process.env.${USAGE_FILE_VARIABLE}, usage.maxRSS + " " + (usage.userCPUTime + usage.systemCPUTime) / 1e6);
});`,
)}`;

const settings = JSON.parse(process.argv[2] ?? "{}") as TaskSettings;

/** Whether GNU time is there and writes its format to a file (BusyBox's and the shell builtin do not). */
function hasGnuTime(workspace: string): boolean {
  if (!existsSync(GNU_TIME)) return false;
  const file = path.join(workspace, "probe.time");
  const probe = spawnSync(GNU_TIME, ["-f", "%M", "-o", file, process.execPath, "-e", "0"], { stdio: "ignore" });
  return probe.status === 0 && existsSync(file) && /^\d+\s*$/.test(readFileSync(file, "utf8"));
}

/** Runs `args` in `workspace`, stdout and stderr to files there; throws with the end of stderr when it fails. */
function run(workspace: string, name: string, command: string, args: string[], env: Record<string, string>): number {
  const stdout = openSync(path.join(workspace, `${name}.stdout`), "w");
  const stderr = path.join(workspace, `${name}.stderr`);
  const stderrFd = openSync(stderr, "w");
  let result: ReturnType<typeof spawnSync>;
  const start = performance.now();
  try {
    result = spawnSync(command, args, { cwd: workspace, env, stdio: ["ignore", stdout, stderrFd] });
  } finally {
    closeSync(stdout);
    closeSync(stderrFd);
  }
  const seconds = (performance.now() - start) / 1000;
  if (result.error) throw result.error;
  if (result.status !== 0) {
    const tail = readFileSync(stderr, "utf8").trim().split("\n").slice(-5).join(" / ");
    throw new Error(`${name} exited ${result.signal ?? result.status} (workspace kept: ${workspace}): ${tail}`);
  }
  return seconds;
}

/** The parts of the JSON report (format mlgate.evaluate-report) the benchmark reads. */
interface Report {
  timings?: TaskTimings;
  verdict?: {
    decision?: string;
    metrics?: Record<string, Partial<Record<ModelRole, { value?: number }>>>;
    bootstrap?: { resampled?: string; units?: number };
  };
}

function measure(): TaskChildResult {
  const workspace = mkdtempSync(path.join(os.tmpdir(), "mlgate-bench-evaluate-"));
  const env = cleanEnv(TASK_ENV);
  const registry = path.join(workspace, "registry");
  const register = [settings.cli, "register", "--model", settings.champion, "--name", "bench"];
  const registerSeconds = run(
    workspace,
    "register",
    process.execPath,
    [...register, "--registry", registry, "--alias", "production"],
    env,
  );
  const reportJson = path.join(workspace, "evaluate.json");
  const task = [
    settings.cli,
    "evaluate-against-champion",
    "--challenger",
    settings.challenger,
    "--model",
    "bench",
    "--registry",
    registry,
    "--data",
    settings.data,
    "--label",
    settings.label,
    "--features",
    settings.features.join(","),
    "--bootstrap",
    String(settings.bootstrap),
    "--seed",
    String(settings.seed),
    "--fail-on-reject",
    "false",
    "--report-out",
    path.join(workspace, "evaluate.html"),
    "--report-json-out",
    reportJson,
  ];
  const usageFile = path.join(workspace, "usage");
  const gnuTime = hasGnuTime(workspace);
  const seconds = gnuTime
    ? run(workspace, "evaluate", GNU_TIME, ["-f", "%M %U %S", "-o", usageFile, process.execPath, ...task], env)
    : run(workspace, "evaluate", process.execPath, ["--import", EXIT_HOOK, ...task], {
        ...env,
        [USAGE_FILE_VARIABLE]: usageFile,
      });
  const usage = readFileSync(usageFile, "utf8").trim().split(/\s+/).map(Number);
  const [maxRssKb = Number.NaN, ...cpu] = usage;
  const report = JSON.parse(readFileSync(reportJson, "utf8")) as Report;
  const verdict = report.verdict;
  const aucs: Partial<Record<ModelRole, number>> = {};
  for (const role of ["champion", "challenger"] as const) {
    const value = verdict?.metrics?.roc_auc?.[role]?.value;
    if (typeof value === "number") aucs[role] = value;
  }
  const bootstrap = verdict?.bootstrap;
  rmSync(workspace, { recursive: true, force: true });
  return {
    seconds,
    cpuSeconds: cpu.reduce((sum, part) => sum + part, 0),
    maxRssKb,
    usageSource: gnuTime ? "GNU time" : "exit hook",
    registerSeconds,
    timings: report.timings ?? {},
    ...(typeof verdict?.decision === "string" ? { verdict: verdict.decision } : {}),
    aucs,
    ...(bootstrap?.resampled ? { resampled: `${bootstrap.units ?? "?"} ${bootstrap.resampled}` } : {}),
  };
}

process.stdout.write(`${JSON.stringify(measure())}\n`);
