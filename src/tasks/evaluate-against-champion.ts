/**
 * evaluate-against-champion: score the challenger and the deployed champion on the same holdout
 * rows, compare every metric with paired bootstrap intervals, apply the gates and store the
 * verdict deploy requires. Exit 1 on `reject` (unless fail-on-reject is off). Every input is read
 * and checked before the store is written: bad input stores nothing.
 */

import type { Config } from "../core/config/config.js";
import { openTable } from "../core/data/index.js";
import type { DataFormat } from "../core/data/table.js";
import { baselineMetrics } from "../core/evaluate/baseline.js";
import { compareModels } from "../core/evaluate/compare-models.js";
import { applyGates, checkGates, type GatePlan } from "../core/evaluate/gates/index.js";
import type { ProblemType } from "../core/evaluate/metrics/index.js";
import { sliceMetrics } from "../core/evaluate/slices.js";
import { VERDICT_KIND } from "../core/evaluate/verdict.js";
import { PATH_KEY } from "../core/model/runtime/index.js";
import { renderHtml } from "../core/report/html.js";
import { renderMarkdown } from "../core/report/markdown.js";
import { openRegistry } from "../core/store/open.js";
import type { TaskContext } from "./context.js";
import { evaluationRows } from "./evaluate/evaluation-rows.js";
import { metricHistory } from "./evaluate/history.js";
import { championModel, loadChallenger, loadChampion, type ModelSource } from "./evaluate/model-sources.js";
import { scoreHoldout } from "./evaluate/score-holdout.js";
import { checkedMetrics, checkedSettings } from "./evaluate/settings.js";
import { gateFacts, inputDigests, type Measured, verdictDocument } from "./evaluate/verdict-document.js";
import { evaluationReport, verdictReportJson } from "./evaluate-against-champion.report.js";
import { evaluateAgainstChampionSpec as spec } from "./evaluate-against-champion.spec.js";
import { finishLineage, newRunId, startLineage } from "./lineage.js";
import { taskOnnxRuntime } from "./onnx-runtime.js";
import { publishReport } from "./publish-report.js";
import { withProgress } from "./read-data.js";
import { writeReportFile } from "./report-files.js";
import type { Inputs, Task, TaskResult } from "./spec.js";

export const evaluateAgainstChampion: Task = { spec, run: runEvaluate };

async function runEvaluate(inputs: Inputs, ctx: TaskContext, config?: Config): Promise<TaskResult> {
  const startedAt = ctx.now();
  const clock = performance.now();
  const settings = checkedSettings(inputs);
  const locate = config?.locate.bind(config);
  let plan: GatePlan | undefined = settings.problem ? checkGates(config?.gates, settings.problem, locate) : undefined;

  const registry = await openRegistry(inputs.registry as string, {
    workspace: ctx.workspace,
    env: ctx.env,
    credential: ctx.azureCredential,
  });
  const challenger = await loadChallenger(inputs.challenger as string, registry, ctx.workspace);
  const model = championModel(inputs.model as string | undefined, inputs.challenger as string);
  const alias = inputs["champion-alias"] as string;
  const champion = model ? await loadChampion(registry, model, alias) : undefined;
  ctx.log.info(
    champion
      ? `champion: ${champion.label} (${alias}); challenger: ${challenger.label}`
      : `no champion${model ? ` (${model} has no alias '${alias}')` : ""}: first run, absolute gates only; challenger: ${challenger.label}`,
  );

  const timings: Record<string, number> = {};
  const timed = async <T>(name: string, body: () => Promise<T> | T): Promise<T> => {
    const started = performance.now();
    try {
      return await body();
    } finally {
      timings[`${name}Ms`] = Math.round(performance.now() - started);
    }
  };
  const models: ModelSource[] = champion ? [challenger, champion] : [challenger];
  const runtime = await timed("load", () => taskOnnxRuntime(inputs[PATH_KEY] as string | undefined, ctx));
  const table = await openTable(inputs.data as string, {
    workspace: ctx.workspace,
    env: ctx.env,
    credential: ctx.azureCredential,
    format: inputs.format as DataFormat | undefined,
    batchRows: settings.batchSize,
  });
  const holdout = await timed("score", () =>
    withProgress(table, ctx, () =>
      scoreHoldout({
        table,
        models,
        runtime,
        label: inputs.label as string,
        slices: settings.slices,
        ...(settings.features ? { features: settings.features } : {}),
      }),
    ),
  );
  const prepared = evaluationRows({
    holdout,
    names: models.map((each) => each.label),
    ...(settings.problem ? { problem: settings.problem } : {}),
    threshold: settings.threshold,
  });
  const problem: ProblemType = prepared.rows.problem;
  plan ??= checkGates(config?.gates, problem, locate);
  const metricNames = checkedMetrics(settings.metrics, problem, plan);

  const comparison = await timed("bootstrap", () =>
    compareModels(prepared.rows, {
      metrics: metricNames,
      replicates: settings.replicates,
      seed: settings.seed,
      confidence: settings.confidence,
    }),
  );
  const { slices, omitted } = await timed("metrics", () =>
    sliceMetrics(
      prepared.rows,
      holdout.slices.map((column) => ({ column: column.name, codes: column.codes, values: column.values })),
      metricNames,
    ),
  );
  const measured: Measured = {
    ...(model ? { model } : {}),
    challenger,
    ...(champion ? { champion } : {}),
    holdout,
    prepared,
    plan,
    metrics: metricNames,
    comparison,
    slices,
    baseline: baselineMetrics(prepared.rows, [plan.primary]),
    confidence: settings.confidence,
    batchSize: settings.batchSize,
  };
  const result = applyGates(plan, gateFacts(measured));
  const runId = newRunId(startedAt);
  const lineage = finishLineage(startLineage(ctx, spec.name, startedAt), inputDigests(measured), ctx.now());
  const verdict = verdictDocument(measured, result, runId, lineage);

  const historyMetrics = [plan.primary, ...metricNames.filter((name) => name !== plan.primary)];
  const history = model ? await metricHistory(registry, model, historyMetrics, verdict) : undefined;
  const reportStarted = performance.now();
  const view = { verdict, rows: prepared.rows, history, omittedSlices: omitted, runUrl: ctx.identity.runUrl };
  const report = await writeReportFile(settings.reportOut, renderHtml(evaluationReport(view, "html")));
  timings.reportMs = Math.round(performance.now() - reportStarted);
  timings.totalMs = Math.round(performance.now() - clock);

  await registry.putRecord(VERDICT_KIND, runId, verdict);
  const outputs = {
    verdict: verdict.decision,
    "verdict-id": runId,
    metrics: JSON.stringify(
      Object.fromEntries(metricNames.map((name) => [name, verdict.metrics[name]?.challenger.value])),
    ),
    "champion-version": champion ? String(champion.version) : "",
    problem,
    report,
    "report-json": await writeReportFile(
      settings.reportJsonOut,
      `${JSON.stringify(verdictReportJson(verdict, timings), null, 2)}\n`,
    ),
  };
  await registry.putRun({
    schema: "mlgate.run/1",
    id: runId,
    task: spec.name,
    lineage: verdict.lineage,
    outputs,
    artifacts: {},
    status: verdict.decision === "promote" ? "succeeded" : "rejected",
  });
  const markdown = renderMarkdown(evaluationReport(view, "markdown"), {
    charts: ctx.identity.host === "github" ? "mermaid" : "none",
  });
  if (inputs.comment !== false)
    await publishReport(ctx, `evaluate-against-champion:${model ?? challenger.label}`, markdown);
  else await ctx.summary(markdown);
  for (const outcome of result.outcomes.filter((each) => each.status === "fail"))
    ctx.log.info(`gate failed: ${outcome.text}`);
  ctx.log.info(`verdict: ${verdict.decision} (${runId})`);
  return {
    exitCode: verdict.decision === "reject" && inputs["fail-on-reject"] !== false ? 1 : 0,
    outputs,
  };
}
