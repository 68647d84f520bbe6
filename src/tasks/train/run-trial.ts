/**
 * One training run (a search's trial, or the only run): the run cache first; on a miss, train into a
 * fresh folder, check the model, then store its objects, its run record and the cache entry — in that
 * order, so a failure before the end leaves nothing registered and nothing cached.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { InputError } from "../../core/errors.js";
import type { OnnxRuntime } from "../../core/model/runtime/index.js";
import { toProfileDocument } from "../../core/profile/document.js";
import type { Registry } from "../../core/store/registry.js";
import type { ArtifactRef, Digest, Lineage, RunRecord, TrainingLineage } from "../../core/store/types.js";
import type { TabularColumns } from "../../core/tabular/read-columns.js";
import { type CodeDigest, type RunEnvironment, runCacheKey } from "../../core/train/lineage/index.js";
import type { TaskContext } from "../context.js";
import { finishLineage, newRunId, startLineage } from "../lineage.js";
import { chooseTrainer, trainWithBuiltin } from "./builtin-training.js";
import { trainWithCommand } from "./command-training.js";
import { type CheckedModel, checkTrainedModel } from "./model-check.js";
import { findCachedRun, type RunCacheEntry, rememberRun } from "./run-cache.js";
import type { TrainInputs } from "./train-inputs.js";
import type { DataLineage, TrainingData } from "./training-data.js";

/** What every trial of one task run shares. */
export interface TrialSetup {
  inputs: TrainInputs;
  data: TrainingData;
  dataLineage: DataLineage;
  /** local data as absolute paths, URLs as given: MLGATE_DATA */
  dataPaths: readonly string[];
  features: readonly string[];
  code: CodeDigest;
  environment: RunEnvironment;
  registry: Registry;
  champion: TrainingLineage["champion"];
  /** where trial folders go: `<output-dir>/.runs` */
  runsDir: string;
  runtime: () => Promise<OnnxRuntime>;
  sample: () => Promise<TabularColumns>;
  /** every feature and the target in memory (builtin trainers) */
  columns: () => Promise<TabularColumns>;
  ctx: TaskContext;
}

export interface Trial {
  index: number;
  of: number;
  params: Record<string, unknown>;
  /** `search`: the digest of the search's plan, shared by its trials */
  search?: string;
}

export interface TrialOutcome {
  trial: Trial;
  runId: string;
  cached: boolean;
  key: Digest;
  artifacts: RunCacheEntry["artifacts"];
  metrics: Record<string, number>;
  signature: TrainingLineage["signature"];
  /** the folder holding this trial's output files (fresh runs only) */
  outputDir?: string;
  durationMs: number;
}

export async function runTrial(setup: TrialSetup, trial: Trial): Promise<TrialOutcome> {
  const { ctx, inputs } = setup;
  const started = ctx.now();
  const trainer = trainerOf(setup);
  const key = runCacheKey({
    task: "train",
    mlgateVersion: ctx.version,
    data: Object.fromEntries(setup.dataLineage.sources.map((source) => [source.name, source.digest])),
    params: trial.params,
    ...("command" in trainer
      ? { command: trainer.command }
      : { trainer: { name: trainer.builtin, target: inputs.target, features: setup.features } }),
    code: setup.code.digest,
    environment: setup.environment,
  }) as Digest;

  if (!inputs.force) {
    const hit = await findCachedRun(setup.registry, key);
    if (hit) {
      return {
        trial,
        runId: hit.runId,
        cached: true,
        key,
        artifacts: hit.artifacts,
        metrics: hit.metrics ?? {},
        signature: hit.signature,
        durationMs: ctx.now().getTime() - started.getTime(),
      };
    }
  }

  // ONNX Runtime loads while the command trains in its own process
  void setup.runtime();
  const runId = newRunId(started);
  const runDir = path.join(setup.runsDir, runId);
  const outputDir = path.join(runDir, "out");
  await mkdir(outputDir, { recursive: true });
  await train(setup, trial, trainer, runDir, outputDir);
  const checked = await checkTrainedModel({
    dir: outputDir,
    shownDir: path.relative(ctx.workspace, outputDir) || ".",
    runtime: await setup.runtime(),
    sample: await setup.sample(),
    features: setup.features,
  });
  const signature = { inputs: checked.info.inputs, outputs: checked.info.outputs };
  const metrics = checked.metrics?.values ?? {};
  const artifacts = await storeObjects(setup.registry, checked, setup);
  const finished = ctx.now();
  const lineage: Lineage = finishLineage(
    startLineage(ctx, "train", started),
    { model: artifacts.model.digest, data: setup.dataLineage.digest as Digest },
    finished,
  );
  const training: TrainingLineage = {
    trainer,
    ...(inputs.target ? { target: inputs.target as string } : {}),
    data: setup.dataLineage,
    code: { ...setup.code, ...(inputs.code?.length ? { globs: [...inputs.code] } : {}) },
    environment: setup.environment,
    cacheKey: key,
    ...(setup.champion === undefined ? {} : { champion: setup.champion }),
    signature,
    metrics,
    ...(trial.search ? { trial: { index: trial.index, of: trial.of, search: trial.search } } : {}),
  };
  const record: RunRecord = {
    schema: "mlgate.run/1",
    id: runId,
    task: "train",
    lineage,
    params: trial.params,
    outputs: { model: artifacts.model.digest },
    artifacts: artifacts as Record<string, ArtifactRef>,
    status: "succeeded",
    training,
  };
  await setup.registry.putRun(record);
  const { profile: _inRunRecordOnly, ...cached } = artifacts;
  await rememberRun(setup.registry, {
    schema: "mlgate.run-cache/1",
    key,
    runId,
    createdAt: finished.toISOString(),
    artifacts: cached,
    signature,
    metrics,
  });
  return {
    trial,
    runId,
    cached: false,
    key,
    artifacts: cached,
    metrics,
    signature,
    outputDir,
    durationMs: finished.getTime() - started.getTime(),
  };
}

/** The command, or the builtin trainer that `builtin` resolves to for this label column. */
export function trainerOf(setup: TrialSetup): TrainingLineage["trainer"] {
  const { trainer, target } = setup.inputs;
  if (trainer.kind === "command") return { command: trainer.command };
  const column = setup.data.profile.columns.get(target as string);
  const type = setup.data.types.get(target as string);
  if (!column || !type) {
    throw new InputError(`the label column '${target}' has no values`, { key: "target" }, "name a column with labels");
  }
  return { builtin: chooseTrainer(trainer.trainer, { type, distinct: column.distinctEstimate() }) };
}

async function train(
  setup: TrialSetup,
  trial: Trial,
  trainer: TrainingLineage["trainer"],
  runDir: string,
  outputDir: string,
): Promise<void> {
  const { ctx, inputs } = setup;
  const prefix = trial.of > 1 ? `[trial ${trial.index + 1}/${trial.of}] ` : "";
  if ("command" in trainer) {
    await trainWithCommand({
      command: trainer.command,
      cwd: inputs.workingDirectory,
      env: ctx.env,
      passEnv: inputs.passEnv,
      data: setup.dataPaths,
      params: trial.params,
      runDir,
      outputDir,
      timeoutMs: inputs.timeoutMs,
      log: ctx.log,
      linePrefix: prefix,
    });
    return;
  }
  await trainWithBuiltin({
    trainer: trainer.builtin as Parameters<typeof trainWithBuiltin>[0]["trainer"],
    columns: await setup.columns(),
    target: inputs.target as string,
    features: setup.features,
    params: trial.params,
    outputDir,
    log: (line) => ctx.log.warning(`${prefix}${line}`),
  });
}

async function storeObjects(
  registry: Registry,
  checked: CheckedModel,
  setup: TrialSetup,
): Promise<RunCacheEntry["artifacts"] & { profile: ArtifactRef }> {
  const model = await registry.putObject(checked.data, "application/onnx", "model.onnx");
  const metrics = checked.metrics
    ? await registry.putObject(checked.metrics.data, "application/json", "metrics.json")
    : undefined;
  const profile = await registry.putObject(
    Buffer.from(`${JSON.stringify(toProfileDocument(setup.data.profile))}\n`),
    "application/json",
    "profile.json",
  );
  return { model, ...(metrics ? { metrics } : {}), profile };
}
