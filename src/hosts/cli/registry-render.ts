/** Plain-text views of the registry for a terminal. */
import type { AliasMove, AliasState, RunRecord, VersionManifest } from "../../core/store/types.js";

interface ModelOverview {
  name: string;
  versions: number;
  latest?: number;
  aliases: Record<string, number>;
}

interface VersionLine {
  version: number;
  digest: string;
  createdAt: string;
}

export function models(list: readonly ModelOverview[]): string {
  if (list.length === 0) return "no models registered yet\n";
  return table(
    ["model", "versions", "latest", "aliases"],
    list.map((m) => [m.name, String(m.versions), m.latest === undefined ? "-" : `v${m.latest}`, aliasText(m.aliases)]),
  );
}

export function versions(model: string, list: readonly VersionLine[], aliases: readonly AliasState[]): string {
  if (list.length === 0) return `${model}: no versions\n`;
  const byVersion = new Map<number, string[]>();
  for (const alias of aliases) byVersion.set(alias.version, [...(byVersion.get(alias.version) ?? []), alias.alias]);
  return table(
    ["version", "digest", "created", "aliases"],
    list.map((v) => [`v${v.version}`, v.digest.slice(0, 19), v.createdAt, (byVersion.get(v.version) ?? []).join(", ")]),
  );
}

/** A version, and the lineage of the train run that produced it when it names one. */
function training(id: string | undefined, run: RunRecord | undefined): [string, string | undefined][] {
  if (!id) return [];
  const t = run?.training;
  if (!run || !t) return [["trained by", `run ${id} (its record is not in this registry)`]];
  const trainer = "command" in t.trainer ? t.trainer.command : `builtin ${t.trainer.builtin}`;
  return [
    ["trained by", `run ${id}, ${run.lineage.startedAt}${run.lineage.commit ? ` at ${run.lineage.commit}` : ""}`],
    ["trainer", trainer],
    ["code", `${t.code.digest} (${t.code.files} files${t.code.dirty ? ", uncommitted changes" : ""})`],
    ["data", `${t.data.digest} (${t.data.rows} rows in ${t.data.sources.length} files)`],
    ["params", run.params && Object.keys(run.params).length > 0 ? JSON.stringify(run.params) : undefined],
    ["environment", [t.environment.os, `node ${t.environment.node}`, t.environment.python].filter(Boolean).join(", ")],
    [
      "champion",
      t.champion
        ? `${t.champion.model}@${t.champion.version} (${t.champion.alias})`
        : t.champion === null
          ? "none"
          : undefined,
    ],
  ];
}

export function manifest(m: VersionManifest, trainedBy?: RunRecord): string {
  const l = m.lineage;
  const rows: [string, string | number | undefined][] = [
    ["version", `${m.model}@${m.version}`],
    ["digest", m.digest],
    ["created", m.createdAt],
    ["model file", `${m.artifacts.model.name ?? ""} (${m.artifacts.model.size} bytes)`],
    [
      "metrics",
      m.metrics
        ? Object.entries(m.metrics)
            .map(([k, v]) => `${k}=${v}`)
            .join(", ")
        : undefined,
    ],
    [
      "tags",
      Object.entries(m.tags)
        .map(([k, v]) => `${k}=${v}`)
        .join(", ") || undefined,
    ],
    ["commit", l.commit],
    ["branch", l.branch],
    ["repository", l.repository],
    ["event", l.event],
    ["actor", l.actor],
    ["run", l.runUrl ?? m.runId],
    ["host", l.host],
    ["mlgate", l.mlgateVersion],
    [
      "inputs",
      Object.entries(l.inputDigests)
        .map(([k, v]) => `${k} ${v}`)
        .join("\n             "),
    ],
    ...training(m.trainingRun, trainedBy),
  ];
  return `${rows
    .filter(([, value]) => value !== undefined && value !== "")
    .map(([label, value]) => `${label.padEnd(12)} ${value}`)
    .join("\n")}\n`;
}

export function history(model: string, moves: readonly (AliasMove & { alias: string })[]): string {
  if (moves.length === 0) return `${model}: no alias moves yet\n`;
  return table(
    ["when", "alias", "move", "by", "run", "verdict", "reason"],
    moves.map((m) => [
      m.at,
      m.alias,
      `${m.from === null ? "-" : `v${m.from}`} → v${m.to}${m.rollback ? " (rollback)" : ""}${m.forced ? " (forced)" : ""}`,
      m.actor ?? "",
      m.runUrl ?? m.runId ?? "",
      m.verdictId ?? "",
      m.reason ?? "",
    ]),
  );
}

export function verification(
  location: string,
  result: { ok: boolean; versions: number; objects: number; aliases: number; problems: string[] },
): string {
  const head = `${result.ok ? "ok" : "FAILED"}: ${location} — ${result.versions} versions, ${result.objects} objects, ${result.aliases} aliases checked`;
  return `${[head, ...result.problems.map((p) => `  ✗ ${p}`)].join("\n")}\n`;
}

function aliasText(aliases: Record<string, number>): string {
  return Object.entries(aliases)
    .map(([alias, version]) => `${alias}→v${version}`)
    .join(", ");
}

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join("  ")
      .trimEnd();
  return `${[line(headers), ...rows.map(line)].join("\n")}\n`;
}
