import { describe, expect, it } from "vitest";
import {
  type BootstrapOptions,
  type BootstrapWeights,
  type Estimate,
  pairedBootstrap,
  percentileOfSorted,
  type Statistic,
  sampleStandardDeviation,
} from "../../../src/core/evaluate/bootstrap/index.js";
import { normalSample, weightedMean } from "./helpers.js";

const options = (overrides: Partial<BootstrapOptions> = {}): BootstrapOptions => ({
  rows: 200,
  replicates: 300,
  seed: 1,
  confidence: 0.95,
  ...overrides,
});

/** A statistic of the weighted mean of `values`, which also records every replicate's value. */
function meanStatistic(values: Float64Array, name = "mean") {
  const seen: number[] = [];
  const statistic: Statistic = (weights) => {
    const mean = weightedMean(values, weights);
    if (weights) seen.push(mean);
    return { [name]: mean };
  };
  return { statistic, seen };
}

describe("pairedBootstrap", () => {
  const champion = normalSample(11, 200);
  const challenger = champion.map((x, i) => x + 0.3 + 0.1 * (normalSample(12, 200)[i] as number));

  it("is reproducible: the same seed gives the same result, another seed other intervals", () => {
    const run = (seed: number) =>
      pairedBootstrap(options({ seed }), meanStatistic(champion).statistic, meanStatistic(challenger).statistic);
    const a = run(1);
    expect(run(1)).toEqual(a);
    const b = run(2);
    const [ma, mb] = [a.metrics.mean, b.metrics.mean];
    expect(mb?.challenger.value).toBe(ma?.challenger.value); // the original rows do not depend on the seed
    expect(mb?.challenger.low).not.toBe(ma?.challenger.low);
    expect(mb?.challenger.high).not.toBe(ma?.challenger.high);
    expect(mb?.delta?.low).not.toBe(ma?.delta?.low);
    expect(mb?.delta?.high).not.toBe(ma?.delta?.high);
  });

  it("evaluates both models on the same resample of n rows per replicate, the original rows first", () => {
    const calls: { model: string; weights: number[] | null }[] = [];
    const spy =
      (model: string): Statistic =>
      (weights) => {
        calls.push({ model, weights: weights ? Array.from(weights) : null });
        return { m: 0 };
      };
    pairedBootstrap(options({ rows: 50, replicates: 40 }), spy("champion"), spy("challenger"));
    expect(calls.slice(0, 2)).toEqual([
      { model: "challenger", weights: null },
      { model: "champion", weights: null },
    ]);
    const replicateCalls = calls.slice(2);
    expect(replicateCalls).toHaveLength(80);
    for (let b = 0; b < 40; b++) {
      const [first, second] = [replicateCalls[2 * b], replicateCalls[2 * b + 1]];
      expect(first?.model).toBe("champion");
      expect(second?.model).toBe("challenger");
      expect(second?.weights).toEqual(first?.weights); // paired: the very same rows
      expect(first?.weights?.reduce((s, w) => s + w, 0)).toBe(50);
    }
    // and the resamples differ from one replicate to the next
    expect(replicateCalls[2]?.weights).not.toEqual(replicateCalls[0]?.weights);
  });

  it("computes each estimate from the replicates: percentiles, standard error and the per-replicate delta", () => {
    const a = meanStatistic(champion);
    const b = meanStatistic(challenger);
    const result = pairedBootstrap(options({ replicates: 101 }), a.statistic, b.statistic);
    const mean = result.metrics.mean;
    expect(a.seen).toHaveLength(101);
    const check = (estimate: Estimate | undefined, values: number[], original: number) => {
      const sorted = Float64Array.from(values).sort();
      expect(estimate).toEqual({
        value: original,
        low: percentileOfSorted(sorted, 2.5),
        high: percentileOfSorted(sorted, 97.5),
        standardError: expect.closeTo(sampleStandardDeviation(values), 15),
        replicates: 101,
        excluded: 0,
      });
    };
    check(mean?.champion, a.seen, weightedMean(champion, null));
    check(mean?.challenger, b.seen, weightedMean(challenger, null));
    check(
      mean?.delta,
      b.seen.map((v, i) => v - (a.seen[i] as number)),
      weightedMean(challenger, null) - weightedMean(champion, null),
    );
    expect(result).toMatchObject({ rows: 200, replicates: 101, seed: 1, confidence: 0.95 });
  });

  it("extends a run with fewer replicates when given more (same seed)", () => {
    const short = meanStatistic(challenger);
    const long = meanStatistic(challenger);
    pairedBootstrap(options({ replicates: 30 }), undefined, short.statistic);
    pairedBootstrap(options({ replicates: 60 }), undefined, long.statistic);
    expect(long.seen.slice(0, 30)).toEqual(short.seen);
  });

  it("without a champion gives the challenger's estimates only", () => {
    const result = pairedBootstrap(options(), undefined, meanStatistic(challenger).statistic);
    expect(Object.keys(result.metrics.mean ?? {})).toEqual(["challenger"]);
    const estimate = result.metrics.mean?.challenger;
    expect(estimate?.low).toBeLessThan(estimate?.value as number);
    expect(estimate?.high).toBeGreaterThan(estimate?.value as number);
  });

  it("covers the true mean about 95% of the time (200 seeded experiments)", () => {
    let covered = 0;
    const experiments = 200;
    for (let experiment = 0; experiment < experiments; experiment++) {
      const values = normalSample(1000 + experiment, 40); // true mean 0
      const result = pairedBootstrap(
        { rows: 40, replicates: 400, seed: 5000 + experiment, confidence: 0.95 },
        undefined,
        meanStatistic(values).statistic,
      );
      const estimate = result.metrics.mean?.challenger;
      if ((estimate?.low as number) <= 0 && 0 <= (estimate?.high as number)) covered++;
    }
    const coverage = covered / experiments;
    expect(coverage).toBeGreaterThanOrEqual(0.88);
    expect(coverage).toBeLessThanOrEqual(0.99);
  });

  it("pairing: the delta of correlated models is far narrower than with independent resamples", () => {
    const rows = 500;
    const base = normalSample(21, rows);
    const noise = normalSample(22, rows);
    const championValues = base;
    const challengerValues = base.map((x, i) => x + 0.05 + 0.05 * (noise[i] as number));

    const paired = pairedBootstrap(
      options({ rows, replicates: 500, seed: 3 }),
      meanStatistic(championValues).statistic,
      meanStatistic(challengerValues).statistic,
    ).metrics.mean?.delta;
    const pairedWidth = (paired?.high as number) - (paired?.low as number);

    // Naive: each model resampled on its own (different seeds), deltas of unrelated replicates.
    const alone = (values: Float64Array, seed: number) => {
      const statistic = meanStatistic(values);
      pairedBootstrap(options({ rows, replicates: 500, seed }), undefined, statistic.statistic);
      return statistic.seen;
    };
    const championAlone = alone(championValues, 3);
    const challengerAlone = alone(challengerValues, 4);
    const naive = Float64Array.from(challengerAlone, (v, i) => v - (championAlone[i] as number)).sort();
    const naiveWidth = percentileOfSorted(naive, 97.5) - percentileOfSorted(naive, 2.5);

    // Per-row delta sd 0.05 against √2 for independent rows: ≈ 28× narrower.
    expect(pairedWidth).toBeGreaterThan(0);
    expect(pairedWidth).toBeLessThan(naiveWidth / 10);
    // and the paired interval resolves the 0.05 improvement that the naive one cannot
    expect(paired?.low).toBeGreaterThan(0);
    expect(percentileOfSorted(naive, 2.5)).toBeLessThan(0);
  });

  it("leaves NaN and infinite replicates out of a metric's interval and counts them", () => {
    let championUndefined = 0;
    let challengerUndefined = 0;
    let eitherUndefined = 0;
    const values = normalSample(31, 20);
    const championStatistic: Statistic = (weights) => {
      // like ROC AUC with one class drawn: undefined (NaN) when row 1 is not drawn
      const undefinedHere = weights !== null && weights[1] === 0;
      if (undefinedHere) championUndefined++;
      return { auc: undefinedHere ? Number.NaN : weightedMean(values, weights), always: Number.NaN };
    };
    const challengerStatistic: Statistic = (weights: BootstrapWeights | null) => {
      // infinite when row 0 is not drawn
      const undefinedHere = weights !== null && weights[0] === 0;
      if (undefinedHere) challengerUndefined++;
      if (weights && (weights[0] === 0 || weights[1] === 0)) eitherUndefined++;
      return {
        auc: undefinedHere ? Number.POSITIVE_INFINITY : weightedMean(values, weights) + 1,
        always: Number.NaN,
      };
    };
    const result = pairedBootstrap(options({ rows: 20, replicates: 400 }), championStatistic, challengerStatistic);
    const auc = result.metrics.auc;

    // P(a given row is not drawn) = (19/20)^20 ≈ 0.36: plenty of replicates excluded, plenty kept,
    // and the two conditions differ, so the delta's count is neither side's
    expect(challengerUndefined).toBeGreaterThan(100);
    expect(eitherUndefined).toBeGreaterThan(Math.max(championUndefined, challengerUndefined));
    expect(auc?.challenger).toMatchObject({ excluded: challengerUndefined, replicates: 400 - challengerUndefined });
    expect(auc?.champion).toMatchObject({ excluded: championUndefined, replicates: 400 - championUndefined });
    expect(auc?.delta).toMatchObject({ excluded: eitherUndefined, replicates: 400 - eitherUndefined });
    for (const estimate of [auc?.challenger, auc?.champion, auc?.delta]) {
      expect(Number.isFinite(estimate?.low)).toBe(true);
      expect(Number.isFinite(estimate?.high)).toBe(true);
      expect(Number.isFinite(estimate?.standardError)).toBe(true);
    }
    expect(auc?.delta?.value).toBeCloseTo(1, 12);
    // on every kept replicate the delta is exactly the +1 offset
    expect(auc?.delta?.low).toBeCloseTo(1, 12);
    expect(auc?.delta?.high).toBeCloseTo(1, 12);

    // a metric undefined on every replicate: no interval, every replicate counted out
    expect(result.metrics.always?.challenger).toMatchObject({ replicates: 0, excluded: 400 });
    expect(result.metrics.always?.challenger.low).toBeNaN();
    expect(result.metrics.always?.challenger.high).toBeNaN();
    expect(result.metrics.always?.delta?.standardError).toBeNaN();
  });

  it("treats a metric missing from a replicate's result as undefined there", () => {
    let replicate = 0;
    const result = pairedBootstrap(
      options({ replicates: 10 }),
      undefined,
      (weights): Record<string, number> => (weights && replicate++ % 2 === 0 ? {} : { m: 1 }),
    );
    expect(result.metrics.m?.challenger).toMatchObject({ value: 1, low: 1, high: 1, replicates: 5, excluded: 5 });
  });

  it("with 0 replicates gives the point estimates and NaN intervals", () => {
    let progress = 0;
    const result = pairedBootstrap(
      options({ replicates: 0, onProgress: () => progress++ }),
      meanStatistic(champion).statistic,
      meanStatistic(challenger).statistic,
    );
    expect(result.metrics.mean?.delta?.value).toBeCloseTo(
      weightedMean(challenger, null) - weightedMean(champion, null),
    );
    expect(result.metrics.mean?.delta).toMatchObject({ replicates: 0, excluded: 0 });
    expect(result.metrics.mean?.delta?.low).toBeNaN();
    expect(progress).toBe(0);
  });

  it("reports progress after each replicate", () => {
    const seen: [number, number][] = [];
    pairedBootstrap(
      options({ replicates: 5, onProgress: (done, total) => seen.push([done, total]) }),
      undefined,
      () => ({
        m: 0,
      }),
    );
    expect(seen).toEqual([
      [1, 5],
      [2, 5],
      [3, 5],
      [4, 5],
      [5, 5],
    ]);
  });

  it("rejects bad options and statistics that report different metrics", () => {
    const s: Statistic = () => ({ m: 0 });
    for (const bad of [
      { rows: 0 },
      { rows: 1.5 },
      { rows: 2 ** 32 },
      { replicates: -1 },
      { replicates: 2.5 },
      { seed: 0.5 },
      { confidence: 0 },
      { confidence: 1 },
      { confidence: Number.NaN },
    ]) {
      expect(() => pairedBootstrap(options(bad), undefined, s), JSON.stringify(bad)).toThrow(RangeError);
    }
    expect(() => pairedBootstrap(options(), () => ({ m: 0, auc: 0.5 }), s)).toThrow(
      "only the challenger: none; only the champion: auc",
    );
  });
});
