import { describe, expect, it } from "vitest";
import { chi2Sf, kstwoSf, smirnovSf } from "../../src/core/stats/index.js";
import { expectClose, loadFixture } from "./fixtures.js";

interface Distributions {
  kstwo: { d: number; n: number; sf: number }[];
  smirnov: { n: number; x: number; sf: number }[];
  chi2Sf: { x: number; dof: number; sf: number }[];
}

const fixture = loadFixture<Distributions>("distributions.json");

describe("smirnovSf (scipy.special.smirnov)", () => {
  it.each(fixture.smirnov.map((c) => [c.n, c.x, c.sf] as const))("n=%d x=%s", (n, x, sf) => {
    expectClose(smirnovSf(n, x), sf, 1e-12, `smirnov(${n}, ${x})`);
  });
});

describe("kstwoSf (scipy.stats.kstwo.sf)", () => {
  it.each(fixture.kstwo.map((c) => [c.n, c.d, c.sf] as const))("n=%d d=%s", (n, d, sf) => {
    // Durbin-matrix cases differ from scipy's BLAS matrix products in summation order only (~1e-13).
    expectClose(kstwoSf(d, n), sf, 1e-11, `kstwo.sf(${d}, ${n})`);
  });

  it("is 1 below 1/(2n), 0 from 1 up, and NaN for a non-integer n", () => {
    expect(kstwoSf(0.001, 100)).toBe(1);
    expect(kstwoSf(1, 100)).toBe(0);
    expect(kstwoSf(0.2, 10.5)).toBeNaN();
  });
});

describe("chi2Sf (scipy.stats.chi2.sf)", () => {
  it.each(fixture.chi2Sf.map((c) => [c.x, c.dof, c.sf] as const))("x=%s dof=%s", (x, dof, sf) => {
    expectClose(chi2Sf(x, dof), sf, 1e-12, `chi2.sf(${x}, ${dof})`);
  });

  it("covers deep tails down to the subnormal range", () => {
    const tiny = fixture.chi2Sf.filter((c) => c.sf > 0 && c.sf < 1e-200);
    expect(tiny.length).toBeGreaterThan(5);
  });

  it("is NaN for a non-positive dof", () => {
    expect(chi2Sf(3, 0)).toBeNaN();
    expect(chi2Sf(3, -1)).toBeNaN();
  });
});
