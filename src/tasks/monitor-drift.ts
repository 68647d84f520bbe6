/**
 * monitor-drift: profile the current data in one streaming pass, compare it with the reference
 * profile (a file, or the one stored with the deployed version), decide whether to retrain and, if
 * so, fire the trigger. Exit 1 when the dataset drifts (unless fail-on-drift is off).
 */
import { closest } from "../core/config/closest.js";
import type { DataFormat } from "../core/data/table.js";
import { type Correction, DRIFT_TESTS, type DriftTestName, decideRetrain, detectDrift } from "../core/drift/index.js";
import { InputError } from "../core/errors.js";
import { renderHtml } from "../core/report/html.js";
import { renderMarkdown } from "../core/report/markdown.js";
import { fireTrigger, parseTrigger } from "../core/trigger/index.js";
import type { TaskContext } from "./context.js";
import { type DriftReference, loadDriftReference } from "./drift-reference.js";
import { type DriftOutcome, driftReport, driftReportJson } from "./monitor-drift.report.js";
import { monitorDriftSpec } from "./monitor-drift.spec.js";
import { publishReport } from "./publish-report.js";
import { profileData } from "./read-data.js";
import { writeReportFile } from "./report-files.js";
import type { Inputs, Task, TaskResult } from "./spec.js";

export const monitorDrift: Task = { spec: monitorDriftSpec, run: runMonitorDrift };

async function runMonitorDrift(inputs: Inputs, ctx: TaskContext): Promise<TaskResult> {
  const trigger = parseTrigger(inputs.trigger as string | undefined, "trigger");
  const tests = checkedTests(inputs.tests as readonly string[] | undefined);
  const driftShare = checkedShare(inputs["drift-share"] as number, "drift-share");
  const threshold = inputs.threshold as number | undefined;
  if (threshold !== undefined && !(threshold > 0)) {
    throw new InputError(
      `threshold ${threshold} must be above 0`,
      { key: "threshold" },
      "use e.g. 0.05 for p-values or 0.1 for distances",
    );
  }
  const reference = await loadDriftReference(inputs, ctx);
  const columns = checkedColumns(inputs.columns as readonly string[] | undefined, reference);
  const current = await profileData(inputs.current as string, ctx, { format: inputs.format as DataFormat | undefined });

  const result = detectDrift(reference.profile, current, {
    columns,
    tests,
    threshold,
    driftShare,
    correction: inputs.correction as Correction,
  });
  const retrain = decideRetrain({
    drift: result.drift,
    driftedColumns: result.driftedColumns,
    currentRows: current.rows,
    minNewRows: inputs["min-new-rows"] as number,
    referenceCreatedAt: reference.createdAt,
    maxAgeDays: inputs["max-age-days"] as number | undefined,
    now: ctx.now(),
  });
  const outcome: DriftOutcome = {
    result,
    retrain,
    referenceLabel: reference.label,
    redactValues: inputs["redact-values"] === true,
  };
  if (retrain.shouldRetrain && trigger) {
    const fired = await fireTrigger(trigger, ctx.trigger, {
      model: reference.model ?? reference.label,
      version: reference.version ?? 0,
      reason: retrain.reason,
      driftShare: result.driftShare,
      driftedColumns: result.driftedColumns,
      runUrl: ctx.identity.runUrl,
    });
    outcome.triggered = fired.runUrl ? `${fired.description} (${fired.runUrl})` : fired.description;
    ctx.log.info(`retraining triggered: ${outcome.triggered}`);
  }

  const report = await writeReportFile(inputs["report-out"] as string, renderHtml(driftReport(outcome, "all")));
  const reportJson = await writeReportFile(
    inputs["report-json-out"] as string,
    `${JSON.stringify(driftReportJson(outcome), null, 2)}\n`,
  );
  const markdown = renderMarkdown(driftReport(outcome, "top"), {
    charts: ctx.identity.host === "github" ? "mermaid" : "none",
  });
  await publishReport(ctx, `monitor-drift:${reference.model ?? reference.label}`, markdown);
  ctx.log.info(
    result.drift
      ? `drift: ${result.driftedColumns.length} column(s) drifted (${result.driftedColumns.join(", ")}); ${retrain.reason}`
      : `no dataset drift (${result.driftedColumns.length} column(s) drifted); ${retrain.reason}`,
  );
  return {
    exitCode: result.drift && inputs["fail-on-drift"] !== false ? 1 : 0,
    outputs: {
      drift: String(result.drift),
      "drifted-columns": result.driftedColumns.join(","),
      "drift-share": String(result.driftShare),
      "should-retrain": String(retrain.shouldRetrain),
      "retrain-reason": retrain.reason,
      triggered: String(outcome.triggered !== undefined),
      report,
      "report-json": reportJson,
    },
  };
}

function checkedTests(names: readonly string[] | undefined): DriftTestName[] | undefined {
  if (!names || names.length === 0) return undefined;
  return names.map((name) => {
    if ((DRIFT_TESTS as readonly string[]).includes(name)) return name as DriftTestName;
    const guess = closest(name, DRIFT_TESTS);
    throw new InputError(
      `unknown drift test '${name}'`,
      { key: "tests" },
      `${guess ? `did you mean '${guess}'? ` : ""}choose from ${DRIFT_TESTS.join(", ")}`,
    );
  });
}

function checkedShare(value: number, key: string): number {
  if (value > 0 && value <= 1) return value;
  throw new InputError(`${key} ${value} is not a share`, { key }, "use a number above 0 and at most 1, e.g. 0.5");
}

function checkedColumns(names: readonly string[] | undefined, reference: DriftReference): string[] | undefined {
  if (!names || names.length === 0) return undefined;
  const known = [...reference.profile.columns.keys()];
  for (const name of names) {
    if (known.includes(name)) continue;
    const guess = closest(name, known);
    throw new InputError(
      `column '${name}' is not in the reference profile (${reference.label})`,
      { key: "columns" },
      guess ? `did you mean '${guess}'?` : `choose from ${known.slice(0, 20).join(", ")}`,
    );
  }
  return [...names];
}
