/**
 * Limited-memory BFGS for smooth convex objectives (the L2-penalized log losses here), with a
 * backtracking Armijo line search: for a strictly convex objective every accepted step has positive
 * curvature, so the stronger Wolfe search is not needed.
 */

/** Writes the gradient at x into `gradient` and returns the objective value. */
export type Objective = (x: Float64Array, gradient: Float64Array) => number;

export interface LbfgsOptions {
  /** Stop when max |gradient| ≤ this. */
  gradientTolerance: number;
  maxIterations: number;
  memory?: number;
}

export interface LbfgsResult {
  x: Float64Array;
  value: number;
  iterations: number;
  converged: boolean;
}

export function minimizeLbfgs(objective: Objective, start: Float64Array, options: LbfgsOptions): LbfgsResult {
  const n = start.length;
  const memory = options.memory ?? 10;
  let x = Float64Array.from(start);
  let gradient = new Float64Array(n);
  let value = objective(x, gradient);
  const steps: Float64Array[] = [];
  const changes: Float64Array[] = [];
  const rhos: number[] = [];
  const direction = new Float64Array(n);
  const alphas = new Float64Array(memory);

  for (let iteration = 0; iteration < options.maxIterations; iteration++) {
    if (maxAbs(gradient) <= options.gradientTolerance) return { x, value, iterations: iteration, converged: true };

    // two-loop recursion: direction = -H·gradient
    direction.set(gradient);
    for (let k = steps.length - 1; k >= 0; k--) {
      const alpha = (rhos[k] as number) * dot(steps[k] as Float64Array, direction);
      alphas[k] = alpha;
      axpy(-alpha, changes[k] as Float64Array, direction);
    }
    const last = steps.length - 1;
    const scale =
      last >= 0
        ? dot(steps[last] as Float64Array, changes[last] as Float64Array) /
          dot(changes[last] as Float64Array, changes[last] as Float64Array)
        : 1 / Math.max(1, Math.sqrt(dot(gradient, gradient)));
    for (let i = 0; i < n; i++) direction[i] = (direction[i] as number) * scale;
    for (let k = 0; k < steps.length; k++) {
      const beta = (rhos[k] as number) * dot(changes[k] as Float64Array, direction);
      axpy((alphas[k] as number) - beta, steps[k] as Float64Array, direction);
    }
    for (let i = 0; i < n; i++) direction[i] = -(direction[i] as number);

    const slope = dot(gradient, direction);
    if (!(slope < 0)) return { x, value, iterations: iteration, converged: false };
    let step = 1;
    const candidate = new Float64Array(n);
    const candidateGradient = new Float64Array(n);
    let candidateValue = Number.POSITIVE_INFINITY;
    for (let trial = 0; trial < 60; trial++) {
      for (let i = 0; i < n; i++) candidate[i] = (x[i] as number) + step * (direction[i] as number);
      candidateValue = objective(candidate, candidateGradient);
      if (candidateValue <= value + 1e-4 * step * slope) break;
      step /= 2;
    }
    // no decrease left at the precision of the objective: x is as good as it gets
    if (!(candidateValue < value)) return { x, value, iterations: iteration, converged: true };

    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = (candidate[i] as number) - (x[i] as number);
      y[i] = (candidateGradient[i] as number) - (gradient[i] as number);
    }
    const curvature = dot(s, y);
    if (curvature > 1e-12 * dot(y, y)) {
      if (steps.length === memory) {
        steps.shift();
        changes.shift();
        rhos.shift();
      }
      steps.push(s);
      changes.push(y);
      rhos.push(1 / curvature);
    }
    x = candidate;
    gradient = candidateGradient;
    value = candidateValue;
  }
  return { x, value, iterations: options.maxIterations, converged: maxAbs(gradient) <= options.gradientTolerance };
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] as number) * (b[i] as number);
  return sum;
}

function axpy(alpha: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < y.length; i++) y[i] = (y[i] as number) + alpha * (x[i] as number);
}

function maxAbs(values: Float64Array): number {
  let largest = 0;
  for (const value of values) largest = Math.max(largest, Math.abs(value));
  return largest;
}
