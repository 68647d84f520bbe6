/**
 * The `train` task, or its anchor, in a fresh process each time (ONNX Runtime loads inside the
 * measurement, as on a CI runner):
 *   task-child.ts task <workspace> <inputs.json>
 *     parses the raw input values (a JSON object) by the task's spec, as a host does, then times
 *     `train.run` in the workspace with a context that records nothing but when the task reached a
 *     few points it reports through its host port (TaskPoints); prints TaskChildResult
 *   task-child.ts command <workspace> <command>
 *     the anchor: `command` through /bin/sh -c in the workspace, MLGATE_OUTPUT_DIR a fresh folder,
 *     timed the same way; then, apart, the import of onnxruntime-node alone; prints CommandChildResult
 * Imports load before the clock starts (tsx transpiles src/ then, not inside the measurement); peak
 * RSS is read right after the run.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseInputs } from "../../src/hosts/parse-inputs.js";
import type { TaskContext } from "../../src/tasks/context.js";
import { train } from "../../src/tasks/train.js";
import { quietContext } from "../quiet-context.js";

/**
 * Milliseconds from the start of `train.run` to the points the task reports through its context:
 * `profiled` its data read and profiled (the last progress update of that pass), `trial` the run's
 * clock read (code digest, environment and registry done; the run cache looked up next), `stored` the
 * run's clock read again (trained, model checked, objects, run record and cache entry stored — or, on
 * a hit, the cache entry read),
 * `summary` the report written (the outputs delivered next), `end` run returned.
 */
export interface TaskPoints {
  profiled?: number;
  trial?: number;
  stored?: number;
  summary?: number;
  end: number;
}

export interface TaskChildResult {
  /** train.run, wall */
  seconds: number;
  /** peak resident set of the process, in KB */
  maxRssKb: number;
  points: TaskPoints;
  cached: boolean;
  /** the task's metrics.json, when it wrote one */
  metrics?: Record<string, Record<string, number>>;
  /** ONNX Runtime's version and source, as the task logged it */
  runtime?: string;
}

export interface CommandChildResult {
  /** the command through /bin/sh -c, wall */
  seconds: number;
  /** import("onnxruntime-node") in this (fresh) process, after the command */
  ortImportSeconds: number;
}

const [mode = "", workspace = "", argument = ""] = process.argv.slice(2);
const env = Object.fromEntries(
  Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined),
);

async function runTask(): Promise<TaskChildResult> {
  const raw = JSON.parse(argument) as Record<string, string>;
  const inputs = parseInputs(train.spec, (name) => raw[name], {
    workspace,
    label: (name) => `input '${name}'`,
    mask: () => {},
  });
  const points: Partial<TaskPoints> = {};
  let runtime: string | undefined;
  let start = 0;
  const at = () => performance.now() - start;
  const quiet = quietContext(workspace, env);
  const ctx: TaskContext = {
    ...quiet,
    log: {
      ...quiet.log,
      info: (message) => {
        if (message.startsWith("ONNX Runtime") && runtime === undefined) runtime = message;
      },
      progress: (update) => {
        if (update.done && points.profiled === undefined) points.profiled = at();
      },
    },
    summary: async () => {
      points.summary ??= at();
    },
    now: () => {
      if (points.trial === undefined) points.trial = at();
      else points.stored ??= at();
      return new Date();
    },
  };
  start = performance.now();
  const result = await train.run(inputs, ctx);
  const end = at();
  const maxRssKb = process.resourceUsage().maxRSS;
  if (result.exitCode !== 0) throw new Error(`the task exited ${result.exitCode}`);
  const metricsFile = result.outputs.metrics;
  return {
    seconds: end / 1000,
    maxRssKb,
    points: { ...points, end },
    cached: result.outputs.cached === "true",
    ...(metricsFile ? { metrics: JSON.parse(readFileSync(metricsFile, "utf8")) } : {}),
    ...(runtime ? { runtime } : {}),
  };
}

async function runCommand(): Promise<CommandChildResult> {
  const outputDir = mkdtempSync(path.join(os.tmpdir(), "mlgate-bench-command-"));
  try {
    const start = performance.now();
    await new Promise<void>((resolve, reject) => {
      const child = spawn("/bin/sh", ["-c", argument], {
        cwd: workspace,
        env: { ...env, MLGATE_OUTPUT_DIR: outputDir },
        stdio: ["ignore", "pipe", "pipe"],
      });
      child.stdout.resume();
      child.stderr.resume();
      child.once("error", reject);
      child.once("close", (code, signal) =>
        code === 0 ? resolve() : reject(new Error(`the command exited ${signal ?? code}`)),
      );
    });
    const seconds = (performance.now() - start) / 1000;
    const importStart = performance.now();
    await import("onnxruntime-node");
    return { seconds, ortImportSeconds: (performance.now() - importStart) / 1000 };
  } finally {
    rmSync(outputDir, { recursive: true, force: true });
  }
}

const result = mode === "task" ? await runTask() : mode === "command" ? await runCommand() : undefined;
if (!result) throw new Error(`unknown mode ${mode}`);
process.stdout.write(`${JSON.stringify(result)}\n`);
