import type { BootstrapWeights } from "../../../src/core/evaluate/bootstrap/index.js";
import { seededRandom } from "../../../src/core/seeded-random.js";

/** n standard normal values (Box–Muller over `seededRandom`), reproducible from the seed. */
export function normalSample(seed: number, n: number): Float64Array {
  const random = seededRandom(seed);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i += 2) {
    const radius = Math.sqrt(-2 * Math.log(1 - random()));
    const angle = 2 * Math.PI * random();
    values[i] = radius * Math.cos(angle);
    if (i + 1 < n) values[i + 1] = radius * Math.sin(angle);
  }
  return values;
}

/** The mean of `values` with rows weighted by their bootstrap counts (`null`: every row once). */
export function weightedMean(values: Float64Array, weights: BootstrapWeights | null): number {
  let sum = 0;
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    const w = weights ? (weights[i] as number) : 1;
    sum += w * (values[i] as number);
    total += w;
  }
  return sum / total;
}
