/**
 * Gathering the prediction output (core/model/scoring/prediction-output.ts) batch by batch. Every
 * value is checked: a NaN, an infinity or a wrong shape stops the run naming the model, the output
 * and the row.
 */
import type { RecordBatch } from "../../core/data/table.js";
import { InputError } from "../../core/errors.js";
import type { PredictionOutput, ScoringOutput } from "../../core/model/scoring/index.js";

export class OutputCollector {
  private buffer = new Float64Array(0);
  private rows = 0;
  width: number | undefined;

  constructor(
    readonly output: PredictionOutput,
    private readonly model: string,
  ) {}

  add(outputs: Record<string, ScoringOutput>, batch: RecordBatch): void {
    const where = `model ${this.model} output '${this.output.name}'`;
    const output = outputs[this.output.name];
    if (!output) throw new InputError(`${where} is missing from the prediction`, {}, "re-export the model");
    const n = batch.rowCount;
    const [first, second = 1, ...rest] = output.dims;
    const width = output.dims.length === 1 ? 1 : second;
    if (first !== n || rest.some((dim) => dim !== 1) || output.data.length !== n * width) {
      throw new InputError(
        `${where} has shape [${output.dims.join(", ")}] for ${n} rows: expected [${n}] or [${n}, classes]`,
        {},
        "export the model with the batch dimension first and one row of values per input row",
      );
    }
    if (this.width !== undefined && width !== this.width) {
      throw new InputError(`${where} changed width from ${this.width} to ${width}`, {}, "re-export the model");
    }
    this.width = width;
    const data = output.data as Float32Array | Float64Array;
    this.reserve((this.rows + n) * width);
    const offset = this.rows * width;
    for (let i = 0; i < n * width; i++) {
      const value = data[i] as number;
      if (!Number.isFinite(value)) {
        const row = Math.floor(i / width);
        const line = batch.lines?.[row];
        throw new InputError(
          `${where} is ${value} for the row${line === undefined ? ` ${this.rows + row + 1}` : ""} of ${batch.source}`,
          { file: batch.source, ...(line === undefined ? {} : { line }) },
          "check that the model handles the data's missing and extreme values",
        );
      }
      this.buffer[offset + i] = value;
    }
    this.rows += n;
  }

  finish(): Float64Array {
    return this.buffer.subarray(0, this.rows * (this.width ?? 1));
  }

  private reserve(size: number): void {
    if (size <= this.buffer.length) return;
    const grown = new Float64Array(Math.max(size, this.buffer.length * 2));
    grown.set(this.buffer);
    this.buffer = grown;
  }
}
