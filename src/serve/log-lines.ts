/**
 * Prediction log lines in the format monitor-drift reads as `current`: JSON Lines, one flat record
 * per predicted row holding the row's inputs by column name, the prediction under the training
 * label's name (so prediction drift is tested against the label's distribution), and `_at`,
 * `_model`, `_version`, `_probability` (the predicted class's probability) for people.
 *
 * The lines are written off the request path, in the log worker: `formatLogBatch` refers to nothing
 * outside itself, so its source runs there as it is.
 */
import type { FeedValues } from "./feed-values.js";
import type { RowPredictions } from "./predictions.js";
import { type RecordLayout, rowWidth, type ServedInput } from "./served-inputs.js";

export interface LogContext {
  model: string;
  version: number;
  /** the prediction's field: the training label's name */
  target: string;
  at: Date;
}

export interface LogColumn {
  /** `"age":` */
  key: string;
  values: FeedValues;
  /** values per row in `values`, and which of them this column is */
  width: number;
  j: number;
  float32: boolean;
}

/** What the worker turns into lines: structured-cloneable. */
export interface LogBatch {
  rows: number;
  /** `{"_at":"…","_model":"churn","_version":3,` */
  head: string;
  /** `"churned":` */
  targetKey: string;
  values: (string | number)[];
  classes?: (string | number)[];
  probabilities?: ArrayLike<number>;
  /** `POST /predict`: the request body, whose records are written as the client sent them */
  body?: string;
  /** inference requests: the input columns */
  columns?: LogColumn[];
}

export function recordsBatch(body: string, predictions: RowPredictions, context: LogContext): LogBatch {
  return { ...batchBase(predictions, context), body };
}

export function feedsBatch(
  inputs: readonly ServedInput[],
  layout: RecordLayout,
  feeds: ReadonlyMap<string, FeedValues>,
  predictions: RowPredictions,
  context: LogContext,
): LogBatch {
  const columns = inputs.flatMap((input) => {
    const width = rowWidth(input);
    const values = feeds.get(input.name) as FeedValues;
    return Array.from({ length: width }, (_, j) => ({
      key: `${JSON.stringify(width === 1 ? input.name : columnName(layout, input.name, j))}:`,
      values,
      width,
      j,
      float32: values instanceof Float32Array,
    }));
  });
  return { ...batchBase(predictions, context), columns };
}

function columnName(layout: RecordLayout, input: string, j: number): string {
  return (layout.kind === "single-tensor" && layout.fields[j]) || `${input}_${j}`;
}

function batchBase(predictions: RowPredictions, context: LogContext): LogBatch {
  return {
    rows: predictions.rows,
    head: `{"_at":"${context.at.toISOString()}","_model":${JSON.stringify(context.model)},"_version":${context.version},`,
    targetKey: `${JSON.stringify(context.target)}:`,
    values: predictions.values,
    ...(predictions.classes ? { classes: predictions.classes } : {}),
    ...(predictions.probabilities ? { probabilities: predictions.probabilities } : {}),
  };
}

/** The batch's lines. Self-contained: only its parameters and JavaScript's globals. */
export function formatLogBatch(batch: LogBatch, float32Text: (value: number) => string): string {
  const { rows, head, targetKey, values, classes, probabilities } = batch;
  const classTails = classes?.map((name) => `${targetKey}${JSON.stringify(name)},"_probability":`);
  const tail = (row: number): string => {
    if (!classes || !probabilities || !classTails) return `${targetKey}${JSON.stringify(values[row])}}`;
    const predicted = classes.indexOf(values[row] as string | number);
    return `${classTails[predicted]}${float32Text(probabilities[row * classes.length + predicted] as number)}}`;
  };
  // A JSON array of records, each on one line, is copied record by record as the client wrote it:
  // scanning for where each record starts and ends costs a fraction of parsing and printing it again.
  const recordTexts = (body: string): string[] | undefined => {
    const texts: string[] = [];
    let depth = 0;
    let start = 0;
    let i = 0;
    while (i < body.length && body.charCodeAt(i) <= 32) i++;
    if (body.charCodeAt(i) !== 91) return undefined;
    for (; i < body.length; i++) {
      const c = body.charCodeAt(i);
      if (c === 34) {
        // to the closing quote: one not preceded by an odd number of backslashes
        let end = body.indexOf('"', i + 1);
        for (;;) {
          if (end === -1) return undefined;
          let backslash = end - 1;
          while (body.charCodeAt(backslash) === 92) backslash--;
          if ((end - 1 - backslash) % 2 === 0) break;
          end = body.indexOf('"', end + 1);
        }
        i = end;
      } else if (c === 123 || c === 91) {
        depth++;
        if (depth === 2) start = i;
      } else if (c === 125 || c === 93) {
        if (depth === 2) texts.push(body.slice(start + 1, i));
        depth--;
      } else if ((c === 10 || c === 13) && depth >= 2) return undefined;
    }
    return texts.length === rows ? texts : undefined;
  };
  let text = "";
  if (batch.body !== undefined) {
    let fields = recordTexts(batch.body);
    if (!fields) {
      const parsed = JSON.parse(batch.body);
      const records: unknown[] = Array.isArray(parsed) ? parsed : parsed.records;
      fields = records.map((record) => JSON.stringify(record).slice(1, -1));
    }
    for (let i = 0; i < rows; i++) {
      const own = fields[i] as string;
      text += `${head}${/\S/.test(own) ? `${own},` : ""}${tail(i)}\n`;
    }
    return text;
  }
  const format = (value: unknown, float32: boolean): string => {
    if (typeof value === "string") return JSON.stringify(value);
    if (typeof value === "bigint") return value.toString();
    if (typeof value !== "number" || !Number.isFinite(value)) return "null";
    return float32 ? float32Text(value) : String(value);
  };
  for (let i = 0; i < rows; i++) {
    let fields = "";
    for (const { key, values: column, width, j, float32 } of batch.columns ?? []) {
      fields += `${key}${format(column[i * width + j], float32)},`;
    }
    text += `${head}${fields}${tail(i)}\n`;
  }
  return text;
}
