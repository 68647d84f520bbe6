/**
 * What a retrain trigger sends, kept inside the APIs' limits: workflow_dispatch inputs and Azure
 * Pipelines runtime parameters are strings the workflow or pipeline must declare, so they are the
 * three `declaredInputs`; repository_dispatch needs no declaration and carries the structured
 * reason (GitHub: at most 10 top-level properties, the whole payload under 64 KB).
 */
import type { RetrainReason } from "./types.js";

/** The string inputs (workflow_dispatch) and parameters (Azure Pipelines) a retrain workflow declares. */
export const declaredInputs = ["model", "version", "reason"] as const;

/** Longer reasons are cut: they end up in run titles and logs. */
const maxReason = 1_000;
/** Room for the drifted column names in a client_payload, leaving the rest of 64 KB for the other fields. */
const columnBudgetBytes = 48_000;

export type StringInputs = Record<(typeof declaredInputs)[number], string>;

export function stringInputs(why: RetrainReason): StringInputs {
  return { model: why.model, version: String(why.version), reason: clip(why.reason) };
}

export interface ClientPayload {
  model: string;
  version: number;
  reason: string;
  driftShare: number;
  /** as many as fit; `driftedColumnCount` tells how many drifted in all */
  driftedColumns: string[];
  driftedColumnCount: number;
  runUrl?: string;
}

export function clientPayload(why: RetrainReason): ClientPayload {
  return {
    model: why.model,
    version: why.version,
    reason: clip(why.reason),
    driftShare: why.driftShare,
    driftedColumns: fitting(why.driftedColumns),
    driftedColumnCount: why.driftedColumns.length,
    ...(why.runUrl ? { runUrl: why.runUrl } : {}),
  };
}

function clip(text: string): string {
  const characters = [...text];
  return characters.length <= maxReason ? text : `${characters.slice(0, maxReason - 1).join("")}…`;
}

function fitting(columns: readonly string[]): string[] {
  const kept: string[] = [];
  let bytes = 2;
  for (const column of columns) {
    bytes += Buffer.byteLength(JSON.stringify(column)) + 1;
    if (bytes > columnBudgetBytes) break;
    kept.push(column);
  }
  return kept;
}
