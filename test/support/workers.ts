/** Drives test/store/worker.ts processes: start, wait until ready, send commands, kill -9. */
import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { StoreAddress } from "./stores.js";

const WORKER = fileURLToPath(new URL("../store/worker.ts", import.meta.url));
const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface WorkerResult {
  id: number;
  ok: boolean;
  version?: number;
  created?: boolean;
  revision?: number;
  name?: string;
  message?: string;
}

export type WorkerCommand =
  | { op: "register"; store: StoreAddress; tag: string; delayMs?: number }
  | { op: "move"; store: StoreAddress; alias: string; to: number; expectedRevision: number }
  | { op: "warm"; store: StoreAddress };

export interface Worker {
  ready: Promise<void>;
  /** rejects when the process dies first */
  send(command: WorkerCommand): Promise<WorkerResult>;
  /** SIGKILL: no cleanup, no flush, mid-request */
  kill(): Promise<void>;
  close(): Promise<void>;
}

export function startWorker(): Worker {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", WORKER], {
    cwd: ROOT,
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const pending = new Map<number, { resolve(result: WorkerResult): void; reject(error: Error): void }>();
  let nextId = 1;
  let markReady: () => void = () => undefined;
  let failReady: (error: Error) => void = () => undefined;
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    failReady = reject;
  });
  ready.catch(() => undefined);
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on("line", (line) => {
    if (line === "ready") return markReady();
    const result = JSON.parse(line) as WorkerResult;
    pending.get(result.id)?.resolve(result);
    pending.delete(result.id);
  });
  void exited.then(() => {
    const error = new Error(`worker ${child.pid} exited (${child.signalCode ?? child.exitCode}): ${stderr.trim()}`);
    failReady(error);
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  });
  return {
    ready,
    send(command) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        child.stdin?.write(`${JSON.stringify({ id, ...command })}\n`);
      });
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
        process.kill(child.pid, "SIGKILL");
      }
      await exited;
    },
    async close() {
      child.stdin?.end();
      await exited;
    },
  };
}
