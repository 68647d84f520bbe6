import { InputError } from "../../errors.js";
import type { Labels, Target } from "./types.js";

/** Classes in sklearn's order (sorted) and each row's class index. */
export interface EncodedLabels {
  classes: Labels;
  indices: Int32Array;
}

export function encodeLabels(target: Target): EncodedLabels {
  const values = Array.from(target as ArrayLike<string | number>);
  const numeric = values.every((value) => typeof value === "number");
  if (!numeric && !values.every((value) => typeof value === "string")) {
    throw new InputError("class labels mix numbers and strings", { key: "target" }, "use one type of label");
  }
  if (numeric && !values.every((value) => Number.isSafeInteger(value))) {
    throw new InputError("class labels must be integers or strings", { key: "target" }, "round or map the labels");
  }
  const classes = numeric
    ? [...new Set(values as number[])].sort((a, b) => a - b)
    : [...new Set(values as string[])].sort(compareCodePoints);
  const position = new Map<string | number, number>(classes.map((label, index) => [label, index]));
  const indices = new Int32Array(values.length);
  for (let row = 0; row < values.length; row++) indices[row] = position.get(values[row] as string | number) ?? -1;
  return { classes: classes as Labels, indices };
}

/** numpy's string order (by code point), which sklearn's classes_ and OneHotEncoder categories follow. */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const left = [...a];
  const right = [...b];
  for (let index = 0; index < Math.min(left.length, right.length); index++) {
    const difference = (left[index]?.codePointAt(0) ?? 0) - (right[index]?.codePointAt(0) ?? 0);
    if (difference !== 0) return difference;
  }
  return left.length - right.length;
}
