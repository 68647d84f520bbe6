/**
 * What a person reads after evaluate-against-champion: the verdict in one line, the metric table
 * (champion | challenger | Δ | interval | gate, marked by direction), every gate with its numbers,
 * slice regressions, confusion matrices and the metric's history; the HTML report adds ROC,
 * precision-recall and calibration curves. Also the machine-readable JSON document.
 */

import type { Estimate } from "../core/evaluate/bootstrap/index.js";
import { calibrationCurve, precisionRecallCurve, rocCurve, thinCurve } from "../core/evaluate/curves.js";
import { formatBytes, type GateOutcome, METRIC_LABELS } from "../core/evaluate/gates/index.js";
import { confusionMatrix, METRICS, type MetricName, predictLabels } from "../core/evaluate/metrics/index.js";
import { type BinaryRows, type EvaluationRows, rankings } from "../core/evaluate/rows.js";
import type { Verdict } from "../core/evaluate/verdict.js";
import { code, type Inline, link, md, type Report, type Section } from "../core/report/model.js";
import { formatCount, formatScore } from "../core/report/numbers.js";
import type { MetricHistory } from "./evaluate/history.js";

export interface EvaluationView {
  verdict: Verdict;
  rows: EvaluationRows;
  history?: MetricHistory;
  /** slice column → values left out of the breakdown */
  omittedSlices: Record<string, number>;
  runUrl?: string;
}

/** Slice rows shown in a comment: the worst regressions; the HTML report has every slice. */
const MARKDOWN_SLICES = 10;

const STATUS_MARK: Record<GateOutcome["status"], string> = { pass: "✅ pass", fail: "❌ fail", skipped: "➖ skipped" };

export function evaluationReport(view: EvaluationView, format: "markdown" | "html"): Report {
  const { verdict } = view;
  const sections: Section[] = [overview(view), metricTable(verdict), gateTable(verdict)];
  const regressions = sliceRegressions(verdict, format === "markdown" ? MARKDOWN_SLICES : Number.POSITIVE_INFINITY);
  if (regressions) sections.push(regressions);
  sections.push(...confusionMatrices(view));
  if (view.history) {
    sections.push({
      kind: "line",
      title: `${METRIC_LABELS[view.history.metric as MetricName] ?? view.history.metric} by version (recorded at registration; last: the challenger on this holdout)`,
      labels: view.history.labels,
      series: [{ name: view.history.metric, values: view.history.values }],
      valueLabel: view.history.metric,
    });
  }
  if (format === "html") sections.push(...curves(view));
  else
    sections.push({ kind: "paragraph", text: "ROC, precision-recall and calibration curves are in the HTML report." });
  return {
    title: `mlgate evaluate-against-champion: ${verdict.model ?? verdict.challenger.label}`,
    verdict: { status: verdict.decision === "promote" ? "pass" : "fail", text: headline(verdict) },
    sections,
  };
}

function headline(verdict: Verdict): string {
  const failed = verdict.gates.filter((gate) => gate.status === "fail");
  const counted = verdict.gates.filter((gate) => gate.status !== "skipped").length;
  const against = verdict.champion
    ? `against ${verdict.champion.label}`
    : "first run: no champion, absolute gates only";
  return verdict.decision === "promote"
    ? `promote ${verdict.challenger.label} (${against}): ${counted} of ${counted} gates passed`
    : `reject ${verdict.challenger.label} (${against}): ${failed.length} of ${counted} gates failed — ${failed
        .map((gate) => gate.gate)
        .join(", ")}`;
}

function overview(view: EvaluationView): Section {
  const { verdict } = view;
  const { bootstrap } = verdict;
  const rows: { label: Inline; value: Inline }[] = [
    {
      label: "challenger",
      value: md`${verdict.challenger.label} ${code(shortDigest(verdict.challenger.digest))}, ${formatBytes(verdict.challenger.bytes)}`,
    },
    {
      label: "champion",
      value: verdict.champion
        ? md`${verdict.champion.label} (alias ${code(verdict.champion.alias)}) ${code(shortDigest(verdict.champion.digest))}, ${formatBytes(verdict.champion.bytes)}`
        : "none — first run, absolute gates only",
    },
    {
      label: "holdout",
      value: md`${formatCount(verdict.data.rows)} rows, ${code(shortDigest(verdict.data.digest))}`,
    },
    {
      label: "problem",
      value: `${verdict.problem}${verdict.classes ? ` (classes: ${verdict.classes.join(", ")})` : ""}`,
    },
    {
      label: "intervals",
      value:
        bootstrap.replicates > 0
          ? `${Math.round(bootstrap.confidence * 100)}% paired bootstrap, ${formatCount(bootstrap.replicates)} replicates, seed ${bootstrap.seed}${resampledNote(bootstrap)}`
          : "none (bootstrap: 0)",
    },
    { label: "verdict id", value: code(verdict.id) },
  ];
  if (view.runUrl) rows.push({ label: "run", value: link(view.runUrl, view.runUrl) });
  return { kind: "keyValue", rows };
}

function resampledNote(bootstrap: Verdict["bootstrap"]): string {
  if (bootstrap.resampled === "cells")
    return ` (rows resampled through ${formatCount(bootstrap.units)} cells of alike rows)`;
  if (bootstrap.resampled === "blocks") return ` (rows resampled in ${formatCount(bootstrap.units)} blocks)`;
  return "";
}

function metricTable(verdict: Verdict): Section {
  const percent = `${Math.round(verdict.bootstrap.confidence * 100)}% interval`;
  return {
    kind: "table",
    title: "Metrics",
    headers: ["metric", "champion", "challenger", "Δ", `Δ ${percent}`, "gate"],
    align: ["left", "right", "right", "right", "right", "left"],
    rows: Object.entries(verdict.metrics).map(([name, metric]) => {
      const info = METRICS[name as MetricName];
      const gates = verdict.gates.filter((gate) => gate.metric === name && !gate.slice);
      return [
        `${METRIC_LABELS[name as MetricName] ?? name} (${info.direction === "higher" ? "↑" : "↓"} better)`,
        metric.champion ? formatScore(metric.champion.value) : "—",
        withInterval(metric.challenger, !metric.champion),
        metric.delta ? markedDelta(metric.delta.value, info.direction) : "—",
        metric.delta ? interval(metric.delta) : "—",
        gates.length === 0
          ? "—"
          : gates.map((gate) => `${gateMark(gate)} ${gate.gate.replace(`${name}.`, "")}`).join(", "),
      ];
    }),
  };
}

function withInterval(estimate: Estimate, showInterval: boolean): string {
  const value = formatScore(estimate.value);
  return showInterval && Number.isFinite(estimate.low) ? `${value} (${interval(estimate)})` : value;
}

function interval(estimate: Estimate): string {
  return Number.isFinite(estimate.low) ? `${signed(estimate.low)} … ${signed(estimate.high)}` : "—";
}

function markedDelta(delta: number, direction: "higher" | "lower"): string {
  if (!Number.isFinite(delta) || delta === 0) return signed(delta);
  const better = direction === "higher" ? delta > 0 : delta < 0;
  return `${better ? "🟢" : "🔴"} ${signed(delta)}`;
}

function signed(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return value > 0 ? `+${formatScore(value)}` : formatScore(value);
}

function gateMark(gate: GateOutcome): string {
  return gate.status === "pass" ? "✅" : gate.status === "fail" ? "❌" : "➖";
}

function gateTable(verdict: Verdict): Section {
  return {
    kind: "table",
    title: verdict.firstRun ? "Gates (first run: absolute gates only)" : "Gates",
    headers: ["gate", "outcome", "detail"],
    align: ["left", "left", "left"],
    rows: verdict.gates
      .filter((gate) => !gate.slice || gate.status === "fail")
      .map((gate) => [
        code(gate.gate),
        STATUS_MARK[gate.status],
        gate.reason && gate.status !== "pass" ? `${gate.text} (${gate.reason})` : gate.text,
      ]),
  };
}

function sliceRegressions(verdict: Verdict, limit: number): Section | undefined {
  if (verdict.slices.length === 0) return undefined;
  const metric = verdict.gates.find((gate) => gate.slice)?.metric ?? verdict.primary;
  const direction = METRICS[metric].direction;
  const rows = verdict.slices
    .map((slice) => {
      const challenger = slice.challenger[metric] ?? Number.NaN;
      const champion = slice.champion?.[metric];
      const delta = champion === undefined ? Number.NaN : challenger - champion;
      return { slice, challenger, champion, delta, worse: direction === "higher" ? -delta : delta };
    })
    .sort((a, b) => (Number.isFinite(b.worse) ? b.worse : -1) - (Number.isFinite(a.worse) ? a.worse : -1));
  const shown = rows.slice(0, limit);
  return {
    kind: "table",
    title: `Slices by ${METRIC_LABELS[metric] ?? metric}, largest regression first${shown.length < rows.length ? ` (${shown.length} of ${rows.length})` : ""}`,
    headers: ["slice", "rows", "champion", "challenger", "Δ"],
    align: ["left", "right", "right", "right", "right"],
    rows: shown.map(({ slice, challenger, champion, delta }) => [
      md`${slice.column} = ${code(slice.value)}`,
      formatCount(slice.rows),
      champion === undefined ? "—" : formatScore(champion),
      formatScore(challenger),
      Number.isFinite(delta) ? markedDelta(delta, direction) : "—",
    ]),
  };
}

function confusionMatrices(view: EvaluationView): Section[] {
  const { rows, verdict } = view;
  if (rows.problem === "regression" || !verdict.classes) return [];
  const classes = verdict.classes;
  const k = classes.length;
  const names = [verdict.challenger.label, ...(verdict.champion ? [verdict.champion.label] : [])];
  return names.map((name, model) => {
    const predicted =
      rows.problem === "binary"
        ? predictLabels(rows.scores[model] as Float64Array, rows.threshold)
        : (rows.predicted[model] as Int32Array);
    const matrix = confusionMatrix(rows.labels, predicted, k);
    return {
      kind: "details",
      summary: `Confusion matrix: ${name} (rows: true class, columns: predicted)`,
      sections: [
        {
          kind: "table",
          headers: ["true \\ predicted", ...classes],
          align: ["left", ...classes.map(() => "right" as const)],
          rows: classes.map((label, t) => [label, ...classes.map((_, p) => formatCount(matrix[t * k + p] as number))]),
        },
      ],
    } satisfies Section;
  });
}

function curves(view: EvaluationView): Section[] {
  const { rows, verdict } = view;
  if (rows.problem !== "binary") return [];
  const names = [verdict.challenger.label, ...(verdict.champion ? [verdict.champion.label] : [])];
  const perModel = names.map((name, model) => curvesOf(rows, model, name));
  const prevalence = rows.labels.reduce((sum, label) => sum + label, 0) / Math.max(1, rows.labels.length);
  return [
    {
      kind: "curve",
      title: "ROC curve",
      xLabel: "false positive rate",
      yLabel: "true positive rate",
      series: perModel.map((each) => each.roc),
      reference: "diagonal",
    },
    {
      kind: "curve",
      title: "Precision-recall curve",
      xLabel: "recall",
      yLabel: "precision",
      series: perModel.map((each) => each.pr),
      reference: { y: prevalence, label: `prevalence ${formatScore(prevalence)}` },
      step: true,
    },
    {
      kind: "curve",
      title: "Calibration (10 equal-width bins)",
      xLabel: "mean predicted probability",
      yLabel: "fraction of positives",
      series: perModel.map((each) => each.calibration),
      reference: "diagonal",
    },
  ];
}

function curvesOf(rows: BinaryRows, model: number, name: string) {
  const scores = rows.scores[model] as Float64Array;
  const order = rankings(rows)[model] as Int32Array;
  const roc = rocCurve(rows.labels, scores, order);
  const pr = precisionRecallCurve(rows.labels, scores, order);
  const calibration = calibrationCurve(rows.labels, scores);
  return {
    roc: { name, ...thinCurve(roc.fpr, roc.tpr) },
    pr: { name, ...thinCurve(pr.recall, pr.precision) },
    calibration: { name, x: [...calibration.meanPredicted], y: [...calibration.fractionPositive] },
  };
}

function shortDigest(digest: string): string {
  return digest.replace(/^sha256:/, "").slice(0, 12);
}

/** The verdict as a JSON document (`format: mlgate.evaluate-report`), with the run's timings. */
export function verdictReportJson(verdict: Verdict, timings: Record<string, number>) {
  return { format: "mlgate.evaluate-report", version: 1, verdict, timings };
}
