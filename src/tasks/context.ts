/**
 * The host port: everything a task may ask of the CI system (or of the terminal). Tasks never
 * touch process.env or a CI library; hosts implement this once each.
 */
import type { TokenCredential } from "@azure/core-auth";
import type { RunIdentity } from "../core/identity.js";
import type { TriggerContext } from "../core/trigger/index.js";

export type { HostName, RunIdentity } from "../core/identity.js";

export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
}

export interface Logger {
  info(message: string): void;
  /** Shown as a warning; with a location, as an annotation on that file and line where the host can. */
  warning(message: string, location?: SourceLocation): void;
  error(message: string, location?: SourceLocation): void;
  debug(message: string): void;
  group<T>(title: string, body: () => Promise<T>): Promise<T>;
  /** A long read's progress, called about once a second: a bar on a terminal, a line every few seconds in CI logs. */
  progress(update: ProgressUpdate): void;
}

export interface ProgressUpdate {
  /** e.g. "45.2 MB of 121.0 MB, 372,000 rows, 61.3 MB/s" */
  text: string;
  /** 0..1 when the total is known */
  fraction?: number;
  /** the last update of this read */
  done?: boolean;
}

/** A sticky comment: one per key (model + task), found again by a hidden marker and updated in place. */
export interface StickyComment {
  /** e.g. `register:churn` — becomes the hidden marker */
  key: string;
  markdown: string;
  /** where the full report lives, linked when the comment has to be truncated */
  fullReportUrl?: string;
}

export interface TaskContext {
  log: Logger;
  identity: RunIdentity;
  /** Working directory that relative paths are resolved against. */
  workspace: string;
  /**
   * The environment the host chose to pass (credentials such as AZURE_STORAGE_CONNECTION_STRING
   * live here, never in config). Read-only; the core never reads process.env itself.
   */
  env: Readonly<Record<string, string | undefined>>;
  /** An Azure credential the host obtained (AzureRM service connection); else the core uses DefaultAzureCredential. */
  azureCredential?: TokenCredential;
  /** Hide this value in every log line from now on. */
  mask(secret: string): void;
  /** Append Markdown to the job summary (GitHub step summary, Azure summary tab, stderr on the CLI). */
  summary(markdown: string): Promise<void>;
  /** Create or update the sticky PR comment; hosts without a PR (or without rights) warn and fall back to the summary. */
  comment(comment: StickyComment): Promise<void>;
  /** Where a retrain trigger goes and with which token (the host's API URLs and job token). */
  trigger: TriggerContext;
  /** mlgate's own version, for lineage. */
  version: string;
  now(): Date;
}
