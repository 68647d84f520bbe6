/**
 * The log worker: a thread that turns sampled requests into log lines, so a fully logged server
 * spends a second core on its log rather than its requests. It is started from source text
 * (`formatLogBatch` and `float32Text` are self-contained), which runs the same from any bundle.
 * When it falls too far behind, requests go unlogged and are counted rather than queued without bound.
 */
import { Worker } from "node:worker_threads";
import { formatLogBatch, type LogBatch } from "./log-lines.js";
import { float32Text } from "./number-text.js";

/** Request bytes handed to the worker and not yet written back, beyond which requests go unlogged. */
const MAX_BEHIND_BYTES = 64 << 20;

const WORKER_SOURCE = `
const { parentPort } = require("node:worker_threads");
const formatLogBatch = (${formatLogBatch.toString()});
const float32Text = (${float32Text.toString()});
const encoder = new TextEncoder();
parentPort.on("message", (batch) => {
  const bytes = encoder.encode(formatLogBatch(batch, float32Text));
  parentPort.postMessage({ bytes, rows: batch.rows, weight: batch.weight }, [bytes.buffer]);
});
`;

export class LogWorker {
  private readonly worker: Worker;
  private behindBytes = 0;
  private pending = 0;
  private drained: (() => void)[] = [];

  constructor(onLines: (data: Buffer, rows: number) => void, onError: (message: string) => void) {
    this.worker = new Worker(WORKER_SOURCE, { eval: true });
    this.worker.unref();
    this.worker.on("message", (message: { bytes: Uint8Array; rows: number; weight: number }) => {
      this.behindBytes -= message.weight;
      this.pending--;
      onLines(Buffer.from(message.bytes.buffer, message.bytes.byteOffset, message.bytes.byteLength), message.rows);
      if (this.pending === 0) for (const resolve of this.drained.splice(0)) resolve();
    });
    this.worker.on("error", (error) => {
      onError(`the log worker stopped: ${error.message}`);
      this.pending = 0;
      this.behindBytes = MAX_BEHIND_BYTES;
      for (const resolve of this.drained.splice(0)) resolve();
    });
  }

  /** false when the worker is too far behind: this batch goes unlogged. */
  submit(batch: LogBatch): boolean {
    const weight = (batch.body?.length ?? 0) + batch.rows * 64;
    if (this.behindBytes + weight > MAX_BEHIND_BYTES) return false;
    this.behindBytes += weight;
    this.pending++;
    this.worker.postMessage({ ...batch, weight });
    return true;
  }

  /** Waits for the lines of every submitted batch, then stops the thread. */
  async close(): Promise<void> {
    if (this.pending > 0) await new Promise<void>((resolve) => this.drained.push(resolve));
    await this.worker.terminate();
  }
}
