/** The pieces that make 1000 replicates of a million rows cheap: Poisson cells, regression blocks, radix ranking. */
import { describe, expect, it } from "vitest";
import { cumulativePoisson, PoissonResampler } from "../../src/core/evaluate/bootstrap/index.js";
import { mae, mape, r2, rankOrder, rmse } from "../../src/core/evaluate/metrics/index.js";
import { regressionBlocks } from "../../src/core/evaluate/regression-blocks.js";
import { seededRandom } from "../../src/core/seeded-random.js";

describe("PoissonResampler", () => {
  it("tabulates the Poisson distribution", () => {
    const table = cumulativePoisson(1);
    expect(table[0]).toBeCloseTo(Math.exp(-1), 15);
    expect(table[1]).toBeCloseTo(2 * Math.exp(-1), 15);
    expect(table[table.length - 1]).toBe(1);
  });

  it("draws each cell with mean and variance λ, small and large λ alike", () => {
    const lambdas = Uint32Array.of(1, 7, 300, 5000);
    const resampler = new PoissonResampler(lambdas);
    const random = seededRandom(11);
    const counts = new Uint32Array(lambdas.length);
    const draws = 20_000;
    const sums = new Float64Array(lambdas.length);
    const squares = new Float64Array(lambdas.length);
    for (let d = 0; d < draws; d++) {
      resampler.resample(counts, random);
      counts.forEach((count, k) => {
        sums[k] = (sums[k] as number) + count;
        squares[k] = (squares[k] as number) + count * count;
      });
    }
    lambdas.forEach((lambda, k) => {
      const mean = (sums[k] as number) / draws;
      const variance = (squares[k] as number) / draws - mean * mean;
      expect(Math.abs(mean - lambda), `mean at λ=${lambda}`).toBeLessThan(4 * Math.sqrt(lambda / draws));
      expect(variance / lambda, `variance at λ=${lambda}`).toBeGreaterThan(0.95);
      expect(variance / lambda, `variance at λ=${lambda}`).toBeLessThan(1.05);
    });
  });
});

describe("rankOrder on large inputs", () => {
  it("radix-ranks exactly as the stable comparison sort: descending, ties in row order, −0 with +0", () => {
    const random = seededRandom(5);
    const n = 80_000;
    const scores = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const u = random();
      scores[i] = u < 0.3 ? Math.round(random() * 20) / 20 : u < 0.35 ? -random() * 1e-300 : (random() - 0.4) * 1e6;
    }
    scores[3] = -0;
    scores[4] = 0;
    const expected = Int32Array.from({ length: n }, (_, i) => i).sort(
      (a, b) => (scores[b] as number) - (scores[a] as number) || a - b,
    );
    expect(rankOrder(scores)).toEqual(expected);
  });
});

describe("regressionBlocks", () => {
  it("gives the exact metrics with every block once, heavy tails and zero targets included", () => {
    const random = seededRandom(9);
    const n = 30_001;
    const targets = new Float64Array(n);
    const predictions = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      targets[i] = i % 1000 === 0 ? 0 : 1e4 + (random() - 0.5) * 100;
      predictions[i] = (targets[i] as number) + (random() < 0.01 ? 5000 : random() - 0.5);
    }
    const statistic = regressionBlocks({ problem: "regression", targets, predictions: [predictions] }, 4096).statistic(
      0,
      ["rmse", "mae", "r2", "mape"],
    );
    const values = statistic(null);
    const close = (actual: number | undefined, expected: number) =>
      expect(Math.abs((actual as number) - expected) / Math.abs(expected)).toBeLessThan(1e-9);
    close(values.rmse, rmse(targets, predictions));
    close(values.mae, mae(targets, predictions));
    close(values.r2, r2(targets, predictions));
    close(values.mape, mape(targets, predictions));
  });
});
