/** What a person reads after train: trained or restored, from what, the metrics, the signature, the trials. */
import type { ValueSig } from "../core/model/signature.js";
import { renderMarkdown } from "../core/report/markdown.js";
import { code, type Inline, md, type Report, type Section } from "../core/report/model.js";
import { formatCount, formatScore } from "../core/report/numbers.js";
import type { SearchSpec } from "../core/train/search/index.js";
import type { TrialOutcome } from "./train/run-trial.js";

export interface TrainReport {
  best: TrialOutcome;
  /** every trial, ranked best first (one entry without a search) */
  ranked: readonly TrialOutcome[];
  failed: readonly { trial: TrialOutcome["trial"]; error: string }[];
  trainer: string;
  data: { rows: number; digest: string; files: number };
  champion?: string;
  search?: SearchSpec;
}

export function renderTrainReport(report: TrainReport): string {
  const { best, search } = report;
  const verdict = best.cached
    ? md`restored from the run cache: run ${code(best.runId)} already trained on the same code, data, params and environment`
    : md`trained in ${seconds(best.durationMs)} (run ${code(best.runId)})`;
  const sections: Section[] = [
    {
      kind: "keyValue",
      rows: [
        { label: "trainer", value: code(report.trainer) },
        {
          label: "data",
          value: md`${formatCount(report.data.rows)} rows in ${String(report.data.files)} file(s), ${code(report.data.digest)}`,
        },
        { label: "model", value: code(best.artifacts.model.digest) },
        ...(report.champion ? [{ label: "champion at the time", value: code(report.champion) }] : []),
        ...(search
          ? [
              {
                label: "search",
                value: md`${search.method}, best ${code(search.objective.metric)} (${search.objective.direction})`,
              },
            ]
          : []),
      ],
    },
  ];
  const metrics = Object.entries(best.metrics);
  if (metrics.length > 0) {
    sections.push({
      kind: "table",
      title: "Metrics",
      headers: ["metric", "value"],
      rows: metrics.map(([name, value]) => [name, formatScore(value)]),
      align: ["left", "right"],
    });
  }
  if (search) sections.push(trialsTable(report, search));
  sections.push({
    kind: "details",
    summary: "Signature",
    sections: [
      {
        kind: "table",
        headers: ["", "name", "type"],
        rows: [
          ...best.signature.inputs.map((value) => [
            "input",
            code((value as ValueSig).name),
            describe(value as ValueSig),
          ]),
          ...best.signature.outputs.map((value) => [
            "output",
            code((value as ValueSig).name),
            describe(value as ValueSig),
          ]),
        ],
      },
    ],
  });
  const failed = report.failed.length > 0;
  return renderMarkdown({
    title: "mlgate train",
    verdict: failed
      ? { status: "fail", text: `${report.failed.length} of ${best.trial.of} trials failed` }
      : { status: "pass", text: verdict },
    sections,
  } satisfies Report);
}

function trialsTable(report: TrainReport, search: SearchSpec): Section {
  const names = Object.keys(search.space).sort();
  const metric = search.objective.metric;
  const rows: Inline[][] = report.ranked.map((outcome, rank) => [
    rank === 0 ? "🏆 1" : String(rank + 1),
    String(outcome.trial.index + 1),
    ...names.map((name) => formatParam(outcome.trial.params[name])),
    outcome.metrics[metric] === undefined ? "—" : formatScore(outcome.metrics[metric] as number),
    outcome.cached ? "cached" : seconds(outcome.durationMs),
    code(outcome.runId),
  ]);
  for (const { trial, error } of report.failed) {
    rows.push([
      "✗",
      String(trial.index + 1),
      ...names.map((name) => formatParam(trial.params[name])),
      "failed",
      error,
      "",
    ]);
  }
  return {
    kind: "table",
    title: `Trials, by ${metric} (${search.objective.direction})`,
    headers: ["rank", "trial", ...names, metric, "time", "run"],
    rows,
    align: ["right", "right", ...names.map(() => "right" as const), "right", "right", "left"],
  };
}

function describe(value: ValueSig): string {
  if (value.kind === "tensor") {
    const shape =
      value.shape === null ? "" : ` [${value.shape.map((dim) => (dim === null ? "?" : String(dim))).join(", ")}]`;
    return `${value.elemType}${shape}`;
  }
  if (value.kind === "sequence-map") return `seq(map(${value.keyType}, ${value.valueType}))`;
  return value.type;
}

function formatParam(value: unknown): string {
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : formatScore(value);
  return value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
