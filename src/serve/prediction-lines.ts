/**
 * Prediction log lines in the format monitor-drift reads as `current`: JSON Lines, one flat record
 * per predicted row holding the row's inputs by column name, the prediction under the training
 * label's name (so prediction drift is tested against the label's distribution), and `_at`,
 * `_model`, `_version`, `_probability` (the predicted class's probability) for people.
 */
import type { FeedValues } from "./feed-values.js";
import { float32Text } from "./number-text.js";
import type { RowPredictions } from "./predictions.js";
import type { RecordLayout, ServedInput } from "./served-inputs.js";
import { rowWidth } from "./served-inputs.js";

export interface LogContext {
  model: string;
  version: number;
  /** the prediction's field: the training label's name */
  target: string;
  at: Date;
}

/** Lines for the records of `POST /predict`, as the client sent them. */
export function recordLines(
  records: readonly Record<string, unknown>[],
  predictions: RowPredictions,
  context: LogContext,
): string {
  const head = lineHead(context);
  const tail = lineTails(predictions, context.target);
  let text = "";
  for (let i = 0; i < records.length; i++) {
    const fields = JSON.stringify(records[i]).slice(1, -1);
    text += `${head}${fields === "" ? "" : `${fields},`}${tail(i)}\n`;
  }
  return text;
}

/** Lines for an inference request's tensors: each input column by name (or `<input>_<j>`). */
export function feedLines(
  inputs: readonly ServedInput[],
  layout: RecordLayout,
  feeds: ReadonlyMap<string, FeedValues>,
  predictions: RowPredictions,
  context: LogContext,
): string {
  const columns = inputs.flatMap((input) => {
    const width = rowWidth(input);
    const values = feeds.get(input.name) as FeedValues;
    const names = width === 1 ? [input.name] : Array.from({ length: width }, (_, j) => fieldOf(layout, input.name, j));
    const format = values instanceof Float32Array ? formatFloat32 : formatValue;
    return names.map((name, j) => ({ key: `${JSON.stringify(name)}:`, values, width, j, format }));
  });
  const head = lineHead(context);
  const tail = lineTails(predictions, context.target);
  let text = "";
  for (let i = 0; i < predictions.rows; i++) {
    let fields = "";
    for (const { key, values, width, j, format } of columns) fields += `${key}${format(values[i * width + j])},`;
    text += `${head}${fields}${tail(i)}\n`;
  }
  return text;
}

function fieldOf(layout: RecordLayout, input: string, j: number): string {
  return (layout.kind === "single-tensor" && layout.fields[j]) || `${input}_${j}`;
}

function lineHead(context: LogContext): string {
  return `{"_at":"${context.at.toISOString()}","_model":${JSON.stringify(context.model)},"_version":${context.version},`;
}

function lineTails(predictions: RowPredictions, target: string): (row: number) => string {
  const key = `${JSON.stringify(target)}:`;
  const { values, classes, probabilities } = predictions;
  if (!classes || !probabilities) return (row) => `${key}${JSON.stringify(values[row])}}`;
  const width = classes.length;
  return (row) => {
    const predicted = classes.indexOf(values[row] as string | number);
    return `${key}${JSON.stringify(values[row])},"_probability":${float32Text(probabilities[row * width + predicted] as number)}}`;
  };
}

function formatValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "null";
  return "null";
}

function formatFloat32(value: unknown): string {
  return Number.isFinite(value) ? float32Text(value as number) : "null";
}
