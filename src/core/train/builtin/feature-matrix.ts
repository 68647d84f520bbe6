/**
 * The encoded design matrix, kept in the form the solvers can stream over: standardized numeric
 * columns as dense Float64Arrays and each categorical column as one category index per row (-1 for a
 * category unseen in training), standing for its one-hot block without materializing it. Feature
 * order: numeric columns, then each categorical column's categories.
 */
export class FeatureMatrix {
  readonly width: number;
  /** First feature index of each categorical column's one-hot block. */
  readonly blockStarts: number[];

  constructor(
    readonly rows: number,
    readonly dense: readonly Float64Array[],
    readonly codes: readonly Int32Array[],
    readonly cardinalities: readonly number[],
  ) {
    let next = dense.length;
    this.blockStarts = cardinalities.map((cardinality) => {
      const start = next;
      next += cardinality;
      return start;
    });
    this.width = next;
  }

  /** out[i] += Σ_j X[i,j]·weights[offset + j] */
  addProduct(weights: Float64Array, offset: number, out: Float64Array): void {
    const blocks = this.codes.map((_, c) => weights.subarray(offset + (this.blockStarts[c] as number)));
    forEachRowBlock(this.rows, (start, end) => {
      this.dense.forEach((column, j) => {
        const weight = weights[offset + j] as number;
        if (weight === 0) return;
        for (let i = start; i < end; i++) out[i] = (out[i] as number) + (column[i] as number) * weight;
      });
      this.codes.forEach((codes, c) => {
        const block = blocks[c] as Float64Array;
        for (let i = start; i < end; i++) {
          const code = codes[i] as number;
          if (code >= 0) out[i] = (out[i] as number) + (block[code] as number);
        }
      });
    });
  }

  /** out[offset + j] = Σ_i X[i,j]·values[i] */
  transposeProduct(values: Float64Array, out: Float64Array, offset: number): void {
    out.fill(0, offset, offset + this.width);
    const blocks = this.codes.map((_, c) => out.subarray(offset + (this.blockStarts[c] as number)));
    forEachRowBlock(this.rows, (start, end) => {
      this.dense.forEach((column, j) => {
        out[offset + j] = (out[offset + j] as number) + dot(column, values, start, end);
      });
      this.codes.forEach((codes, c) => {
        addBlockSums(codes, values, blocks[c] as Float64Array, start, end);
      });
    });
  }

  /** The one-hot part of transposeProduct: per-category sums of values. */
  private blockProduct(values: Float64Array, out: Float64Array, offset: number): void {
    this.codes.forEach((codes, c) => {
      const block = out.subarray(offset + (this.blockStarts[c] as number), offset + this.width);
      block.fill(0, 0, this.cardinalities[c]);
      addBlockSums(codes, values, block, 0, this.rows);
    });
  }

  /** Column sums Σ_i X[i,j]. */
  columnSums(): Float64Array {
    const sums = new Float64Array(this.width);
    this.transposeProduct(new Float64Array(this.rows).fill(1), sums, 0);
    return sums;
  }

  /** X'X, symmetric [width × width] row-major, built from sums over rows without a dense one-hot copy. */
  gram(): Float64Array {
    const width = this.width;
    const rows = this.rows;
    const gram = new Float64Array(width * width);
    const set = (a: number, b: number, value: number) => {
      gram[a * width + b] = value;
      gram[b * width + a] = value;
    };
    this.dense.forEach((left, a) => {
      for (let b = a; b < this.dense.length; b++) set(a, b, dot(left, this.dense[b] as Float64Array, 0, rows));
    });
    const sums = new Float64Array(width);
    this.dense.forEach((column, a) => {
      this.blockProduct(column, sums, 0);
      for (let b = this.dense.length; b < width; b++) set(a, b, sums[b] as number);
    });
    this.codes.forEach((left, c) => {
      const leftStart = this.blockStarts[c] as number;
      for (let d = c; d < this.codes.length; d++) {
        const right = this.codes[d] as Int32Array;
        const rightStart = this.blockStarts[d] as number;
        for (let i = 0; i < rows; i++) {
          const l = left[i] as number;
          const r = right[i] as number;
          // a pair is counted once: set() mirrors it, and within one column only the diagonal is hit
          if (l >= 0 && r >= 0)
            gram[(leftStart + l) * width + rightStart + r] =
              (gram[(leftStart + l) * width + rightStart + r] as number) + 1;
        }
        if (d !== c) {
          for (let a = leftStart; a < leftStart + (this.cardinalities[c] as number); a++) {
            for (let b = rightStart; b < rightStart + (this.cardinalities[d] as number); b++) {
              gram[b * width + a] = gram[a * width + b] as number;
            }
          }
        }
      }
    });
    return gram;
  }
}

/**
 * Rows in blocks small enough that a block of the output (or of the values) stays in the CPU cache
 * while every column passes over it: one pass over memory instead of one per column.
 */
const ROW_BLOCK = 4096;

function forEachRowBlock(rows: number, body: (start: number, end: number) => void): void {
  for (let start = 0; start < rows; start += ROW_BLOCK) body(start, Math.min(rows, start + ROW_BLOCK));
}

function addBlockSums(codes: Int32Array, values: Float64Array, block: Float64Array, start: number, end: number): void {
  for (let i = start; i < end; i++) {
    const code = codes[i] as number;
    if (code >= 0) block[code] = (block[code] as number) + (values[i] as number);
  }
}

function dot(a: Float64Array, b: Float64Array, start: number, end: number): number {
  let sum0 = 0;
  let sum1 = 0;
  let i = start;
  for (; i + 1 < end; i += 2) {
    sum0 += (a[i] as number) * (b[i] as number);
    sum1 += (a[i + 1] as number) * (b[i + 1] as number);
  }
  if (i < end) sum0 += (a[i] as number) * (b[i] as number);
  return sum0 + sum1;
}
