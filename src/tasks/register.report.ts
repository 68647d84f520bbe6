/** What a person reads after register: the version, where it lives, and its lineage. */
import { renderMarkdown } from "../core/report/markdown.js";
import { code, type Inline, link, md, type Report } from "../core/report/model.js";
import type { VersionManifest } from "../core/store/types.js";

export interface RegisterOutcome {
  manifest: VersionManifest;
  created: boolean;
  alias?: string;
  location: string;
}

export function renderRegisterReport({ manifest, created, alias, location }: RegisterOutcome): string {
  const { lineage } = manifest;
  const reference = `${manifest.model}@${manifest.version}`;
  const rows: { label: Inline; value: Inline }[] = [
    { label: "version", value: code(reference) },
    { label: "digest", value: code(manifest.digest) },
    { label: "registry", value: location },
    ...(alias ? [{ label: "alias", value: md`${code(alias)} → ${manifest.version}` }] : []),
    ...(manifest.trainingRun ? [{ label: "trained by", value: md`run ${code(manifest.trainingRun)}` }] : []),
    ...optional("commit", lineage.commit),
    ...optional("branch", lineage.branch),
    ...optional("event", lineage.event),
    ...optional("actor", lineage.actor),
    ...(lineage.runUrl ? [{ label: "run", value: link(lineage.runId ?? lineage.runUrl, lineage.runUrl) }] : []),
    { label: "mlgate", value: lineage.mlgateVersion },
  ];
  const report: Report = {
    title: `mlgate register: ${manifest.model}`,
    verdict: {
      status: "pass",
      text: created
        ? md`registered ${code(reference)}`
        : md`already registered as ${code(reference)} (same model digest)`,
    },
    sections: [
      { kind: "keyValue", rows },
      ...(manifest.metrics && Object.keys(manifest.metrics).length > 0
        ? [
            {
              kind: "table" as const,
              title: "Metrics",
              headers: ["metric", "value"],
              rows: Object.entries(manifest.metrics).map(([name, value]) => [name, String(value)]),
              align: ["left" as const, "right" as const],
            },
          ]
        : []),
      {
        kind: "table",
        title: "Inputs",
        headers: ["input", "digest"],
        rows: Object.entries(lineage.inputDigests).map(([input, digest]) => [input, code(digest)]),
      },
    ],
  };
  return renderMarkdown(report);
}

function optional(label: string, value: string | undefined): { label: Inline; value: Inline }[] {
  return value ? [{ label, value }] : [];
}
