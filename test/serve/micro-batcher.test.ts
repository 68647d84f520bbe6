import { describe, expect, it } from "vitest";
import type { ScoringOutput } from "../../src/core/model/scoring/index.js";
import type { FeedValues } from "../../src/serve/feed-values.js";
import { MicroBatcher } from "../../src/serve/micro-batcher.js";

/** A model of one input `x` [N, 2] whose output `y` [N, 1] is the row's sum: enough to see rows stay with their request. */
function sumModel(calls: number[]) {
  return async (
    rows: number,
    feeds: Map<string, FeedValues>,
    _rowDims?: ReadonlyMap<string, readonly number[]>,
  ): Promise<Record<string, ScoringOutput>> => {
    calls.push(rows);
    const x = feeds.get("x") as Float32Array;
    const y = new Float32Array(rows);
    for (let i = 0; i < rows; i++) y[i] = (x[2 * i] as number) + (x[2 * i + 1] as number);
    return { y: { elemType: "float32", dims: [rows, 1], data: y } };
  };
}

const item = (values: number[], shapeKey = "2") => ({
  rows: values.length / 2,
  feeds: new Map<string, FeedValues>([["x", Float32Array.from(values)]]),
  rowDims: new Map([["x", [2]]]),
  shapeKey,
});

describe("micro-batching", () => {
  it("runs concurrent requests as one batch and gives each request its own rows", async () => {
    const calls: number[] = [];
    const batches: [number, number][] = [];
    const batcher = new MicroBatcher(sumModel(calls), 100, (rows, requests) => batches.push([rows, requests]));
    const answers = await Promise.all([
      batcher.submit(item([1, 2])),
      batcher.submit(item([10, 20, 30, 40])),
      batcher.submit(item([100, 200])),
    ]);
    expect(calls).toEqual([4]);
    expect(batches).toEqual([[4, 3]]);
    expect(answers.map((outputs) => Array.from(outputs.y?.data as Float32Array))).toEqual([[3], [30, 70], [300]]);
    expect(answers.map((outputs) => outputs.y?.dims)).toEqual([
      [1, 1],
      [2, 1],
      [1, 1],
    ]);
  });

  it("keeps batches under the row limit and apart by shape, and takes what queued during a run next", async () => {
    const calls: number[] = [];
    const batcher = new MicroBatcher(sumModel(calls), 3, () => {});
    const answers = await Promise.all([
      batcher.submit(item([1, 1, 2, 2])),
      batcher.submit(item([3, 3, 4, 4])),
      batcher.submit(item([5, 5], "other")),
      batcher.submit(item([6, 6])),
    ]);
    expect(calls).toEqual([3, 2, 1]);
    expect(answers.map((outputs) => Array.from(outputs.y?.data as Float32Array))).toEqual([[2, 4], [6, 8], [10], [12]]);
    await batcher.idle();
  });

  it("fails only the requests of a failing run", async () => {
    let fail = true;
    const model = sumModel([]);
    const batcher = new MicroBatcher(
      async (rows, feeds, dims) => {
        if (fail) {
          fail = false;
          throw new Error("model failed");
        }
        return model(rows, feeds, dims);
      },
      1,
      () => {},
    );
    const [first, second] = await Promise.allSettled([batcher.submit(item([1, 2])), batcher.submit(item([3, 4]))]);
    expect(first.status).toBe("rejected");
    expect(second.status === "fulfilled" && Array.from(second.value.y?.data as Float32Array)).toEqual([7]);
  });
});
