/**
 * deploy: move an alias to a version in one compare-and-swap with an audit entry, only under a
 * `promote` verdict whose champion is still the alias's target (or a forced version, or a rollback).
 * Every input is checked before the store is opened; the smoke test and the target's own step run
 * before the move, so their failure leaves the alias where it was. Exit 1 when refused, with a run
 * recorded as `rejected`; exit 2 for bad input, with nothing written.
 */
import type { DataFormat } from "../core/data/table.js";
import { describeError } from "../core/errors.js";
import { inspectOnnxModel } from "../core/model/onnx.js";
import { PATH_KEY } from "../core/model/runtime/index.js";
import { openRegistry } from "../core/store/open.js";
import type { Registry } from "../core/store/registry.js";
import type { AliasState, RunRecord } from "../core/store/types.js";
import type { TaskContext } from "./context.js";
import { moveAlias } from "./deploy/move.js";
import { type DeployPlan, planDeploy } from "./deploy/plan.js";
import { DeployRefusal } from "./deploy/refusal.js";
import { checkedRequest, type DeployRequest } from "./deploy/request.js";
import { type SmokeTest, smokeTest } from "./deploy/smoke-test.js";
import { checkedTarget, type Deployment, type DeployTarget, type TargetResult } from "./deploy/targets/index.js";
import { type DeployOutcome, renderDeployReport } from "./deploy.report.js";
import { deploySpec as spec } from "./deploy.spec.js";
import { finishLineage, newRunId, startLineage } from "./lineage.js";
import type { Inputs, Task, TaskResult } from "./spec.js";

export const deploy: Task = { spec, run: runDeploy };

async function runDeploy(inputs: Inputs, ctx: TaskContext): Promise<TaskResult> {
  const startedAt = ctx.now();
  const request = checkedRequest(inputs, ctx.identity);
  const target = checkedTarget(inputs, ctx.workspace);
  const smoke = smokeSettings(inputs);
  const registry = await openRegistry(inputs.registry as string, {
    workspace: ctx.workspace,
    env: ctx.env,
    credential: ctx.azureCredential,
  });
  const run: RunState = { registry, request, target, ctx, runId: newRunId(startedAt), startedAt };
  try {
    const plan = await planDeploy(registry, request);
    run.plan = plan;
    if (plan.refusal) throw plan.refusal;
    return await carryOut(run, plan, smoke);
  } catch (error) {
    if (!(error instanceof DeployRefusal)) throw error;
    ctx.log.error(error.message);
    const now = await registry.getAlias(request.model, request.alias);
    return finish(run, "rejected", { problem: error.message, aliasNow: now });
  }
}

interface RunState {
  registry: Registry;
  request: DeployRequest;
  target: DeployTarget;
  ctx: TaskContext;
  runId: string;
  startedAt: Date;
  plan?: DeployPlan;
}

async function carryOut(run: RunState, plan: DeployPlan, smoke: SmokeTest | undefined): Promise<TaskResult> {
  const { registry, request, target, ctx } = run;
  const deployment = deploymentOf(run, plan);
  let moved: AliasState;
  if (plan.landed && plan.current) {
    ctx.log.info(
      `alias '${request.alias}' already moved to v${plan.manifest.version} under this verdict (run ${plan.landed.runId ?? "?"}): nothing to move`,
    );
    moved = plan.current;
  } else {
    if (smoke) await smokeOf(deployment, smoke);
    await target.beforeMove?.(deployment);
    moved = await moveAlias(registry, plan, request, {
      actor: ctx.identity.actor,
      runId: run.runId,
      runUrl: ctx.identity.runUrl,
    }).catch((error: unknown) => {
      if (error instanceof DeployRefusal && target.lostRace) ctx.log.warning(target.lostRace(deployment));
      throw error;
    });
    ctx.log.info(
      `alias '${request.alias}' of ${request.model}: ${deployment.previous === null ? "created at" : `v${deployment.previous} →`} v${plan.manifest.version} (revision ${moved.revision})`,
    );
  }
  const result = await afterMove(target, deployment, moved);
  if (result.problem) ctx.log.warning(result.problem);
  return finish(run, result.problem ? "failed" : "succeeded", {
    problem: result.problem,
    aliasNow: moved,
    previous: deployment.previous,
    url: result.url,
  });
}

/** The alias moved: whatever goes wrong now is a failure to follow it, not bad input (the store was written). */
async function afterMove(target: DeployTarget, deployment: Deployment, moved: AliasState): Promise<TargetResult> {
  try {
    return (await target.afterMove?.(deployment, moved)) ?? { url: "" };
  } catch (error) {
    return { url: "", problem: `the alias moved, but the ${target.name} target failed: ${describeError(error)}` };
  }
}

function deploymentOf(run: RunState, plan: DeployPlan): Deployment {
  let bytes: Promise<Buffer> | undefined;
  return {
    model: run.request.model,
    alias: run.request.alias,
    manifest: plan.manifest,
    previous: plan.landed ? plan.landed.from : (plan.current?.version ?? null),
    modelBytes: () => {
      bytes ??= run.registry.getObject(plan.manifest.artifacts.model);
      return bytes;
    },
    ctx: run.ctx,
  };
}

async function smokeOf(deployment: Deployment, smoke: SmokeTest): Promise<void> {
  const label = `${deployment.model}@${deployment.manifest.version}`;
  const bytes = await deployment.modelBytes();
  const summary = await smokeTest(smoke, { label, bytes, info: inspectOnnxModel(bytes, label) }, deployment.ctx);
  deployment.ctx.log.info(`smoke test: ${label} predicted ${summary.rows} rows`);
}

function smokeSettings(inputs: Inputs): SmokeTest | undefined {
  const data = inputs["smoke-data"] as string | undefined;
  if (data === undefined) return undefined;
  const features = inputs.features as readonly string[] | undefined;
  return {
    data,
    format: inputs.format as DataFormat | undefined,
    ...(features && features.length > 0 ? { features } : {}),
    onnxRuntimePath: inputs[PATH_KEY] as string | undefined,
  };
}

interface Ending {
  /** a refusal's reason, or what went wrong after the move */
  problem?: string;
  /** the alias when deploy finished */
  aliasNow: AliasState | undefined;
  /** set when the alias moved (or had moved under this verdict) */
  previous?: number | null;
  url?: string;
}

/** Records the run, writes the summary and says the outputs. */
async function finish(run: RunState, status: RunRecord["status"], ending: Ending): Promise<TaskResult> {
  const { registry, request, plan, ctx } = run;
  const moved = ending.previous !== undefined;
  const outputs = {
    version: ending.aliasNow ? String(ending.aliasNow.version) : "",
    "previous-version": moved && ending.previous !== null ? String(ending.previous) : "",
    alias: request.alias,
    url: ending.url ?? "",
  };
  const lineage = startLineage(ctx, spec.name, run.startedAt);
  await registry.putRun({
    schema: "mlgate.run/1",
    id: run.runId,
    task: spec.name,
    lineage: finishLineage(lineage, plan ? { model: plan.manifest.digest } : {}, ctx.now()),
    params: {
      model: request.model,
      alias: request.alias,
      target: run.target.name,
      ...request.source,
      ...(request.force ? { force: true, reason: request.reason } : {}),
    },
    outputs,
    artifacts: {},
    status,
  });
  const outcome: DeployOutcome = {
    status: status === "succeeded" ? "deployed" : status === "failed" ? "failed" : "refused",
    model: request.model,
    alias: request.alias,
    ...(plan ? { version: plan.manifest.version } : {}),
    ...(moved ? { previous: ending.previous } : {}),
    ...(plan?.verdict ? { verdict: plan.verdict } : {}),
    target: run.target.name,
    ...(ending.url ? { url: ending.url } : {}),
    ...(plan && status !== "rejected" ? { reason: plan.audit.reason } : {}),
    forced: request.force,
    rollback: request.source.kind === "rollback",
    ...(ending.problem ? { problem: ending.problem } : {}),
    ...(ctx.identity.runUrl ? { runUrl: ctx.identity.runUrl } : {}),
  };
  await ctx.summary(renderDeployReport(outcome));
  return { exitCode: status === "succeeded" ? 0 : 1, outputs };
}
