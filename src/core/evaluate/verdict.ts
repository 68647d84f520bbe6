/**
 * The verdict: the stored result of evaluate-against-champion and what deploy checks before it moves
 * an alias. Immutable (`records/verdicts/<id>.json`), one per evaluation run.
 */
import type { Digest, Lineage } from "../store/types.js";
import type { Estimate } from "./bootstrap/index.js";
import type { BootstrapSummary } from "./compare-models.js";
import type { GateOutcome } from "./gates/index.js";
import type { MetricName, ProblemType } from "./metrics/index.js";

export const VERDICT_KIND = "verdicts";

export interface VerdictModel {
  /** `model.onnx` or `churn@7` */
  label: string;
  digest: Digest;
  bytes: number;
  version?: number;
}

export interface VerdictMetric {
  challenger: Estimate;
  champion?: Estimate;
  /** challenger − champion, per replicate on the same resample */
  delta?: Estimate;
  baseline?: number;
}

export interface VerdictSlice {
  column: string;
  value: string;
  rows: number;
  challenger: Record<string, number>;
  champion?: Record<string, number>;
}

export interface Verdict {
  schema: "mlgate.verdict/1";
  id: string;
  decision: "promote" | "reject";
  /** no champion: only the absolute gates applied */
  firstRun: boolean;
  model?: string;
  challenger: VerdictModel;
  /** the champion alias's target when the evaluation ran; deploy refuses if the alias has moved since */
  champion: (VerdictModel & { version: number; alias: string; aliasRevision: number }) | null;
  data: { digest: Digest; rows: number; sources: { name: string; digest: string; bytes: number; rows: number }[] };
  problem: ProblemType;
  /** the metric the baseline gate and the default gate judge */
  primary: MetricName;
  classes?: string[];
  metrics: Record<string, VerdictMetric>;
  bootstrap: BootstrapSummary;
  slices: VerdictSlice[];
  operational: {
    challenger: { loadMs: number; latencyP95Ms: number; batches: number };
    champion?: { loadMs: number; latencyP95Ms: number; batches: number };
    batchSize: number;
  };
  gates: GateOutcome[];
  lineage: Lineage;
}
