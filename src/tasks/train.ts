/**
 * train: a reproducible training run. Inputs and data are read and checked first; then each run (one,
 * or one per search trial) is looked up in the run cache and trained only on a miss; the best run's
 * model and metrics land in output-dir.
 */
import { copyFile, mkdir, readdir, rm } from "node:fs/promises";
import path from "node:path";
import type { Config } from "../core/config/config.js";
import { sha256Digest } from "../core/digest.js";
import { describeError, InputError } from "../core/errors.js";
import { mapLimit } from "../core/store/limit.js";
import { openRegistry } from "../core/store/open.js";
import type { Registry } from "../core/store/registry.js";
import type { TrainingLineage } from "../core/store/types.js";
import { canonicalJson, codeDigest, describeEnvironment } from "../core/train/lineage/index.js";
import { rankTrials } from "../core/train/search/index.js";
import type { TaskContext } from "./context.js";
import { taskOnnxRuntime } from "./onnx-runtime.js";
import type { Inputs, Task, TaskResult } from "./spec.js";
import { METRICS_FILE, MODEL_FILE, restoreRun } from "./train/run-cache.js";
import { runTrial, type Trial, type TrialOutcome, type TrialSetup, trainerOf } from "./train/run-trial.js";
import { commandDataPaths, readTrainInputs, type TrainInputs } from "./train/train-inputs.js";
import { allColumns, dataLineage, featureColumns, readTrainingData, sampleColumns } from "./train/training-data.js";
import { renderTrainReport } from "./train.report.js";
import { trainSpec } from "./train.spec.js";

export const train: Task = { spec: trainSpec, run: runTrain };

async function runTrain(raw: Inputs, ctx: TaskContext, config?: Config): Promise<TaskResult> {
  const inputs = await readTrainInputs(raw, ctx, config);
  const command = inputs.trainer.kind === "command" ? inputs.trainer.command : undefined;
  // git and the Python version run in child processes while the data is read
  const code = settledLater(
    codeDigest(inputs.workingDirectory, inputs.code, configFile(config, ctx.workspace, inputs)),
  );
  const environment = settledLater(describeEnvironment(inputs.workingDirectory, ctx.env, command));
  const data = await readTrainingData(inputs.data, ctx, { format: inputs.format, keep: builtinColumns(inputs) });
  const features = featureColumns(data, inputs.target, inputs.features);
  const registry = await openRegistry(inputs.registry, {
    workspace: ctx.workspace,
    env: ctx.env,
    credential: ctx.azureCredential,
  });
  const setup: TrialSetup = {
    inputs,
    data,
    dataLineage: dataLineage(data),
    dataPaths: commandDataPaths(
      data.profile.sources.map((source) => source.name),
      ctx.workspace,
    ),
    features,
    code: await code,
    environment: await environment,
    registry,
    champion: inputs.name ? await championOf(registry, inputs.name, inputs.championAlias) : undefined,
    runsDir: path.join(inputs.outputDir, ".runs"),
    runtime: once(() => taskOnnxRuntime(inputs.runtimePath, ctx)),
    sample: once(() => sampleColumns(data, ctx)),
    columns: once(() => allColumns(data, [...features, inputs.target as string], ctx)),
    ctx,
  };

  // a runtime named explicitly is checked before anything trains
  if (inputs.runtimePath !== undefined) await setup.runtime();
  const trials = planned(inputs);
  try {
    const settled = await runTrials(setup, trials);
    const done = settled.filter((outcome): outcome is TrialOutcome => !("error" in outcome));
    const failed = settled.filter((outcome): outcome is Failed => "error" in outcome);
    const ranked = inputs.search ? rankTrials(done.map(asRanked), inputs.search.objective).map((r) => r.trial) : done;
    if (inputs.search) checkObjective(inputs.search.objective.metric, done, config);
    const best = ranked[0];
    if (best) {
      await ctx.summary(
        renderTrainReport({
          best,
          ranked,
          failed: failed.map((f) => ({ trial: f.trial, error: describeError(f.error) })),
          trainer: describeTrainer(trainerOf(setup)),
          data: { rows: data.profile.rows, digest: data.profile.digest, files: data.profile.sources.length },
          champion: describeChampion(setup.champion),
          search: inputs.search,
        }),
      );
    }
    if (failed.length > 0 || !best) throw (failed[0] as Failed).error;
    const files = await deliver(best, registry, inputs.outputDir);
    logOutcome(ctx, best, done);
    return {
      exitCode: 0,
      outputs: {
        model: files.model,
        metrics: files.metrics ?? "",
        "run-id": best.runId,
        cached: String(done.every((outcome) => outcome.cached)),
        signature: JSON.stringify(best.signature),
      },
    };
  } finally {
    await rm(setup.runsDir, { recursive: true, force: true });
  }
}

interface Failed {
  trial: Trial;
  error: unknown;
}
type Settled = TrialOutcome | Failed;

/** A search whose objective no trial reports would pick its first trial blindly: refuse instead. */
function checkObjective(metric: string, done: readonly TrialOutcome[], config?: Config): void {
  if (done.length === 0 || done.some((outcome) => Number.isFinite(outcome.metrics[metric]))) return;
  const reported = [...new Set(done.flatMap((outcome) => Object.keys(outcome.metrics)))];
  throw new InputError(
    `no trial reported the objective metric '${metric}'`,
    config?.locate("search.objective.metric") ?? { key: "search.objective.metric" },
    reported.length > 0
      ? `choose one of the metrics the trials wrote: ${reported.slice(0, 10).join(", ")}`
      : "write it into metrics.json in MLGATE_OUTPUT_DIR",
  );
}

function describeTrainer(trainer: TrainingLineage["trainer"]): string {
  return "command" in trainer ? trainer.command : `builtin ${trainer.builtin}`;
}

/** The columns a builtin trainer fits on (the features and the label), or none for a command. */
function builtinColumns(inputs: TrainInputs): ((column: string) => boolean) | undefined {
  if (inputs.trainer.kind !== "builtin") return undefined;
  const { features, target } = inputs;
  return features ? (column) => column === target || features.includes(column) : () => true;
}

/** mlgate.yml as the code digest sees it (relative to the working directory, `/`-separated). */
function configFile(config: Config | undefined, workspace: string, inputs: TrainInputs): string[] {
  if (!config) return [];
  return [path.relative(inputs.workingDirectory, path.resolve(workspace, config.file)).split(path.sep).join("/")];
}

function planned(inputs: TrainInputs): Trial[] {
  const search = inputs.search ? sha256Digest(Buffer.from(canonicalJson(inputs.search))) : undefined;
  return inputs.trials.map((params, index) => ({
    index,
    of: inputs.trials.length,
    params,
    ...(search ? { search } : {}),
  }));
}

/** Trials in order, at most `parallel` at once; one at a time, each trial's log is a group of its own. */
async function runTrials(setup: TrialSetup, trials: Trial[]): Promise<Settled[]> {
  const parallel = Math.max(1, setup.inputs.search?.parallel ?? 1);
  const settle = async (trial: Trial): Promise<Settled> => {
    try {
      return await runTrial(setup, trial);
    } catch (error) {
      if (trials.length > 1) setup.ctx.log.error(`trial ${trial.index + 1}: ${describeError(error)}`);
      return { trial, error };
    }
  };
  if (parallel > 1) return mapLimit(trials, parallel, settle);
  const settled: Settled[] = [];
  for (const trial of trials) {
    const title = trials.length > 1 ? `train: trial ${trial.index + 1} of ${trials.length}` : "train";
    settled.push(await setup.ctx.log.group(title, () => settle(trial)));
  }
  return settled;
}

function asRanked(outcome: TrialOutcome) {
  return { trial: outcome, metrics: outcome.metrics };
}

/** The best run's files in output-dir: copied from its folder, or restored from the store on a cache hit. */
async function deliver(
  best: TrialOutcome,
  registry: Registry,
  outputDir: string,
): Promise<{ model: string; metrics?: string }> {
  await mkdir(outputDir, { recursive: true });
  for (const file of [MODEL_FILE, METRICS_FILE]) await rm(path.join(outputDir, file), { force: true });
  if (best.outputDir) {
    for (const entry of await readdir(best.outputDir, { withFileTypes: true })) {
      if (entry.isFile()) await copyFile(path.join(best.outputDir, entry.name), path.join(outputDir, entry.name));
    }
  } else {
    await restoreRun(registry, best.artifacts, outputDir);
  }
  return {
    model: path.join(outputDir, MODEL_FILE),
    ...(best.artifacts.metrics ? { metrics: path.join(outputDir, METRICS_FILE) } : {}),
  };
}

async function championOf(registry: Registry, name: string, alias: string): Promise<TrainingLineage["champion"]> {
  const state = await registry.getAlias(name, alias);
  if (!state) return null;
  const manifest = await registry.getVersion(name, state.version);
  return manifest ? { model: name, alias, version: manifest.version, digest: manifest.digest } : null;
}

function describeChampion(champion: TrainingLineage["champion"]): string | undefined {
  if (champion === undefined) return undefined;
  return champion ? `${champion.model}@${champion.version} (${champion.alias})` : "none yet";
}

function logOutcome(ctx: TaskContext, best: TrialOutcome, done: readonly TrialOutcome[]): void {
  const cached = done.filter((outcome) => outcome.cached).length;
  if (done.length > 1) ctx.log.info(`${done.length} trials, ${cached} from the run cache; best: run ${best.runId}`);
  else if (best.cached) {
    ctx.log.info(
      `run cache hit: run ${best.runId} trained on the same code, data, params and environment; nothing trained`,
    );
  } else ctx.log.info(`trained: run ${best.runId}`);
}

/** A promise awaited later: its rejection is not "unhandled" if an earlier step throws first. */
function settledLater<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}

/** Made on first call, then shared; a caller may start it early without awaiting (settledLater). */
function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => {
    made ??= settledLater(make());
    return made;
  };
}
