import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  benjaminiHochberg,
  bonferroni,
  jensenShannonDistance,
  populationStabilityIndex,
  wassersteinDistance,
} from "../../src/core/stats/index.js";
import { expectClose, loadFixture } from "./fixtures.js";

interface Divergences {
  jensenShannon: { p: number[]; q: number[]; base: number; distance: number }[];
  psi: { ref: number[]; cur: number[]; epsilon: number; psi: number }[];
  wasserstein: { u: number[]; v: number[]; uWeights?: number[]; vWeights?: number[]; distance: number }[];
  multipleTesting: { pValues: number[]; bonferroni: number[]; benjaminiHochberg: number[] }[];
}

const fixture = loadFixture<Divergences>("divergences.json");
const label = (values: number[]) => (values.length <= 6 ? JSON.stringify(values) : `${values.length} values`);

// These are ports of numpy expressions with numpy's summation order, so they agree to the last bit or two.
const RTOL = 1e-13;

const counts = fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 40 });
const pairOfCounts = counts.chain((p) =>
  fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: p.length, maxLength: p.length }).map((q) => [p, q] as const),
);
const nonEmpty = ([p, q]: readonly [number[], number[]]) => p.some((x) => x > 0) && q.some((x) => x > 0);

describe("jensenShannonDistance against scipy.spatial.distance.jensenshannon", () => {
  it.each(fixture.jensenShannon.map((c) => [label(c.p), label(c.q), c.base, c] as const))(
    "p=%s q=%s base=%s",
    (_, __, base, c) => {
      expectClose(jensenShannonDistance(c.p, c.q, base), c.distance, RTOL, `${label(c.p)} ${label(c.q)}`);
    },
  );

  it("is symmetric, in [0, 1] for base 2, and 0 for proportional inputs", () => {
    fc.assert(
      fc.property(pairOfCounts.filter(nonEmpty), ([p, q]) => {
        const d = jensenShannonDistance(p, q);
        expect(jensenShannonDistance(q, p)).toBeCloseTo(d, 14);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThanOrEqual(1 + 1e-15);
        expect(
          jensenShannonDistance(
            p,
            p.map((x) => 3 * x),
          ),
        ).toBeLessThan(1e-7);
      }),
    );
  });
});

describe("populationStabilityIndex against the numpy formula", () => {
  it.each(fixture.psi.map((c) => [label(c.ref), label(c.cur), c.epsilon, c] as const))(
    "ref=%s cur=%s epsilon=%s",
    (_, __, epsilon, c) => {
      expectClose(populationStabilityIndex(c.ref, c.cur, epsilon), c.psi, RTOL, `${label(c.ref)} ${label(c.cur)}`);
    },
  );

  it("is non-negative and 0 for identical distributions", () => {
    fc.assert(
      fc.property(pairOfCounts.filter(nonEmpty), ([ref, cur]) => {
        expect(populationStabilityIndex(ref, cur)).toBeGreaterThanOrEqual(0);
        expect(populationStabilityIndex(ref, ref)).toBe(0);
      }),
    );
  });
});

describe("wassersteinDistance against scipy.stats.wasserstein_distance", () => {
  it.each(fixture.wasserstein.map((c) => [label(c.u), label(c.v), c.uWeights !== undefined, c] as const))(
    "u=%s v=%s weighted=%s",
    (_, __, ___, c) => {
      const distance = wassersteinDistance(c.u, c.v, c.uWeights, c.vWeights);
      expectClose(distance, c.distance, 1e-12, `${label(c.u)} ${label(c.v)}`);
    },
  );

  it("is symmetric and 0 between a sample and itself", () => {
    const sample = fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 50 });
    fc.assert(
      fc.property(sample, sample, (u, v) => {
        expect(wassersteinDistance(u, v)).toBeCloseTo(wassersteinDistance(v, u), 9);
        expect(wassersteinDistance(u, [...u].reverse())).toBe(0);
      }),
    );
  });

  it("rejects empty samples and bad weights", () => {
    expect(() => wassersteinDistance([], [1])).toThrow(/empty/);
    expect(() => wassersteinDistance([1, 2], [1], [1])).toThrow(/length/);
    expect(() => wassersteinDistance([1], [1], [-1])).toThrow(/non-negative/);
    expect(() => wassersteinDistance([1], [1], [0])).toThrow(/positive/);
  });
});

describe("multiple-testing corrections against statsmodels' formulas", () => {
  it.each(fixture.multipleTesting.map((c) => [label(c.pValues), c] as const))("%s", (_, c) => {
    expect(bonferroni(c.pValues)).toEqual(c.bonferroni);
    expect(benjaminiHochberg(c.pValues)).toEqual(c.benjaminiHochberg);
  });

  it("keeps BH adjusted p-values monotone in p, at least p, and at most 1", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 60 }), (p) => {
        const adjusted = benjaminiHochberg(p);
        p.forEach((pi, i) => {
          expect(adjusted[i]).toBeGreaterThanOrEqual(pi);
          expect(adjusted[i]).toBeLessThanOrEqual(1);
          p.forEach((pj, j) => {
            if (pi < pj) expect(adjusted[i]).toBeLessThanOrEqual(adjusted[j] as number);
          });
        });
      }),
    );
  });
});
