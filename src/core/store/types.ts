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
  /** the train run that produced the model: its record holds the code, data, params and environment */
  trainingRun?: string;
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
  /** a rollback: undoes the move that brought the alias to `from` (deploy's undo stack pops it) */
  rollback?: true;
  /** an audited override: the verdict's refusal or the alias-moved check was skipped, `reason` says why */
  forced?: true;
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
  /** what made a trained model, for "which code, data, params and environment made version 7?" */
  training?: TrainingLineage;
}

export interface TrainingLineage {
  /** how it was trained: the command line, or the builtin trainer */
  trainer: { command: string } | { builtin: string };
  /** the label column, when the run named one: serving logs its predictions under this name */
  target?: string;
  data: { digest: string; rows: number; sources: { name: string; digest: string; bytes: number; rows: number }[] };
  /** the files that are the run's code: the git-tracked ones, or those the `code` globs name */
  code: { digest: string; files: number; dirty?: boolean; globs?: string[] };
  environment: { os: string; node: string; python?: string; lockfiles: Record<string, string> };
  /** digest of everything that decides the outputs: equal keys, same outputs (the run cache) */
  cacheKey: string;
  /** the model's champion when this run started; null when the alias pointed nowhere */
  champion?: { model: string; alias: string; version: number; digest: Digest } | null;
  signature: { inputs: unknown[]; outputs: unknown[] };
  metrics?: Record<string, number>;
  /** a parameter search's trial: its place, and the search it belongs to (same search, same id) */
  trial?: { index: number; of: number; search: string };
}
