/**
 * Ridge and ordinary least squares in closed form on the encoded features, as sklearn's Ridge and
 * LinearRegression: the intercept is fitted by centering X and y (so it is never penalized), then
 * (Xc'Xc + α·I)·w = Xc'yc. Ridge solves it by Cholesky. Ordinary least squares takes the
 * minimum-norm solution, as sklearn's lstsq does, because one-hot blocks are collinear with the
 * intercept and Xc'Xc is singular.
 */
import type { FeatureMatrix } from "./feature-matrix.js";
import { choleskySolve, pseudoInverseSolve } from "./linear-algebra.js";

export interface LinearFit {
  /** [width] */
  coefficients: Float64Array;
  intercept: number;
}

export function fitLeastSquares(features: FeatureMatrix, target: Float64Array, alpha: number): LinearFit {
  const rows = features.rows;
  const width = features.width;
  const means = features.columnSums().map((sum) => sum / rows);
  let targetMean = 0;
  for (let i = 0; i < rows; i++) targetMean += target[i] as number;
  targetMean /= rows;

  const gram = features.gram();
  for (let a = 0; a < width; a++) {
    for (let b = 0; b < width; b++)
      gram[a * width + b] = (gram[a * width + b] as number) - rows * (means[a] as number) * (means[b] as number);
    gram[a * width + a] = (gram[a * width + a] as number) + alpha;
  }
  const centered = target.map((value) => value - targetMean);
  const rhs = new Float64Array(width);
  features.transposeProduct(centered, rhs, 0);

  const coefficients = (alpha > 0 && choleskySolve(gram, rhs)) || pseudoInverseSolve(gram, rhs);
  let intercept = targetMean;
  for (let j = 0; j < width; j++) intercept -= (means[j] as number) * (coefficients[j] as number);
  return { coefficients, intercept };
}
