/**
 * Micro-batching: requests that arrive while the model is busy run together in one call. ONNX
 * Runtime's `run` holds the JavaScript thread, so every request parsed during a run waits in the
 * queue and the next run takes them all (up to `maxRows`): no timer, no added latency when idle.
 */
import type { ScoringOutput } from "../core/model/scoring/index.js";
import { concatValues, type FeedValues } from "./feed-values.js";

export interface BatchItem {
  rows: number;
  feeds: Map<string, FeedValues>;
  /** each input's dimensions after the batch dimension */
  rowDims: ReadonlyMap<string, readonly number[]>;
  /** items batch together only when equal: `rowDims` joined */
  shapeKey: string;
}

export type RunFeeds = (
  rows: number,
  feeds: Map<string, FeedValues>,
  rowDims: ReadonlyMap<string, readonly number[]>,
) => Promise<Record<string, ScoringOutput>>;

interface Pending extends BatchItem {
  resolve(outputs: Record<string, ScoringOutput>): void;
  reject(error: unknown): void;
}

export class MicroBatcher {
  private queue: Pending[] = [];
  private running = false;
  private scheduled = false;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly run: RunFeeds,
    private readonly maxRows: number,
    private readonly onBatch: (rows: number, requests: number) => void = () => {},
  ) {}

  /** The outputs for this item's rows alone. */
  submit(item: BatchItem): Promise<Record<string, ScoringOutput>> {
    return new Promise((resolve, reject) => {
      this.queue.push({ ...item, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves once nothing is queued or running. */
  idle(): Promise<void> {
    if (!this.running && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private schedule(): void {
    if (this.running || this.scheduled || this.queue.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    const batch = this.take();
    this.running = true;
    try {
      const rows = batch.reduce((sum, item) => sum + item.rows, 0);
      const feeds = new Map<string, FeedValues>();
      for (const name of (batch[0] as Pending).feeds.keys()) {
        const parts = batch.map((item) => item.feeds.get(name) as FeedValues);
        feeds.set(
          name,
          concatValues(
            parts,
            parts.reduce((sum, part) => sum + part.length, 0),
          ),
        );
      }
      this.onBatch(rows, batch.length);
      const outputs = await this.run(rows, feeds, (batch[0] as Pending).rowDims);
      if (batch.length === 1) (batch[0] as Pending).resolve(outputs);
      else splitOutputs(outputs, batch, rows);
    } catch (error) {
      for (const item of batch) item.reject(error);
    } finally {
      this.running = false;
      if (this.queue.length > 0) this.schedule();
      else for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }

  /** The oldest item, and every later one of the same shape while the rows fit. */
  private take(): Pending[] {
    const first = this.queue[0] as Pending;
    const taken: Pending[] = [];
    const kept: Pending[] = [];
    let rows = 0;
    for (const item of this.queue) {
      if (item.shapeKey === first.shapeKey && (taken.length === 0 || rows + item.rows <= this.maxRows)) {
        taken.push(item);
        rows += item.rows;
      } else kept.push(item);
    }
    this.queue = kept;
    return taken;
  }
}

function splitOutputs(outputs: Record<string, ScoringOutput>, batch: readonly Pending[], rows: number): void {
  const notBatched = Object.entries(outputs).find(([, output]) => output.dims[0] !== rows);
  if (notBatched) {
    const error = new Error(`model output '${notBatched[0]}' is not batch-first (shape [${notBatched[1].dims}])`);
    for (const item of batch) item.reject(error);
    return;
  }
  let offset = 0;
  for (const item of batch) {
    const own: Record<string, ScoringOutput> = {};
    for (const [name, output] of Object.entries(outputs)) {
      const width = rows === 0 ? 0 : output.data.length / rows;
      const start = offset * width;
      const end = (offset + item.rows) * width;
      const data = Array.isArray(output.data)
        ? output.data.slice(start, end)
        : (output.data as Float32Array).subarray(start, end);
      own[name] = {
        elemType: output.elemType,
        dims: [item.rows, ...output.dims.slice(1)],
        data: data as ScoringOutput["data"],
      };
    }
    offset += item.rows;
    item.resolve(own);
  }
}
