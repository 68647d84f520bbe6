/** Reads a cached bench training table (see generate.ts) into the columns `trainBuiltin` takes. */
import { closeSync, openSync, readFileSync, readSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TrainTableHeader } from "./generate.js";

export interface LoadedTable {
  rows: number;
  numeric: Record<string, Float64Array>;
  categorical: Record<string, string[]>;
  /** 0/1 class of each row */
  label: Float64Array;
  target: Float64Array;
}

export function loadTrainTable(headerFile: string): LoadedTable {
  const header = JSON.parse(readFileSync(headerFile, "utf8")) as TrainTableHeader;
  if (header.endianness !== os.endianness()) {
    throw new Error(`${headerFile}: written ${header.endianness}, this machine is ${os.endianness()}`);
  }
  const { rows } = header;
  const table: LoadedTable = {
    rows,
    numeric: {},
    categorical: {},
    label: new Float64Array(rows),
    target: new Float64Array(rows),
  };
  const fd = openSync(path.join(path.dirname(headerFile), header.data), "r");
  try {
    for (const column of header.columns) {
      const values = column.dtype === "float64" ? new Float64Array(rows) : new Int32Array(rows);
      readFully(fd, values, column.offset);
      if (column.role === "numeric") table.numeric[column.name] = values as Float64Array;
      else if (column.role === "target") table.target = values as Float64Array;
      else if (column.role === "label") table.label = Float64Array.from(values);
      else {
        const levels = column.levels ?? [];
        const strings = new Array<string>(rows);
        for (let i = 0; i < rows; i++) strings[i] = levels[values[i] as number] as string;
        table.categorical[column.name] = strings;
      }
    }
  } finally {
    closeSync(fd);
  }
  return table;
}

function readFully(fd: number, values: Float64Array | Int32Array, position: number): void {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  for (let done = 0; done < bytes.length; ) {
    const read = readSync(fd, bytes, done, bytes.length - done, position + done);
    if (read === 0) throw new Error("the training table ends early");
    done += read;
  }
}
