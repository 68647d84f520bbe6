/**
 * What `POST /predict` answers for each row, read from the model's prediction output: for a
 * classifier (two or more columns) the most probable class and every class's probability, for a
 * regressor the value.
 */
import type { PredictionOutput, ScoringOutput } from "../core/model/scoring/index.js";
import { float32Text } from "./number-text.js";
import { RequestError } from "./request-error.js";

export interface RowPredictions {
  rows: number;
  /** per row: the class (a number when every class is an integer) or the predicted value */
  values: (string | number)[];
  /** classifiers: the class names and [rows × classes] probabilities */
  classes?: (string | number)[];
  probabilities?: ArrayLike<number>;
}

export function readPredictions(
  prediction: PredictionOutput,
  outputs: Record<string, ScoringOutput>,
  rows: number,
): RowPredictions {
  const output = outputs[prediction.name];
  if (!output || Array.isArray(output.data)) throw new Error(`the model gave no numeric output '${prediction.name}'`);
  const data = output.data as Float32Array | Float64Array;
  const width = rows === 0 ? 1 : data.length / rows;
  const bad = data.findIndex((value) => !Number.isFinite(value));
  if (bad >= 0) {
    throw new RequestError(
      422,
      `row ${Math.floor(bad / width)}: the model predicted ${data[bad]}; check the row's values`,
    );
  }
  if (width === 1) return { rows, values: Array.from(data, (value) => Number(float32Text(value))) };
  const classes = classNames(prediction.classes, width);
  const values = new Array<string | number>(rows);
  for (let i = 0; i < rows; i++) {
    let best = 0;
    for (let k = 1; k < width; k++) if ((data[i * width + k] as number) > (data[i * width + best] as number)) best = k;
    values[i] = classes[best] as string | number;
  }
  return { rows, values, classes, probabilities: data };
}

function classNames(declared: readonly string[] | undefined, width: number): (string | number)[] {
  const names = declared && declared.length === width ? declared : Array.from({ length: width }, (_, k) => String(k));
  return names.every((name) => /^-?\d{1,15}$/.test(name)) ? names.map(Number) : [...names];
}

/** `{"model": …, "version": …, "predictions": [{"prediction": …, "probabilities": {…}}, …]}` */
export function predictResponse(model: string, version: number, predictions: RowPredictions): string {
  const { rows, values, classes, probabilities } = predictions;
  const parts = new Array<string>(rows);
  const keys = classes?.map((name) => `${JSON.stringify(String(name))}:`);
  for (let i = 0; i < rows; i++) {
    const value = JSON.stringify(values[i]);
    if (!keys || !probabilities) {
      parts[i] = `{"prediction":${value}}`;
      continue;
    }
    let probs = "";
    for (let k = 0; k < keys.length; k++) {
      probs += `${k === 0 ? "" : ","}${keys[k]}${float32Text(probabilities[i * keys.length + k] as number)}`;
    }
    parts[i] = `{"prediction":${value},"probabilities":{${probs}}}`;
  }
  return `{"model":${JSON.stringify(model)},"version":${version},"predictions":[${parts.join(",")}]}`;
}
