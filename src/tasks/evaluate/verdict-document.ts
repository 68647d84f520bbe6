/**
 * What an evaluation measured, turned into the facts the gates judge and into the stored verdict.
 */
import { datasetDigest } from "../../core/digest.js";
import type { Comparison } from "../../core/evaluate/compare-models.js";
import type { GateFacts, GatePlan, GateResult, OperationalFacts } from "../../core/evaluate/gates/index.js";
import type { MetricName } from "../../core/evaluate/metrics/index.js";
import type { SliceMetrics } from "../../core/evaluate/slices.js";
import type { Verdict } from "../../core/evaluate/verdict.js";
import type { Digest, Lineage } from "../../core/store/types.js";
import type { PreparedRows } from "./evaluation-rows.js";
import { latencyP95 } from "./latency.js";
import type { Champion, ModelSource } from "./model-sources.js";
import type { ScoredHoldout } from "./score-holdout.js";

export interface Measured {
  /** the registry model whose champion was faced */
  model?: string;
  challenger: ModelSource;
  champion?: Champion;
  holdout: ScoredHoldout;
  prepared: PreparedRows;
  plan: GatePlan;
  metrics: MetricName[];
  comparison: Comparison;
  slices: SliceMetrics[];
  /** the prior / mean predictor's value of the primary metric */
  baseline: Record<string, number>;
  confidence: number;
  batchSize: number;
}

export function gateFacts(measured: Measured): GateFacts {
  const { comparison, baseline } = measured;
  return {
    problem: measured.prepared.rows.problem,
    confidence: measured.confidence,
    champion: measured.champion !== undefined,
    operational: operationalFacts(measured),
    metrics: measured.metrics.map((name) => {
      const estimates = comparison.metrics[name];
      return {
        name,
        challenger: estimates?.challenger.value ?? Number.NaN,
        ...(estimates?.champion ? { champion: estimates.champion.value } : {}),
        ...(estimates?.delta
          ? { delta: { value: estimates.delta.value, low: estimates.delta.low, high: estimates.delta.high } }
          : {}),
        ...(name in baseline ? { baseline: baseline[name] as number } : {}),
      };
    }),
    slices: measured.slices.map((slice) => ({
      column: slice.column,
      value: slice.value,
      rows: slice.rows,
      metrics: Object.fromEntries(
        measured.metrics.map((name) => [
          name,
          {
            challenger: slice.models[0]?.[name] ?? Number.NaN,
            ...(slice.models[1] ? { champion: slice.models[1][name] ?? Number.NaN } : {}),
          },
        ]),
      ),
    })),
  };
}

function operationalFacts({ challenger, champion, holdout }: Measured): OperationalFacts {
  const [challengerScores, championScores] = holdout.models;
  return {
    challengerBytes: challenger.bytes.length,
    challengerLatencyP95Ms: latencyP95(challengerScores?.batchMs ?? []),
    challengerLoadMs: challengerScores?.loadMs ?? 0,
    ...(champion && championScores
      ? {
          championBytes: champion.bytes.length,
          championLatencyP95Ms: latencyP95(championScores.batchMs),
          championLoadMs: championScores.loadMs,
        }
      : {}),
  };
}

/** The holdout's digest (over its sources' digests) and the digests the run's lineage records. */
export function inputDigests(measured: Measured): Record<string, Digest> {
  const sources = [...measured.holdout.fingerprints.values()].map((print) => print.digest);
  return {
    challenger: measured.challenger.digest,
    ...(measured.champion ? { champion: measured.champion.digest } : {}),
    data: datasetDigest(sources),
  };
}

export function verdictDocument(measured: Measured, result: GateResult, id: string, lineage: Lineage): Verdict {
  const { challenger, champion, holdout, plan, comparison, baseline } = measured;
  const [challengerScores, championScores] = holdout.models;
  return {
    schema: "mlgate.verdict/1",
    id,
    decision: result.decision,
    firstRun: result.firstRun,
    ...(measured.model ? { model: measured.model } : {}),
    challenger: {
      label: challenger.label,
      digest: challenger.digest,
      bytes: challenger.bytes.length,
      ...(challenger.version ? { version: challenger.version } : {}),
    },
    champion: champion
      ? {
          label: champion.label,
          digest: champion.digest,
          bytes: champion.bytes.length,
          version: champion.version,
          alias: champion.alias,
          aliasRevision: champion.aliasRevision,
        }
      : null,
    data: {
      digest: inputDigests(measured).data as Digest,
      rows: holdout.rows,
      sources: [...holdout.fingerprints].map(([name, print]) => ({ name, ...print })),
    },
    problem: measured.prepared.rows.problem,
    primary: plan.primary,
    ...(measured.prepared.classes ? { classes: measured.prepared.classes } : {}),
    metrics: Object.fromEntries(
      measured.metrics.map((name) => [
        name,
        {
          ...(comparison.metrics[name] as Verdict["metrics"][string]),
          ...(name in baseline ? { baseline: baseline[name] } : {}),
        },
      ]),
    ),
    bootstrap: comparison.bootstrap,
    slices: measured.slices.map((slice) => ({
      column: slice.column,
      value: slice.value,
      rows: slice.rows,
      challenger: slice.models[0] ?? {},
      ...(slice.models[1] ? { champion: slice.models[1] } : {}),
    })),
    operational: {
      challenger: {
        loadMs: Math.round(challengerScores?.loadMs ?? 0),
        latencyP95Ms: latencyP95(challengerScores?.batchMs ?? []),
        batches: challengerScores?.batchMs.length ?? 0,
      },
      ...(championScores
        ? {
            champion: {
              loadMs: Math.round(championScores.loadMs),
              latencyP95Ms: latencyP95(championScores.batchMs),
              batches: championScores.batchMs.length,
            },
          }
        : {}),
      batchSize: measured.batchSize,
    },
    gates: result.outcomes,
    lineage,
  };
}
