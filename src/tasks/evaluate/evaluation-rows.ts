/**
 * From scored holdout rows to what the metrics read: the problem (given, or inferred from the
 * challenger's output), the label as class indices in the models' class order (or as numbers for
 * regression), and each model's probabilities or predictions. A label the models do not know, a
 * missing label, or models that disagree on their classes stop the run with one clear line.
 */
import { InputError } from "../../core/errors.js";
import type { ProblemType } from "../../core/evaluate/metrics/index.js";
import type { EvaluationRows } from "../../core/evaluate/rows.js";
import type { DictionaryColumn, SeenAt } from "./dictionary-column.js";
import type { ScoredHoldout, ScoredModel } from "./score-holdout.js";

export interface RowsRequest {
  holdout: ScoredHoldout;
  /** model labels, the challenger first */
  names: readonly string[];
  problem?: ProblemType;
  threshold: number;
}

export interface PreparedRows {
  rows: EvaluationRows;
  /** class names in index order (classification) */
  classes?: string[];
}

export function evaluationRows(request: RowsRequest): PreparedRows {
  const { holdout, names } = request;
  const [challenger] = holdout.models as [ScoredModel];
  const width = widthOf(challenger, holdout.rows);
  const problem = request.problem ?? (width === 1 ? "regression" : width === 2 ? "binary" : "multiclass");
  holdout.models.forEach((model, m) => {
    checkWidth(model, holdout.rows, problem, names[m] as string);
  });
  if (problem === "regression") {
    return {
      rows: {
        problem,
        targets: numericLabels(holdout.label),
        predictions: holdout.models.map((model) => model.values),
      },
    };
  }
  const classes = modelClasses(holdout.models, names, problem === "binary" ? 2 : width);
  const labels = classIndices(holdout.label, classes, names[0] as string);
  if (problem === "binary") {
    return {
      classes,
      rows: {
        problem,
        labels: new Uint8Array(labels),
        scores: holdout.models.map((model) => positiveScores(model, holdout.rows)),
        threshold: request.threshold,
      },
    };
  }
  const k = classes.length;
  return {
    classes,
    rows: {
      problem,
      labels,
      classes: k,
      probabilities: holdout.models.map((model) => model.values),
      predicted: holdout.models.map((model) => mostProbable(model.values, k)),
    },
  };
}

function widthOf(model: ScoredModel, rows: number): number {
  return model.values.length / rows;
}

function checkWidth(model: ScoredModel, rows: number, problem: ProblemType, name: string): void {
  const width = widthOf(model, rows);
  const fits = problem === "regression" ? width === 1 : problem === "binary" ? width <= 2 : width >= 2;
  if (fits) return;
  const expected =
    problem === "regression" ? "one value per row" : problem === "binary" ? "1 or 2 columns" : "a column per class";
  throw new InputError(
    `model ${name} output '${model.output.name}' has ${width} column(s) per row, but a ${problem} problem needs ${expected}`,
    { key: "problem" },
    "set problem to what the models predict, or evaluate models of the same kind",
  );
}

/** The class labels both models agree on: as the models name them, else 0 … k−1. */
function modelClasses(models: readonly ScoredModel[], names: readonly string[], k: number): string[] {
  const declared = models.map((model) => model.output.classes);
  const classes = declared.find((list) => list !== undefined) ?? Array.from({ length: k }, (_, c) => String(c));
  declared.forEach((list, m) => {
    if (list && list.join("\u0000") !== classes.join("\u0000")) {
      throw new InputError(
        `model ${names[m]} predicts the classes ${list.join(", ")} but model ${names[0]} predicts ${classes.join(", ")}`,
        {},
        "evaluate models trained on the same classes",
      );
    }
  });
  return classes;
}

/** Each row's class index; "true"/"false" match classes 1/0 as well. */
function classIndices(label: DictionaryColumn, classes: readonly string[], model: string): Int32Array {
  if (label.missingAt) throw missingLabel(label, label.missingAt);
  if (label.overflowed) {
    throw new InputError(
      `label '${label.name}' has more than ${label.values.length} distinct values: it is not a class label`,
      { key: "problem" },
      "set problem: regression for a numeric target",
    );
  }
  const indexOf = label.values.map((value, code) => {
    const index = classIndex(value, classes);
    if (index < 0) {
      throw new InputError(
        `label '${value}' in column '${label.name}' is not a class model ${model} knows (classes: ${classes.join(", ")})`,
        where(label.seenAt[code]),
        "evaluate on data labelled with the model's classes",
      );
    }
    return index;
  });
  const codes = label.codes;
  const indices = new Int32Array(codes.length);
  for (let i = 0; i < codes.length; i++) indices[i] = indexOf[codes[i] as number] as number;
  return indices;
}

function classIndex(value: string, classes: readonly string[]): number {
  const exact = classes.indexOf(value);
  if (exact >= 0) return exact;
  const number = Number(value);
  if (value.trim() !== "" && Number.isFinite(number)) {
    const numeric = classes.findIndex((name) => Number(name) === number);
    if (numeric >= 0) return numeric;
  }
  const lower = value.toLowerCase();
  if ((lower === "true" || lower === "false") && classes.length === 2) {
    const bit = lower === "true" ? "1" : "0";
    return classes.indexOf(bit) >= 0 ? classes.indexOf(bit) : classes.findIndex((name) => name.toLowerCase() === lower);
  }
  return -1;
}

function numericLabels(label: DictionaryColumn): Float64Array {
  if (label.missingAt) throw missingLabel(label, label.missingAt);
  const numbers = label.numbers;
  const bad = numbers.findIndex((value) => !Number.isFinite(value));
  if (bad >= 0) {
    const code = label.codes[bad] as number;
    throw new InputError(
      `label '${label.values[code] ?? ""}' in column '${label.name}' is not a number, but the models predict one`,
      where(label.seenAt[code]),
      "use a numeric target, or set problem to binary or multiclass for class labels",
    );
  }
  return numbers;
}

function missingLabel(label: DictionaryColumn, at: SeenAt): InputError {
  return new InputError(`the label '${label.name}' is missing`, where(at), "drop unlabelled rows from the holdout");
}

function where(at: SeenAt | undefined) {
  return at ? { file: at.file, ...(at.line === undefined ? {} : { line: at.line }) } : {};
}

function positiveScores(model: ScoredModel, rows: number): Float64Array {
  const width = widthOf(model, rows);
  if (width === 1) return model.values;
  const scores = new Float64Array(rows);
  for (let i = 0; i < rows; i++) scores[i] = model.values[i * width + 1] as number;
  return scores;
}

function mostProbable(probabilities: Float64Array, k: number): Int32Array {
  const rows = probabilities.length / k;
  const predicted = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    let best = 0;
    for (let c = 1; c < k; c++)
      if ((probabilities[i * k + c] as number) > (probabilities[i * k + best] as number)) best = c;
    predicted[i] = best;
  }
  return predicted;
}
