/**
 * L2-penalized logistic regression on the encoded features, as sklearn's
 * `LogisticRegression(C, solver="lbfgs")` defines it:
 *
 *   minimize  Σ_i logloss_i(w, b) + ‖w‖² / (2C)      (intercepts b unpenalized)
 *
 * Two classes: one weight vector, P(class 1) = sigmoid(b + x·w). More classes: one weight vector per
 * class (the over-parameterized softmax sklearn uses; the penalty makes it identifiable, and starting
 * from intercepts that sum to zero keeps them summing to zero, as sklearn's do).
 */
import type { FeatureMatrix } from "./feature-matrix.js";
import { type LbfgsResult, minimizeLbfgs } from "./lbfgs.js";

export interface LogisticOptions {
  C: number;
  tolerance: number;
  maxIterations: number;
}

export interface LogisticFit {
  /** Row-major [weight vectors × width]: 1 vector for two classes, one per class otherwise. */
  coefficients: Float64Array;
  intercepts: Float64Array;
  iterations: number;
  converged: boolean;
}

export function fitLogistic(
  features: FeatureMatrix,
  classIndices: Int32Array,
  classCount: number,
  options: LogisticOptions,
): LogisticFit {
  const vectors = classCount === 2 ? 1 : classCount;
  const width = features.width;
  const rows = features.rows;
  const counts = new Float64Array(classCount);
  for (const index of classIndices) counts[index] = (counts[index] as number) + 1;
  const start = new Float64Array(vectors * (width + 1));
  const interceptStart = vectors * width;
  if (vectors === 1) {
    start[interceptStart] = Math.log((counts[1] as number) / (counts[0] as number));
  } else {
    const logPriors = Array.from(counts, (count) => Math.log(count / rows));
    const center = logPriors.reduce((sum, value) => sum + value, 0) / classCount;
    logPriors.forEach((value, k) => {
      start[interceptStart + k] = value - center;
    });
  }
  const objective = vectors === 1 ? binaryObjective : multinomialObjective;
  const result: LbfgsResult = minimizeLbfgs(objective(features, classIndices, classCount, 1 / options.C), start, {
    gradientTolerance: options.tolerance * rows,
    maxIterations: options.maxIterations,
  });
  return {
    coefficients: result.x.slice(0, interceptStart),
    intercepts: result.x.slice(interceptStart),
    iterations: result.iterations,
    converged: result.converged,
  };
}

function binaryObjective(features: FeatureMatrix, classIndices: Int32Array, _classCount: number, penalty: number) {
  const rows = features.rows;
  const width = features.width;
  const logits = new Float64Array(rows);
  return (x: Float64Array, gradient: Float64Array): number => {
    const intercept = x[width] as number;
    logits.fill(intercept);
    features.addProduct(x, 0, logits);
    let loss = 0;
    let interceptGradient = 0;
    for (let i = 0; i < rows; i++) {
      const z = logits[i] as number;
      const positive = classIndices[i] === 1;
      // one exp serves the loss log(1 + e^-m) of the margin m = ±z and the sigmoid, without overflow
      const e = Math.exp(-Math.abs(z));
      const margin = positive ? z : -z;
      loss += Math.log1p(e) + (margin < 0 ? -margin : 0);
      const residual = (z >= 0 ? 1 / (1 + e) : e / (1 + e)) - (positive ? 1 : 0);
      logits[i] = residual;
      interceptGradient += residual;
    }
    features.transposeProduct(logits, gradient, 0);
    let squares = 0;
    for (let j = 0; j < width; j++) {
      const weight = x[j] as number;
      squares += weight * weight;
      gradient[j] = (gradient[j] as number) + penalty * weight;
    }
    gradient[width] = interceptGradient;
    return loss + 0.5 * penalty * squares;
  };
}

function multinomialObjective(features: FeatureMatrix, classIndices: Int32Array, classes: number, penalty: number) {
  const rows = features.rows;
  const width = features.width;
  const logits = Array.from({ length: classes }, () => new Float64Array(rows));
  return (x: Float64Array, gradient: Float64Array): number => {
    const interceptStart = classes * width;
    logits.forEach((column, k) => {
      column.fill(x[interceptStart + k] as number);
      features.addProduct(x, k * width, column);
    });
    let loss = 0;
    for (let i = 0; i < rows; i++) {
      let largest = Number.NEGATIVE_INFINITY;
      for (let k = 0; k < classes; k++) largest = Math.max(largest, (logits[k] as Float64Array)[i] as number);
      let total = 0;
      for (let k = 0; k < classes; k++) total += Math.exp(((logits[k] as Float64Array)[i] as number) - largest);
      const logTotal = largest + Math.log(total);
      const observed = classIndices[i] as number;
      loss += logTotal - ((logits[observed] as Float64Array)[i] as number);
      // each logit column becomes its residual: softmax probability minus the indicator
      for (let k = 0; k < classes; k++) {
        const column = logits[k] as Float64Array;
        column[i] = Math.exp((column[i] as number) - logTotal) - (k === observed ? 1 : 0);
      }
    }
    let squares = 0;
    logits.forEach((residuals, k) => {
      features.transposeProduct(residuals, gradient, k * width);
      let sum = 0;
      for (let i = 0; i < rows; i++) sum += residuals[i] as number;
      gradient[interceptStart + k] = sum;
    });
    for (let j = 0; j < interceptStart; j++) {
      const weight = x[j] as number;
      squares += weight * weight;
      gradient[j] = (gradient[j] as number) + penalty * weight;
    }
    return loss + 0.5 * penalty * squares;
  };
}
