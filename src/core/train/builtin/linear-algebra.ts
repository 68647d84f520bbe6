/** Dense symmetric solvers for the small [features × features] systems of the normal equations. */

/** Solves A·x = b for symmetric positive definite A (row-major n×n) by Cholesky; null if A is not. */
export function choleskySolve(matrix: Float64Array, rhs: Float64Array): Float64Array | null {
  const n = rhs.length;
  const lower = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = matrix[i * n + j] as number;
      for (let k = 0; k < j; k++) sum -= (lower[i * n + k] as number) * (lower[j * n + k] as number);
      if (i === j) {
        if (!(sum > 0)) return null;
        lower[i * n + i] = Math.sqrt(sum);
      } else {
        lower[i * n + j] = sum / (lower[j * n + j] as number);
      }
    }
  }
  const x = Float64Array.from(rhs);
  for (let i = 0; i < n; i++) {
    let sum = x[i] as number;
    for (let k = 0; k < i; k++) sum -= (lower[i * n + k] as number) * (x[k] as number);
    x[i] = sum / (lower[i * n + i] as number);
  }
  for (let i = n - 1; i >= 0; i--) {
    let sum = x[i] as number;
    for (let k = i + 1; k < n; k++) sum -= (lower[k * n + i] as number) * (x[k] as number);
    x[i] = sum / (lower[i * n + i] as number);
  }
  return x;
}

/**
 * The minimum-norm solution of A·x = b for symmetric positive semi-definite A, through its
 * eigendecomposition (cyclic Jacobi). Eigenvalues below `relativeCutoff`·λmax count as zero: for
 * normal equations that is where one-hot blocks make the columns collinear with the intercept.
 */
export function pseudoInverseSolve(matrix: Float64Array, rhs: Float64Array, relativeCutoff = 1e-10): Float64Array {
  const n = rhs.length;
  const { values, vectors } = symmetricEigen(matrix, n);
  const largest = Math.max(0, ...values);
  const x = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const lambda = values[k] as number;
    if (!(lambda > relativeCutoff * largest)) continue;
    let projection = 0;
    for (let i = 0; i < n; i++) projection += (vectors[i * n + k] as number) * (rhs[i] as number);
    const scale = projection / lambda;
    for (let i = 0; i < n; i++) x[i] = (x[i] as number) + scale * (vectors[i * n + k] as number);
  }
  return x;
}

/** Eigenvalues and eigenvectors (columns of `vectors`, row-major) of a symmetric matrix. */
export function symmetricEigen(matrix: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let total = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const square = (a[i * n + j] as number) ** 2;
        total += square;
        if (i !== j) off += square;
      }
    }
    if (off <= 1e-30 * total) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q] as number;
        if (apq === 0) continue;
        const theta = ((a[q * n + q] as number) - (a[p * n + p] as number)) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p] as number;
          const akq = a[k * n + q] as number;
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k] as number;
          const aqk = a[q * n + k] as number;
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p] as number;
          const vkq = v[k * n + q] as number;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = a[i * n + i] as number;
  return { values, vectors: v };
}
