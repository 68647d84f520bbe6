/**
 * Runs one measurement in its own process (bench/train/child.ts or task-child.ts through tsx, or the
 * scikit-learn anchor) and reads its JSON line.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { cleanEnv, type Outcome, ROOT, runJsonChild } from "../child-process.js";
import type { TrainChildResult, TrainerName } from "./child.js";
import type { CommandChildResult, TaskChildResult } from "./task-child.js";

const CHILD = fileURLToPath(new URL("./child.ts", import.meta.url));
const TASK_CHILD = fileURLToPath(new URL("./task-child.ts", import.meta.url));
export const SKLEARN_ANCHOR = fileURLToPath(new URL("../anchors/sklearn_train.py", import.meta.url));

export type TrainOutcome = Outcome<TrainChildResult>;

export function runMlgate(trainer: TrainerName, train: string, holdout: string): TrainOutcome {
  return runJsonChild(process.execPath, ["--import", "tsx", CHILD, trainer, train, holdout]);
}

/** What a host sets before a task loads onnxruntime-node (src/hosts/run-task.ts). */
const TASK_ENV = { ORT_DISABLE_TELEMETRY: "1" };

/** The train task in a fresh process: `inputs` are the raw input values, as a host reads them. */
export function runTask(workspace: string, inputs: Record<string, string>): Outcome<TaskChildResult> {
  return runJsonChild(
    process.execPath,
    ["--import", "tsx", TASK_CHILD, "task", workspace, JSON.stringify(inputs)],
    TASK_ENV,
  );
}

/** The anchor of the task's overhead: `command` straight through /bin/sh -c, in a fresh process timed the same way. */
export function runCommand(workspace: string, command: string): Outcome<CommandChildResult> {
  return runJsonChild(process.execPath, ["--import", "tsx", TASK_CHILD, "command", workspace, command], TASK_ENV);
}

/** OpenMP and BLAS thread limits for the anchor; none leaves scikit-learn's default (every CPU). */
function threadLimits(threads: number | undefined): Record<string, string> {
  if (threads === undefined) return {};
  const value = String(threads);
  return { OMP_NUM_THREADS: value, OPENBLAS_NUM_THREADS: value, MKL_NUM_THREADS: value };
}

export function runSklearn(
  python: string,
  trainer: TrainerName,
  train: string,
  holdout: string,
  threads?: number,
): TrainOutcome {
  return runJsonChild(python, [SKLEARN_ANCHOR, "fit", trainer, train, holdout], threadLimits(threads));
}

/** The end-to-end anchor: pandas.read_csv of `csv`, then the same Pipeline.fit, timed together. */
export function runSklearnCsv(python: string, trainer: TrainerName, csv: string, threads?: number): TrainOutcome {
  return runJsonChild(python, [SKLEARN_ANCHOR, "csv", trainer, csv], threadLimits(threads));
}

/** The versions the anchor imports (scikit-learn, numpy, scipy, its thread pools), or why it cannot run. */
export function checkSklearn(
  python: string,
  threads?: number,
): { ok: true; versions: string } | { ok: false; reason: string } {
  const env = cleanEnv(threadLimits(threads));
  const result = spawnSync(python, [SKLEARN_ANCHOR, "check"], { cwd: ROOT, env, encoding: "utf8" });
  if (result.error) return { ok: false, reason: `${python} did not run (${result.error.message})` };
  if (result.status !== 0) {
    return {
      ok: false,
      reason: `${python} cannot import scikit-learn, numpy and scipy (${result.stderr.trim().split("\n").at(-1)})`,
    };
  }
  return { ok: true, versions: result.stdout.trim() };
}
