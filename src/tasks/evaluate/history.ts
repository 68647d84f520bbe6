/**
 * A metric across the model's registered versions, for the chart in the report: each version's own
 * recorded value (its metrics.json: `validation.<metric>`, `test.<metric>` or `<metric>`), then the
 * challenger's value on this holdout as the last point. The metric is the first of `candidates`
 * (the primary one first) that some version recorded.
 */

import type { Verdict } from "../../core/evaluate/verdict.js";
import { mapLimit } from "../../core/store/limit.js";
import type { Registry } from "../../core/store/registry.js";
import type { VersionManifest } from "../../core/store/types.js";

export interface MetricHistory {
  metric: string;
  labels: string[];
  values: (number | null)[];
}

/** The last versions charted. */
export const HISTORY_VERSIONS = 12;
const RECORDED_KEYS = (metric: string) => [`validation.${metric}`, `test.${metric}`, `holdout.${metric}`, metric];

export async function metricHistory(
  registry: Registry,
  model: string,
  candidates: readonly string[],
  verdict: Verdict,
): Promise<MetricHistory | undefined> {
  const summaries = (await registry.listVersions(model)).slice(-HISTORY_VERSIONS);
  const manifests = await mapLimit(summaries, 8, (summary) => registry.getVersion(model, summary.version));
  for (const metric of candidates) {
    const history = historyOf(metric, manifests, verdict);
    if (history) return history;
  }
  return undefined;
}

function historyOf(
  metric: string,
  manifests: readonly (VersionManifest | undefined)[],
  verdict: Verdict,
): MetricHistory | undefined {
  const labels: string[] = [];
  const values: (number | null)[] = [];
  for (const manifest of manifests) {
    if (!manifest) continue;
    labels.push(`v${manifest.version}`);
    const key = RECORDED_KEYS(metric).find((name) => typeof manifest.metrics?.[name] === "number");
    values.push(key ? (manifest.metrics?.[key] as number) : null);
  }
  if (!values.some((value) => value !== null)) return undefined;
  labels.push("challenger");
  values.push(verdict.metrics[metric]?.challenger.value ?? null);
  return { metric, labels, values };
}
