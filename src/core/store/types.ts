/** The documents the registry stores. Every document carries a `schema` tag so formats can evolve. */
import type { RunIdentity } from "../identity.js";

/** `sha256:<64 hex>` */
export type Digest = `sha256:${string}`;

export interface ArtifactRef {
  digest: Digest;
  size: number;
  /** e.g. application/onnx, application/json */
  mediaType: string;
  /** original file name, for people */
  name?: string;
}

/** Where a run happened and what it consumed: recorded with versions, runs, verdicts and alias moves. */
export interface Lineage extends Omit<RunIdentity, "fromFork"> {
  mlgateVersion: string;
  task: string;
  /** input name → digest of the file it named */
  inputDigests: Record<string, Digest>;
  startedAt: string;
  finishedAt?: string;
  durationMs?: number;
}

export interface VersionManifest {
  schema: "mlgate.version/1";
  model: string;
  version: number;
  createdAt: string;
  /** digest of the ONNX model file: the identity of the version's content */
  digest: Digest;
  artifacts: {
    model: ArtifactRef;
    metrics?: ArtifactRef;
    profile?: ArtifactRef;
    params?: ArtifactRef;
  };
  /** the model's input/output signature as read from the ONNX graph */
  signature?: { inputs: unknown[]; outputs: unknown[] };
  /** flattened numeric metrics, copied from the metrics artifact for listing and gates */
  metrics?: Record<string, number>;
  tags: Record<string, string>;
  lineage: Lineage;
  /** the run record that created this version */
  runId: string;
}

/** The fields a caller supplies; the registry allocates `version` and stamps `createdAt`. */
export type NewVersion = Omit<VersionManifest, "schema" | "version" | "createdAt" | "model">;

export interface AliasMove {
  /** unique per move: a mover whose swap was ambiguous (retried request) finds its own move by it */
  id: string;
  /** 1 for the first time the alias was set, then +1 per move: dense */
  revision: number;
  from: number | null;
  to: number;
  at: string;
  actor?: string;
  runId?: string;
  runUrl?: string;
  task: string;
  reason?: string;
  /** the verdict that allowed the move (deploy) */
  verdictId?: string;
}

export interface AliasState {
  schema: "mlgate.alias/1";
  model: string;
  alias: string;
  version: number;
  revision: number;
  /** append-only: every move ever made, oldest first; the pointer and its history change in one atomic swap */
  history: AliasMove[];
}

export interface RunRecord {
  schema: "mlgate.run/1";
  id: string;
  task: string;
  lineage: Lineage;
  params?: Record<string, unknown>;
  outputs: Record<string, string>;
  artifacts: Record<string, ArtifactRef>;
  status: "succeeded" | "failed" | "rejected";
}
