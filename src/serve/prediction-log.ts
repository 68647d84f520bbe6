/**
 * The prediction log: sampled requests' lines, buffered and written about once a second, in files
 * that rotate by size and age. A file becomes visible under its final name (`*.jsonl`) only when
 * it is complete, so monitor-drift never reads half a line: on disk it is written as
 * `*.jsonl.open` and renamed; on Blob Storage it is uploaded whole.
 */
import { type FileHandle, mkdir, open, readdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import type { ContainerClient } from "@azure/storage-blob";
import type { LogBatch } from "./log-lines.js";
import { LogWorker } from "./log-worker.js";

export interface LogSink {
  /** where people find the files */
  readonly location: string;
  open(name: string): Promise<void>;
  append(data: Buffer): Promise<void>;
  /** the file is complete: readers see it from now on */
  close(name: string): Promise<void>;
}

export interface PredictionLogOptions {
  sink: LogSink;
  /** share of requests logged, 0 to 1 */
  sample: number;
  rotateBytes: number;
  rotateMs: number;
  onFile?: (name: string, rows: number) => void;
  onRows?: (written: number, dropped: number) => void;
  onError?: (message: string) => void;
}

const FLUSH_MS = 1000;
const FLUSH_BYTES = 1 << 20;

export class PredictionLog {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private pendingRows = 0;
  private file: { name: string; bytes: number; rows: number; openedAt: number } | undefined;
  private chain: Promise<void> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;
  private sequence = 0;
  private worker: LogWorker | undefined;

  constructor(private readonly options: PredictionLogOptions) {
    this.timer = setInterval(() => this.flush(), FLUSH_MS).unref();
  }

  get location(): string {
    return this.options.sink.location;
  }

  /** Whether to log this request. */
  sampled(): boolean {
    return this.options.sample >= 1 || Math.random() < this.options.sample;
  }

  /** Logs a sampled request's rows; its lines are made on the log worker. */
  record(batch: LogBatch): void {
    this.worker ??= new LogWorker(
      (data, rows) => this.write(data, rows),
      (message) => this.options.onError?.(message),
    );
    if (!this.worker.submit(batch)) this.options.onRows?.(0, batch.rows);
  }

  write(lines: Buffer | string, rows: number): void {
    const data = typeof lines === "string" ? Buffer.from(lines) : lines;
    this.pending.push(data);
    this.pendingBytes += data.length;
    this.pendingRows += rows;
    this.options.onRows?.(rows, 0);
    if (this.pendingBytes >= FLUSH_BYTES) this.flush();
  }

  /** Writes what is pending and completes the current file. */
  async close(): Promise<void> {
    await this.worker?.close();
    clearInterval(this.timer);
    this.flush();
    this.enqueue(() => this.closeFile());
    await this.chain;
  }

  private flush(): void {
    const now = Date.now();
    if (this.pending.length > 0) {
      const data = Buffer.concat(this.pending);
      const rows = this.pendingRows;
      this.pending = [];
      this.pendingBytes = 0;
      this.pendingRows = 0;
      this.enqueue(async () => {
        if (!this.file) await this.openFile(now);
        const file = this.file as NonNullable<typeof this.file>;
        await this.options.sink.append(data);
        file.bytes += data.length;
        file.rows += rows;
      });
    }
    this.enqueue(async () => {
      const file = this.file;
      if (file && (file.bytes >= this.options.rotateBytes || now - file.openedAt >= this.options.rotateMs)) {
        await this.closeFile();
      }
    });
  }

  private enqueue(step: () => Promise<void>): void {
    this.chain = this.chain.then(step).catch((error) => this.options.onError?.(String(error?.message ?? error)));
  }

  private async openFile(now: number): Promise<void> {
    const stamp = new Date(now)
      .toISOString()
      .replace(/[-:]/g, "")
      .replace(/\.\d+Z$/, "Z");
    const name = `predictions-${stamp}-${process.pid}-${++this.sequence}.jsonl`;
    await this.options.sink.open(name);
    this.file = { name, bytes: 0, rows: 0, openedAt: now };
  }

  private async closeFile(): Promise<void> {
    const file = this.file;
    if (!file) return;
    this.file = undefined;
    await this.options.sink.close(file.name);
    this.options.onFile?.(file.name, file.rows);
  }
}

const OPEN_SUFFIX = ".open";

export class FileSink implements LogSink {
  private handle: FileHandle | undefined;

  constructor(readonly location: string) {}

  async open(name: string): Promise<void> {
    await mkdir(this.location, { recursive: true });
    this.handle = await open(path.join(this.location, name + OPEN_SUFFIX), "a");
  }

  async append(data: Buffer): Promise<void> {
    await this.handle?.write(data);
  }

  async close(name: string): Promise<void> {
    await this.handle?.close();
    this.handle = undefined;
    await rename(path.join(this.location, name + OPEN_SUFFIX), path.join(this.location, name));
  }
}

/**
 * Files a server killed mid-write left open: cut after their last complete line and given their
 * final name. Only files of processes that are gone are touched.
 */
export async function finishAbandonedFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const finished: string[] = [];
  for (const name of names) {
    const pid = Number(/^predictions-[^-]+-(\d+)-\d+\.jsonl\.open$/.exec(name)?.[1]);
    if (!pid || processAlive(pid)) continue;
    const file = path.join(dir, name);
    try {
      const text = await readFile(file, "utf8");
      await writeFile(file, text.slice(0, text.lastIndexOf("\n") + 1));
      await rename(file, file.slice(0, -OPEN_SUFFIX.length));
      finished.push(name.slice(0, -OPEN_SUFFIX.length));
    } catch (error) {
      // another worker of the same server finished it first
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
  return finished;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Each file is held in memory and uploaded whole as a block blob when it rotates. */
export class BlobSink implements LogSink {
  private chunks: Buffer[] = [];

  constructor(
    private readonly container: ContainerClient,
    private readonly prefix: string,
    readonly location: string,
  ) {}

  async open(): Promise<void> {
    this.chunks = [];
  }

  async append(data: Buffer): Promise<void> {
    this.chunks.push(data);
  }

  async close(name: string): Promise<void> {
    const body = Buffer.concat(this.chunks);
    this.chunks = [];
    const folder = this.prefix.replace(/\/+$/, "");
    const blob = this.container.getBlockBlobClient(folder ? `${folder}/${name}` : name);
    await blob.uploadData(body, { blobHTTPHeaders: { blobContentType: "application/x-ndjson" } });
  }
}
