/**
 * The preprocessing the exported graph repeats: mean imputation and standardization of numeric
 * columns (sklearn's SimpleImputer(mean) + StandardScaler: population standard deviation of the
 * imputed column, 1 for a constant column), one-hot encoding of categorical columns over the sorted
 * categories seen in training (OneHotEncoder(handle_unknown="ignore")).
 */
import { InputError } from "../../errors.js";
import { FeatureMatrix } from "./feature-matrix.js";
import { compareCodePoints } from "./labels.js";
import type { TabularColumns } from "./types.js";

export interface NumericEncoding {
  name: string;
  mean: number;
  scale: number;
}

export interface CategoricalEncoding {
  name: string;
  categories: string[];
}

export interface FeatureEncoding {
  numeric: NumericEncoding[];
  categorical: CategoricalEncoding[];
}

export function fitFeatureEncoding(columns: TabularColumns): FeatureEncoding {
  const rows = rowCount(columns);
  const numeric = Object.entries(columns.numeric ?? {}).map(([name, values]) => {
    let count = 0;
    let sum = 0;
    for (let i = 0; i < rows; i++) {
      const value = values[i] as number;
      if (!Number.isNaN(value)) {
        count++;
        sum += value;
      }
    }
    // an all-missing column has nothing to learn from: it imputes to 0 and stays 0 (sklearn would drop it)
    const mean = count > 0 ? sum / count : 0;
    let squares = 0;
    for (let i = 0; i < rows; i++) {
      const value = values[i] as number;
      if (!Number.isNaN(value)) squares += (value - mean) ** 2;
    }
    const deviation = Math.sqrt(squares / rows);
    if (!Number.isFinite(mean) || !Number.isFinite(deviation)) {
      throw new InputError("holds infinite values", { key: name }, "replace them or mark them missing (NaN)");
    }
    // sklearn's StandardScaler treats a deviation at rounding level of the mean as a constant column
    const constant = deviation < 10 * Number.EPSILON * Math.max(1, Math.abs(mean));
    return { name, mean, scale: constant ? 1 : deviation };
  });
  const categorical = Object.entries(columns.categorical ?? {}).map(([name, values]) => ({
    name,
    categories: [...new Set(values)].sort(compareCodePoints),
  }));
  if (numeric.length + categorical.length === 0) {
    throw new InputError("no feature columns", {}, "give at least one numeric or categorical column");
  }
  return { numeric, categorical };
}

export function featureNames(encoding: FeatureEncoding): string[] {
  return [
    ...encoding.numeric.map((column) => column.name),
    ...encoding.categorical.flatMap((column) => column.categories.map((category) => `${column.name}=${category}`)),
  ];
}

export function encodeFeatures(encoding: FeatureEncoding, columns: TabularColumns): FeatureMatrix {
  const rows = rowCount(columns);
  const dense = encoding.numeric.map(({ name, mean, scale }) => {
    const values = columns.numeric?.[name];
    if (!values) throw missingColumn(name, "numeric");
    const standardized = new Float64Array(rows);
    for (let i = 0; i < rows; i++) {
      const value = values[i] as number;
      standardized[i] = Number.isNaN(value) ? 0 : (value - mean) / scale;
    }
    return standardized;
  });
  const codes = encoding.categorical.map(({ name, categories }) => {
    const values = columns.categorical?.[name];
    if (!values) throw missingColumn(name, "categorical");
    const position = new Map(categories.map((category, index) => [category, index]));
    const codes = new Int32Array(rows);
    for (let i = 0; i < rows; i++) codes[i] = position.get(values[i] as string) ?? -1;
    return codes;
  });
  const cardinalities = encoding.categorical.map((column) => column.categories.length);
  return new FeatureMatrix(rows, dense, codes, cardinalities);
}

/** The common length of all columns; mismatched lengths are bad input. */
export function rowCount(columns: TabularColumns): number {
  const lengths = [
    ...Object.entries(columns.numeric ?? {}).map(([name, values]) => [name, values.length] as const),
    ...Object.entries(columns.categorical ?? {}).map(([name, values]) => [name, values.length] as const),
  ];
  const first = lengths[0];
  if (!first) return 0;
  for (const [name, length] of lengths) {
    if (length !== first[1]) {
      throw new InputError(
        `has ${length} rows but '${first[0]}' has ${first[1]}`,
        { key: name },
        "give columns of equal length",
      );
    }
  }
  return first[1];
}

function missingColumn(name: string, kind: string): InputError {
  return new InputError(
    `the model needs this ${kind} column`,
    { key: name },
    "give every column the model was trained on",
  );
}
