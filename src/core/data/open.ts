/** Opens the data a `data` input names: local paths and globs, blob URLs, in a list. */
import type { TokenCredential } from "@azure/core-auth";
import { InputError } from "../errors.js";
import { isBlobPattern, parseBlobPattern } from "./blob-location.js";
import type { ByteSource } from "./byte-source.js";
import { formatOf } from "./format.js";
import { findLocalSources } from "./local-files.js";
import { StreamedTable } from "./streamed-table.js";
import type { DataFormat, Table } from "./table.js";

export interface OpenTableOptions {
  /** relative paths and globs resolve against it */
  workspace: string;
  /** the host's environment (AZURE_STORAGE_CONNECTION_STRING, AZURE_STORAGE_ACCOUNT), never read from the process itself */
  env: Readonly<Record<string, string | undefined>>;
  credential?: TokenCredential;
  /** overrides the format the file names imply */
  format?: DataFormat;
  /** rows per batch; by default 16384, fewer for wide tables (at most 65536 cells) */
  batchRows?: number;
}

/**
 * `spec`: paths, globs (`data/*.csv`, `**` for any depth) and blob URLs, separated by commas (outside
 * `{a,b}`) or new lines. Each pattern's matches come in name order, patterns in the order given, duplicates once.
 */
export async function openTable(spec: string | readonly string[], options: OpenTableOptions): Promise<Table> {
  if (options.batchRows !== undefined && !(Number.isInteger(options.batchRows) && options.batchRows > 0)) {
    throw new RangeError(`batchRows must be a positive integer, not ${options.batchRows}`);
  }
  const patterns = (typeof spec === "string" ? [spec] : spec).flatMap(splitList);
  if (patterns.length === 0) {
    throw new InputError(
      "no data source given",
      {},
      "name files, globs or blob URLs, separated by commas or new lines",
    );
  }
  const seen = new Set<string>();
  const sources: ByteSource[] = [];
  for (const pattern of patterns) {
    for (const source of await find(pattern, options)) {
      if (seen.has(source.name)) continue;
      seen.add(source.name);
      sources.push(source);
    }
  }
  const entries = sources.map((source) => ({ source, format: formatOf(source.name, options.format) }));
  return new StreamedTable(entries, options.batchRows);
}

async function find(pattern: string, options: OpenTableOptions): Promise<ByteSource[]> {
  if (!isBlobPattern(pattern)) return findLocalSources(pattern, options.workspace);
  const parsed = parseBlobPattern(pattern);
  // loaded only for blob sources: the Azure SDK is most of the startup time
  const { findBlobSources } = await import("./blob-source.js");
  return findBlobSources(parsed, options);
}

function splitList(text: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const char = text.charAt(i);
    if (char === "{") depth++;
    else if (char === "}") depth = Math.max(0, depth - 1);
    else if (i === text.length || char === "\n" || (char === "," && depth === 0)) {
      items.push(text.slice(start, i).trim());
      start = i + 1;
      depth = 0;
    }
  }
  return items.filter((item) => item !== "");
}
