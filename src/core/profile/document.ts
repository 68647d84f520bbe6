/**
 * The profile as a versioned JSON document (`format: mlgate.profile`, `version: 1`): the mergeable
 * state of every column plus a derived, human-readable summary. Reading checks the format and
 * version and names the key that is wrong.
 */
import { InputError } from "../errors.js";
import { type CellExample, ColumnProfile } from "./column-profile.js";
import type { ColumnType } from "./column-type.js";
import { COLUMN_TYPES, isNumericType } from "./column-type.js";
import { DatasetProfile, type ProfiledSource } from "./dataset-profile.js";
import { DistinctSketch } from "./distinct-sketch.js";
import {
  count,
  type Fail,
  list,
  readFrequencyState,
  readNumericState,
  readTokenCounts,
  record,
  text,
} from "./document-fields.js";
import { FrequentItems, type FrequentItemsState } from "./frequent-items.js";
import { NumericStats, type NumericStatsState } from "./numeric-stats.js";
import { type ColumnSummary, summarizeColumn } from "./summary.js";

export const PROFILE_FORMAT = "mlgate.profile";
export const PROFILE_VERSION = 1;

export interface ColumnDocument {
  name: string;
  type: ColumnType | null;
  rows: number;
  missing: number;
  invalid: number;
  invalidExamples: CellExample[];
  numeric?: NumericStatsState;
  frequencies?: FrequentItemsState;
  /** in a column without a type yet: missing-value spellings that become values if it turns out to hold strings */
  pendingTokens?: [token: string, count: number][];
  summary: ColumnSummary;
}

export interface ProfileDocument {
  format: typeof PROFILE_FORMAT;
  version: typeof PROFILE_VERSION;
  rows: number;
  digest: string;
  sources: ProfiledSource[];
  columns: ColumnDocument[];
}

export function toProfileDocument(profile: DatasetProfile): ProfileDocument {
  return {
    format: PROFILE_FORMAT,
    version: PROFILE_VERSION,
    rows: profile.rows,
    digest: profile.digest,
    sources: [...profile.sources].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    columns: [...profile.columns.values()].map(columnDocument),
  };
}

function columnDocument(column: ColumnProfile): ColumnDocument {
  const document: ColumnDocument = {
    name: column.name,
    type: column.type ?? null,
    rows: column.rows,
    missing: column.missing,
    invalid: column.invalid,
    invalidExamples: column.invalidExamples,
    summary: summarizeColumn(column),
  };
  if (column.numeric) document.numeric = column.numeric.toState();
  if (column.text) document.frequencies = column.text.toState();
  if (column.pendingTokens.size > 0) document.pendingTokens = [...column.pendingTokens];
  return document;
}

/** Reads a profile document (already parsed from JSON); `file` names it in errors. */
export function readProfileDocument(value: unknown, file: string): DatasetProfile {
  const at = (key: string, problem: string): never => {
    throw new InputError(problem, { file, key }, "pass a profile written by mlgate (validate-data profile-out)");
  };
  const document = record(value, "", at);
  if (document.format !== PROFILE_FORMAT) at("format", `is not an mlgate profile (format must be '${PROFILE_FORMAT}')`);
  if (document.version !== PROFILE_VERSION) {
    at(
      "version",
      `profile version ${String(document.version)} is not supported (this mlgate reads version ${PROFILE_VERSION})`,
    );
  }
  const profile = new DatasetProfile();
  profile.rows = count(document.rows, "rows", at);
  for (const [i, source] of list(document.sources, "sources", at).entries()) {
    const entry = record(source, `sources[${i}]`, at);
    profile.sources.push({
      name: text(entry.name, `sources[${i}].name`, at),
      digest: text(entry.digest, `sources[${i}].digest`, at),
      bytes: count(entry.bytes, `sources[${i}].bytes`, at),
      rows: count(entry.rows, `sources[${i}].rows`, at),
    });
  }
  for (const [i, entry] of list(document.columns, "columns", at).entries()) {
    const column = readColumn(record(entry, `columns[${i}]`, at), `columns[${i}]`, at);
    profile.columns.set(column.name, column);
  }
  return profile;
}

function readColumn(entry: Record<string, unknown>, key: string, at: Fail): ColumnProfile {
  const name = text(entry.name, `${key}.name`, at);
  if (!("type" in entry)) at(`${key}.type`, "is missing (a column type, or null for a column without values)");
  const type = entry.type === null ? undefined : (entry.type as ColumnType);
  if (type !== undefined && !COLUMN_TYPES.includes(type))
    at(`${key}.type`, `unknown column type '${String(entry.type)}'`);
  const column = new ColumnProfile(name, undefined);
  column.type = type;
  column.rows = count(entry.rows, `${key}.rows`, at);
  column.missing = count(entry.missing, `${key}.missing`, at);
  column.invalid = count(entry.invalid, `${key}.invalid`, at);
  column.invalidExamples.push(...(list(entry.invalidExamples ?? [], `${key}.invalidExamples`, at) as CellExample[]));
  if (type && isNumericType(type)) {
    const state = readNumericState(entry.numeric, `${key}.numeric`, at);
    column.numeric = NumericStats.fromState(state, distinctOf(state.distinct, `${key}.numeric.distinct`, at));
  } else if (type) {
    const state = readFrequencyState(entry.frequencies, `${key}.frequencies`, at);
    column.text = FrequentItems.fromState(state, distinctOf(state.distinct, `${key}.frequencies.distinct`, at));
  } else if (entry.pendingTokens !== undefined) {
    for (const [token, tally] of readTokenCounts(entry.pendingTokens, `${key}.pendingTokens`, at)) {
      column.pendingTokens.set(token, tally);
    }
  }
  return column;
}

function distinctOf(state: unknown, key: string, at: Fail): DistinctSketch | undefined {
  if (state === undefined) return undefined;
  return (
    (typeof state === "string" ? DistinctSketch.fromState(state) : undefined) ??
    at(key, "is not a distinct-count sketch")
  );
}
