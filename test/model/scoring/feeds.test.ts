import { describe, expect, it } from "vitest";
import { InputError } from "../../../src/core/errors.js";
import { inspectOnnxModel } from "../../../src/core/model/onnx.js";
import {
  buildFeeds,
  type DataColumn,
  type FeedPlan,
  type PlanOptions,
  planFeeds,
} from "../../../src/core/model/scoring/index.js";
import type { ValueSig } from "../../../src/core/model/signature.js";
import { trainBuiltin } from "../../../src/core/train/builtin/index.js";
import { columnsOf, fixture, numericTypesModel, runtime } from "./support.js";

const inputsOf = (bytes: Uint8Array) => inspectOnnxModel(Buffer.from(bytes), "model.onnx").inputs;
const numeric = (...names: string[]): DataColumn[] => names.map((name) => ({ name, kind: "numeric" }));
const text = (...names: string[]): DataColumn[] => names.map((name) => ({ name, kind: "text" }));

const builtinClassifier = trainBuiltin(
  { trainer: "logistic" },
  {
    numeric: { age: Float64Array.of(20, 35, 50, 65), income: Float64Array.of(1, 2, 3, 5) },
    categorical: { plan: ["basic", "pro", "basic", "pro"] },
    target: [0, 1, 0, 1],
  },
).onnx;

function refusal(inputs: readonly ValueSig[], columns: DataColumn[], options?: PlanOptions): InputError {
  try {
    planFeeds(inputs, columns, options);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error("planFeeds accepted the data");
}

describe("planFeeds: one input per column", () => {
  it("maps a builtin model's inputs to columns of the same names, in model order", () => {
    const plan = planFeeds(inputsOf(builtinClassifier), [...text("plan"), ...numeric("income", "age", "extra")]);
    expect(plan).toEqual({
      layout: "per-column",
      features: ["age", "income", "plan"],
      inputs: [
        { name: "age", elemType: "float32", rank: 2 },
        { name: "income", elemType: "float32", rank: 2 },
        { name: "plan", elemType: "string", rank: 2 },
      ],
    });
  });

  it("feeds [N] inputs as vectors and every supported numeric type", () => {
    const plan = planFeeds(inputsOf(numericTypesModel()), numeric("precise", "small", "flag", "count"));
    expect(plan.layout === "per-column" && plan.inputs).toEqual([
      { name: "count", elemType: "int64", rank: 2 },
      { name: "flag", elemType: "bool", rank: 1 },
      { name: "small", elemType: "int32", rank: 1 },
      { name: "precise", elemType: "float64", rank: 2 },
    ]);
  });

  it("feeds an input of unknown rank as [N, 1]", () => {
    const plan = planFeeds([{ name: "x", kind: "tensor", elemType: "float32", shape: null }], numeric("x"));
    expect(plan.layout === "per-column" && plan.inputs).toEqual([{ name: "x", elemType: "float32", rank: 2 }]);
  });

  it("refuses a model input with no column", () => {
    const error = refusal(inputsOf(builtinClassifier), [...numeric("age", "Income"), ...text("plan")]);
    expect(error.message).toBe(
      "model input 'income' has no column in the data (columns: age, Income, plan) — rename the column or export the model with matching input names",
    );
  });

  it("refuses a text column for a float input", () => {
    const error = refusal(inputsOf(builtinClassifier), [...numeric("age"), ...text("income", "plan")]);
    expect(error.message).toBe(
      "model input 'income' takes float32 but column 'income' holds text — convert the column to numbers or export the model with a string input for it",
    );
  });

  it("refuses a numeric column for a string input", () => {
    const error = refusal(inputsOf(builtinClassifier), numeric("age", "income", "plan"));
    expect(error.problem).toBe("model input 'plan' takes strings but column 'plan' holds numbers");
  });

  it("refuses an input wider than one column", () => {
    const inputs: ValueSig[] = [
      { name: "a", kind: "tensor", elemType: "float32", shape: ["N", 3] },
      { name: "b", kind: "tensor", elemType: "float32", shape: ["N", 1] },
    ];
    expect(refusal(inputs, numeric("a", "b")).problem).toBe(
      "model input 'a' has shape [N, 3] but one column feeds [N, 1] or [N]",
    );
  });

  it("refuses element types and values it cannot feed", () => {
    const half: ValueSig = { name: "x", kind: "tensor", elemType: "float16", shape: ["N", 1] };
    expect(refusal([half], numeric("x")).problem).toBe(
      "model input 'x' takes float16, which cannot be fed from data columns (supported: float32, float64, int64, int32, bool, string)",
    );
    const sequence: ValueSig = { name: "x", kind: "other", type: "seq(tensor(float32))" };
    expect(refusal([sequence], numeric("x")).problem).toBe(
      "model input 'x' is seq(tensor(float32)), which cannot be fed from a column",
    );
  });

  it("keeps names from the data to one line", () => {
    const error = refusal([{ name: "a\nb", kind: "tensor", elemType: "float32", shape: null }], numeric("c\nd"));
    expect(error.problem).toBe("model input 'a\\nb' has no column in the data (columns: c\\nd)");
  });
});

describe("planFeeds: a single [N, F] tensor", () => {
  const regressor = inputsOf(fixture("regressor.onnx"));

  it("takes every numeric column in data order by default", () => {
    const plan = planFeeds(regressor, [...numeric("a"), ...text("note"), ...numeric("b", "c")]);
    expect(plan).toEqual({
      layout: "single-tensor",
      features: ["a", "b", "c"],
      input: "features",
      elemType: "float32",
    });
  });

  it("takes the listed features in the listed order", () => {
    const plan = planFeeds(regressor, numeric("a", "b", "c", "d"), { features: ["c", "a", "d"] });
    expect(plan.features).toEqual(["c", "a", "d"]);
  });

  it("accepts any feature count for a symbolic width", () => {
    const inputs: ValueSig[] = [{ name: "X", kind: "tensor", elemType: "float64", shape: ["N", "F"] }];
    expect(planFeeds(inputs, numeric("a", "b", "c", "d", "e")).features).toHaveLength(5);
  });

  it("refuses a feature count other than the model's width", () => {
    expect(refusal(regressor, numeric("a", "b", "c", "d")).message).toBe(
      "model input 'features' takes 3 features but the data has 4 numeric columns (a, b, c, d) — list the model's 3 feature columns, in training order, as features",
    );
    expect(refusal(regressor, numeric("a", "b", "c"), { features: ["a", "b"] }).problem).toBe(
      "model input 'features' takes 3 features but 2 are listed (a, b)",
    );
  });

  it("refuses features that are missing, text or repeated", () => {
    const columns = [...numeric("a", "b"), ...text("note")];
    expect(refusal(regressor, columns, { features: ["a", "b", "z"] }).problem).toBe(
      "feature 'z' has no column in the data (columns: a, b, note)",
    );
    expect(refusal(regressor, columns, { features: ["a", "note", "b"] }).problem).toBe(
      "feature 'note' is a text column but model input 'features' takes numbers",
    );
    expect(refusal(regressor, columns, { features: ["a", "b", "a"] }).problem).toBe("feature 'a' is listed twice");
    expect(refusal(regressor, columns, { features: [] }).problem).toBe(
      "features lists no columns for model input 'features'",
    );
  });

  it("refuses data without numeric columns", () => {
    expect(refusal(regressor, text("x", "y")).problem).toBe(
      "model input 'features' takes numeric features but the data has no numeric columns (columns: x, y)",
    );
  });

  it("refuses features for a model with one input per column", () => {
    const error = refusal(inputsOf(builtinClassifier), numeric("age", "income"), { features: ["age", "income"] });
    expect(error.problem).toBe(
      "features are listed but the model takes age tensor(float32)[N, 1], income tensor(float32)[N, 1], plan tensor(string)[N, 1] rather than a single [N, F] tensor",
    );
  });

  it("treats a lone [N, 1] input as a column, not a one-feature matrix", () => {
    const inputs: ValueSig[] = [{ name: "age", kind: "tensor", elemType: "float32", shape: ["N", 1] }];
    expect(refusal(inputs, numeric("Age")).problem).toBe("model input 'age' has no column in the data (columns: Age)");
    expect(planFeeds(inputs, numeric("Age"), { features: ["Age"] }).layout).toBe("single-tensor");
  });
});

describe("buildFeeds", () => {
  it("builds one tensor per column for the chosen rows", () => {
    const plan = planFeeds(inputsOf(builtinClassifier), [...numeric("age", "income"), ...text("plan")]);
    const columns = columnsOf(
      { age: [20, 30, 40, 50], income: [1.5, Number.NaN, 3, 4] },
      { plan: ["a", "", "c", "d"] },
    );
    const feeds = buildFeeds(plan, columns, runtime.Tensor, { start: 1, end: 3 });
    expect(Object.keys(feeds)).toEqual(["age", "income", "plan"]);
    expect(feeds.age?.type).toBe("float32");
    expect(feeds.age?.dims).toEqual([2, 1]);
    expect(feeds.age?.data).toEqual(Float32Array.of(30, 40));
    expect(feeds.income?.data).toEqual(Float32Array.of(Number.NaN, 3));
    expect(feeds.plan?.data).toEqual(["", "c"]);
  });

  it("converts to integer, boolean and double tensors", () => {
    const plan = planFeeds(inputsOf(numericTypesModel()), numeric("count", "flag", "small", "precise"));
    const columns = columnsOf({ count: [3, -7], flag: [1, 0], small: [2, 9], precise: [0.1, 1e-300] });
    const feeds = buildFeeds(plan, columns, runtime.Tensor);
    expect(feeds.count?.data).toEqual(BigInt64Array.of(3n, -7n));
    expect(feeds.flag?.type).toBe("bool");
    expect(feeds.flag?.dims).toEqual([2]);
    expect(Array.from(feeds.flag?.data as Uint8Array)).toEqual([1, 0]);
    expect(feeds.small?.data).toEqual(Int32Array.of(2, 9));
    expect(feeds.precise?.data).toEqual(Float64Array.of(0.1, 1e-300));
  });

  it("lays a single tensor out row by row in feature order", () => {
    const plan = planFeeds(inputsOf(fixture("regressor.onnx")), numeric("a", "b", "c"), { features: ["c", "a", "b"] });
    const feeds = buildFeeds(plan, columnsOf({ a: [1, 2, 3], b: [10, 20, 30], c: [100, 200, 300] }), runtime.Tensor, {
      start: 1,
      end: 3,
    });
    expect(feeds.features?.dims).toEqual([2, 3]);
    expect(feeds.features?.data).toEqual(Float32Array.of(200, 2, 20, 300, 3, 30));
  });

  it("refuses a missing value for an int64 input, naming the column and the row", () => {
    const plan = planFeeds(inputsOf(numericTypesModel()), numeric("count", "flag", "small", "precise"));
    const columns = columnsOf({ count: [1, 2, Number.NaN], flag: [0, 0, 0], small: [0, 0, 0], precise: [0, 0, 0] });
    expect(() => buildFeeds(plan, columns, runtime.Tensor)).toThrow(
      new InputError(
        "column 'count' has a missing value in data row 3 but model input 'count' takes int64",
        {},
        "fill or drop the missing values before scoring, or export the model with a float input",
      ),
    );
    // rows before the missing one still score
    expect(buildFeeds(plan, columns, runtime.Tensor, { start: 0, end: 2 }).count?.dims).toEqual([2, 1]);
  });

  it("refuses fractions for integers and anything but 0 or 1 for booleans", () => {
    const plan = planFeeds(inputsOf(numericTypesModel()), numeric("count", "flag", "small", "precise"));
    const fraction = columnsOf({ count: [2.5], flag: [0], small: [0], precise: [0] });
    expect(() => buildFeeds(plan, fraction, runtime.Tensor)).toThrow(
      "column 'count' has the value 2.5 in data row 1 but model input 'count' takes int64",
    );
    const two = columnsOf({ count: [1], flag: [2], small: [0], precise: [0] });
    expect(() => buildFeeds(plan, two, runtime.Tensor)).toThrow(
      "column 'flag' has the value 2 in data row 1 but model input 'flag' takes bool — make the column hold 0 or 1",
    );
    const huge = columnsOf({ count: [1], flag: [1], small: [2 ** 31], precise: [0] });
    expect(() => buildFeeds(plan, huge, runtime.Tensor)).toThrow("has the value 2147483648 in data row 1");
  });

  it("refuses a missing value in a single int64 tensor, naming the feature column", () => {
    const inputs: ValueSig[] = [{ name: "X", kind: "tensor", elemType: "int64", shape: ["N", 2] }];
    const plan: FeedPlan = planFeeds(inputs, numeric("a", "b"));
    const columns = columnsOf({ a: [1, 2], b: [3, Number.NaN] });
    expect(() => buildFeeds(plan, columns, runtime.Tensor)).toThrow(
      "column 'b' has a missing value in data row 2 but model input 'X' takes int64",
    );
  });

  it("refuses rows outside the data", () => {
    const plan = planFeeds(inputsOf(fixture("regressor.onnx")), numeric("a", "b", "c"));
    const columns = columnsOf({ a: [1], b: [2], c: [3] });
    expect(() => buildFeeds(plan, columns, runtime.Tensor, { start: 0, end: 2 })).toThrow(RangeError);
  });
});
