/** Which reader a source needs: from its extension, or the format the caller names. */
import { InputError } from "../errors.js";
import type { DataFormat } from "./table.js";

export interface SourceFormat {
  format: DataFormat;
  /** `.gz`: the text formats may come gzipped */
  gzip: boolean;
}

const EXTENSIONS: Readonly<Record<string, DataFormat>> = {
  csv: "csv",
  tsv: "tsv",
  jsonl: "jsonl",
  ndjson: "jsonl",
  parquet: "parquet",
};

export function formatOf(name: string, requested?: DataFormat): SourceFormat {
  const base = name.slice(name.lastIndexOf("/") + 1).toLowerCase();
  const gzip = base.endsWith(".gz");
  const extension = /\.([a-z0-9]+)$/.exec(gzip ? base.slice(0, -3) : base)?.[1] ?? "";
  const format = requested ?? EXTENSIONS[extension];
  if (!format) {
    throw new InputError(
      "cannot tell the data format from the file name",
      { file: name },
      "name files .csv, .tsv, .jsonl, .ndjson or .parquet (.gz for gzipped text), or set the format",
    );
  }
  if (gzip && format === "parquet") {
    throw new InputError(
      "a gzipped Parquet file cannot be read",
      { file: name },
      "store Parquet uncompressed: its pages are compressed inside the file",
    );
  }
  return { format, gzip };
}
