import { afterEach, describe, expect, it } from "vitest";
import { InputError } from "../../../src/core/errors.js";
import { inspectOnnxModel } from "../../../src/core/model/onnx.js";
import {
  type DataColumn,
  openScoringSession,
  planFeeds,
  type ScoringColumns,
  type ScoringSession,
  smokePredict,
} from "../../../src/core/model/scoring/index.js";
import { type ClassifierPrediction, trainBuiltin } from "../../../src/core/train/builtin/index.js";
import {
  columnsOf,
  expectedProbabilities,
  expectedRegression,
  fixture,
  numericTypesModel,
  runtime,
  totalModel,
} from "./support.js";

const REGRESSOR = fixture("regressor.onnx");
const inputsOf = (bytes: Uint8Array) => inspectOnnxModel(Buffer.from(bytes), "model.onnx").inputs;

const open: ScoringSession[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((session) => session.release()));
});

async function session(bytes: Uint8Array, name: string): Promise<ScoringSession> {
  const opened = await openScoringSession(runtime, bytes, name);
  open.push(opened);
  return opened;
}

function dataColumns(columns: ScoringColumns): DataColumn[] {
  return [
    ...[...columns.numeric.keys()].map((name) => ({ name, kind: "numeric" as const })),
    ...[...columns.text.keys()].map((name) => ({ name, kind: "text" as const })),
  ];
}

async function rejection(promise: Promise<unknown>): Promise<InputError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

const features = { f1: [0.5, -2, 1, 3], f2: [-1.2, 0.4, 1, -0.5], f3: [3.3, 0.2, 1, 0], f4: [0.1, 1.5, 1, 2] };
const featureRows = features.f1.map(
  (_, i) => [features.f1[i], features.f2[i], features.f3[i], features.f4[i]] as number[],
);

describe("openScoringSession", () => {
  it("scores a ZipMap classifier, exposing its probabilities as a tensor", async () => {
    const scoring = await session(fixture("classifier-zipmap-int64.onnx"), "churn");
    expect(scoring.inputNames).toEqual(["float_input"]);
    expect(scoring.outputNames).toEqual(["output_label", "probabilities"]);
    expect(scoring.zipMaps).toEqual([{ output: "output_probability", tensor: "probabilities", labels: [0, 1] }]);

    const columns = columnsOf(features);
    const plan = planFeeds(inputsOf(fixture("classifier-zipmap-int64.onnx")), dataColumns(columns));
    const outputs = await scoring.score(plan, columns);
    const probabilities = outputs.probabilities;
    expect(probabilities?.elemType).toBe("float32");
    expect(probabilities?.dims).toEqual([4, 2]);
    const expected = featureRows.flatMap(expectedProbabilities);
    Array.from(probabilities?.data as Float32Array).forEach((value, i) => {
      expect(Math.abs(value - (expected[i] as number))).toBeLessThan(1e-6);
    });
    const labels = featureRows.map((row) => BigInt(expectedProbabilities(row)[1] > 0.5 ? 1 : 0));
    expect(Array.from(outputs.output_label?.data as BigInt64Array)).toEqual(labels);
  });

  it("scores the regressor through a plan with listed features", async () => {
    const scoring = await session(REGRESSOR, "price");
    const columns = columnsOf({ c: [1, 0, -2], note: [9, 9, 9], a: [2, 4, 0.5], b: [0, 1, 3] });
    const plan = planFeeds(inputsOf(REGRESSOR), dataColumns(columns), { features: ["a", "b", "c"] });
    const outputs = await scoring.score(plan, columns, { start: 1, end: 3 });
    expect(outputs.variable?.dims).toEqual([2, 1]);
    const expected = [expectedRegression([4, 1, 0]), expectedRegression([0.5, 3, -2])];
    Array.from(outputs.variable?.data as Float32Array).forEach((value, i) => {
      expect(Math.abs(value - (expected[i] as number))).toBeLessThan(1e-6);
    });
  });

  it("feeds integer, boolean and double inputs that onnxruntime-node accepts", async () => {
    const bytes = numericTypesModel();
    const scoring = await session(bytes, "types");
    const columns = columnsOf({ count: [3, -7], flag: [1, 0], small: [2, 9], precise: [0.1, 1e-300] });
    const plan = planFeeds(inputsOf(bytes), dataColumns(columns));
    const outputs = await scoring.score(plan, columns);
    expect(outputs.count_float?.data).toEqual(Float32Array.of(3, -7));
    expect(outputs.flag_float?.data).toEqual(Float32Array.of(1, 0));
    expect(outputs.small_float?.dims).toEqual([2]);
    expect(outputs.small_float?.data).toEqual(Float32Array.of(2, 9));
    expect(outputs.precise_out?.data).toEqual(Float64Array.of(0.1, 1e-300));
  });

  it("refuses bytes that are not a model, naming it", async () => {
    const error = await rejection(openScoringSession(runtime, Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9), "broken.onnx"));
    expect(error.problem).toBe(
      "model 'broken.onnx' cannot be loaded by ONNX Runtime: Failed to load model because protobuf parsing failed.",
    );
    expect(error.message).not.toContain("\n");
  });

  it("turns a failed prediction into an InputError naming the model", async () => {
    const scoring = await session(REGRESSOR, "price");
    const wrongWidth = new runtime.Tensor("float32", new Float32Array(4), [2, 2]);
    const error = await rejection(scoring.run({ features: wrongWidth }));
    expect(error.problem).toMatch(/^model 'price' failed to predict: \S/);
  });
});

describe("smokePredict", () => {
  const random = (seed: number) => () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };

  it("predicts the first rows of a builtin per-column classifier and summarises its outputs", async () => {
    const next = random(7);
    const rows = 40;
    const age = Float64Array.from({ length: rows }, () => 20 + 50 * next());
    const plan_ = Array.from({ length: rows }, () => (next() < 0.5 ? "basic" : "pro"));
    const target = Array.from(age, (value, i) => (value > 45 || plan_[i] === "pro" ? "yes" : "no"));
    const { model, onnx } = trainBuiltin(
      { trainer: "logistic" },
      { numeric: { age }, categorical: { plan: plan_ }, target },
    );
    const columns: ScoringColumns = { numeric: new Map([["age", age]]), text: new Map([["plan", plan_]]), rows };

    const scoring = await session(onnx, "builtin");
    const plan = planFeeds(inputsOf(onnx), dataColumns(columns));
    expect(await smokePredict(scoring, plan, columns)).toEqual({
      rows: 5,
      outputs: [
        { name: "label", dims: [5], elemType: "string" },
        { name: "probabilities", dims: [5, 2], elemType: "float32" },
      ],
    });

    const expected = model.predict({ numeric: { age }, categorical: { plan: plan_ } }) as ClassifierPrediction;
    const outputs = await scoring.score(plan, columns);
    expect(outputs.label?.data).toEqual([...expected.labels]);
    const worst = Math.max(
      ...Array.from(outputs.probabilities?.data as Float32Array, (value, i) =>
        Math.abs(value - (expected.probabilities[i] as number)),
      ),
    );
    expect(worst).toBeLessThan(1e-5);
  });

  it("predicts all rows when there are fewer than asked", async () => {
    const scoring = await session(REGRESSOR, "price");
    const columns = columnsOf({ a: [1, 2], b: [3, 4], c: [5, 6] });
    const plan = planFeeds(inputsOf(REGRESSOR), dataColumns(columns));
    const summary = await smokePredict(scoring, plan, columns, 10);
    expect(summary).toEqual({ rows: 2, outputs: [{ name: "variable", dims: [2, 1], elemType: "float32" }] });
  });

  it("refuses a NaN prediction, naming the model, the output and the row", async () => {
    const scoring = await session(REGRESSOR, "price");
    const columns = columnsOf({ a: [1, Number.NaN, 3], b: [0, 0, 0], c: [0, 0, 0] });
    const plan = planFeeds(inputsOf(REGRESSOR), dataColumns(columns));
    const error = await rejection(smokePredict(scoring, plan, columns));
    expect(error.problem).toBe("model 'price' output 'variable' is NaN for data row 2");
  });

  it("refuses an output whose first dimension is not the row count", async () => {
    const bytes = totalModel();
    const scoring = await session(bytes, "total");
    const columns = columnsOf({ x: [1, 2, 3] });
    const plan = planFeeds(inputsOf(bytes), dataColumns(columns));
    const error = await rejection(smokePredict(scoring, plan, columns));
    expect(error.message).toBe(
      "model 'total' output 'total' has shape [] for 3 rows: the first dimension must be the row count — export the model with the batch dimension first in every output",
    );
  });

  it("refuses data without rows", async () => {
    const scoring = await session(REGRESSOR, "price");
    const columns = columnsOf({ a: [], b: [], c: [] });
    const plan = planFeeds(inputsOf(REGRESSOR), dataColumns(columns));
    const error = await rejection(smokePredict(scoring, plan, columns));
    expect(error.problem).toBe("model 'price' cannot be smoke-tested: the data has no rows");
  });
});
