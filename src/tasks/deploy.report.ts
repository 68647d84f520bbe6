/** What a person reads after deploy: what moved where (or why nothing did), under which verdict, to which target. */
import { formatSigned, formatValue, METRIC_LABELS } from "../core/evaluate/gates/format.js";
import type { Verdict } from "../core/evaluate/verdict.js";
import { renderMarkdown } from "../core/report/markdown.js";
import { code, type Inline, link, md, type Report } from "../core/report/model.js";

export interface DeployOutcome {
  status: "deployed" | "refused" | "failed";
  model: string;
  alias: string;
  /** the version deployed (or that would have been) */
  version?: number;
  /** where the alias pointed before; null when it did not exist */
  previous?: number | null;
  verdict?: Verdict;
  target: string;
  url?: string;
  reason?: string;
  forced?: boolean;
  rollback?: boolean;
  /** a refusal's reason, or what went wrong after the move */
  problem?: string;
  runUrl?: string;
}

export function renderDeployReport(outcome: DeployOutcome): string {
  const { model, alias, version, previous } = outcome;
  const reference = version === undefined ? model : `${model}@${version}`;
  const was = previous === undefined ? "" : previous === null ? " (new alias)" : ` (was v${previous})`;
  const moved = md`${outcome.rollback ? "rolled back" : "deployed"} ${code(reference)} to ${code(alias)}${was}`;
  const rows: { label: Inline; value: Inline }[] = [
    ...(version === undefined ? [] : [{ label: "version", value: code(reference) }]),
    { label: "alias", value: code(alias) },
    ...(outcome.verdict ? verdictRows(outcome.verdict) : []),
    ...(outcome.forced ? [{ label: "forced", value: "yes: an audited override" }] : []),
    ...(outcome.reason ? [{ label: "reason", value: outcome.reason }] : []),
    { label: "target", value: code(outcome.target) },
    ...(outcome.url ? [{ label: "url", value: link(outcome.url, outcome.url) }] : []),
    ...(outcome.runUrl ? [{ label: "run", value: link(outcome.runUrl, outcome.runUrl) }] : []),
  ];
  const report: Report = {
    title: `mlgate deploy: ${model}`,
    verdict:
      outcome.status === "deployed"
        ? { status: "pass", text: moved }
        : outcome.status === "failed"
          ? { status: "fail", text: md`${moved}, but ${outcome.problem ?? "the target did not follow"}` }
          : { status: "fail", text: md`not deployed: ${outcome.problem ?? "refused"}` },
    sections: [{ kind: "keyValue", rows }],
  };
  return renderMarkdown(report);
}

function verdictRows(verdict: Verdict): { label: Inline; value: Inline }[] {
  const runUrl = verdict.lineage.runUrl;
  const primary = verdict.metrics[verdict.primary];
  const rows: { label: Inline; value: Inline }[] = [
    {
      label: "verdict",
      value: md`${runUrl ? link(verdict.id, runUrl) : code(verdict.id)}: ${verdict.decision} ${code(verdict.challenger.label)}`,
    },
  ];
  if (primary) {
    const name = METRIC_LABELS[verdict.primary];
    const delta = primary.delta;
    rows.push({
      label: name,
      value: delta
        ? `${formatValue(primary.challenger.value)} (${formatSigned(delta.value)} vs the champion${interval(delta)})`
        : `${formatValue(primary.challenger.value)} (first run: no champion)`,
    });
  }
  return rows;
}

function interval({ low, high }: { low: number; high: number }): string {
  return Number.isFinite(low) && Number.isFinite(high)
    ? `, interval ${formatSigned(low)} to ${formatSigned(high)}`
    : "";
}
