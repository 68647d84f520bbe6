/**
 * `--workers N`: N server processes share the port (node:cluster; the primary hands out
 * connections), each with its own session, batcher, alias watch and log file. The primary only
 * supervises: it restarts a worker that dies, gathers every worker's metrics into one scrape, and
 * on SIGTERM/SIGINT lets each worker finish its requests before it exits.
 */
import cluster, { type Worker } from "node:cluster";
import { type FamilySnapshot, mergeSnapshots } from "./metrics.js";

type Message =
  | { type: "ready"; url: string; version: number }
  | { type: "gather"; id: number }
  | { type: "snapshot"; id: number; families: FamilySnapshot[] }
  | { type: "gathered"; id: number; families: FamilySnapshot[] }
  | { type: "shutdown" };

const GATHER_TIMEOUT_MS = 2000;

export const isServeWorker = (): boolean => cluster.isWorker;

/** The primary: resolves with the first worker's address once all are ready; `stop()` lets every worker finish and exit. */
export async function superviseWorkers(
  count: number,
  say: (line: string) => void,
): Promise<{ url: string; version: number; stop(): Promise<void> }> {
  let stopping = false;
  const snapshots = new Map<
    number,
    { wanted: number; from: FamilySnapshot[][]; requester: Worker; timer: NodeJS.Timeout }
  >();
  const finishGather = (id: number) => {
    const gather = snapshots.get(id);
    if (!gather) return;
    snapshots.delete(id);
    clearTimeout(gather.timer);
    send(gather.requester, { type: "gathered", id, families: mergeSnapshots(gather.from) });
  };
  const listen = (worker: Worker) =>
    worker.on("message", (message: Message) => {
      if (message.type === "gather") {
        const workers = Object.values(cluster.workers ?? {}).filter((each): each is Worker => each !== undefined);
        const timer = setTimeout(() => finishGather(message.id), GATHER_TIMEOUT_MS);
        const key = worker.id * 1_000_000 + message.id;
        snapshots.set(key, { wanted: workers.length, from: [], requester: worker, timer });
        for (const each of workers) send(each, { type: "gather", id: key });
      } else if (message.type === "snapshot") {
        const gather = snapshots.get(message.id);
        if (!gather) return;
        gather.from.push(message.families);
        if (gather.from.length >= gather.wanted) finishGather(message.id);
      }
    });
  const ready = new Promise<{ url: string; version: number }>((resolve, reject) => {
    let started = 0;
    for (let i = 0; i < count; i++) {
      const worker = cluster.fork();
      listen(worker);
      worker.once("message", (message: Message) => {
        if (message.type === "ready" && ++started === count) resolve(message);
      });
      worker.once("exit", (code) => {
        if (started < count) reject(new Error(`a server worker exited with code ${code} before it was ready`));
      });
    }
  });
  const first = await ready;
  cluster.on("exit", (worker, code, signal) => {
    // exit 0: stopped by a signal to the process group, which reaches this process too
    if (stopping || code === 0) return;
    say(`warning: server worker ${worker.process.pid} stopped (${signal ?? `exit ${code}`}); starting another`);
    listen(cluster.fork());
  });
  return {
    ...first,
    stop: async () => {
      stopping = true;
      const workers = Object.values(cluster.workers ?? {}).filter(
        (each): each is Worker => each !== undefined && !each.isDead(),
      );
      await Promise.all(
        workers.map(
          (worker) =>
            new Promise<void>((resolve) => {
              worker.once("exit", () => resolve());
              send(worker, { type: "shutdown" });
            }),
        ),
      );
    },
  };
}

/** A worker's link to the primary: metrics gathered across workers, readiness, and the order to stop. */
export interface WorkerLink {
  gatherMetrics(local: FamilySnapshot[]): Promise<FamilySnapshot[]>;
  ready(url: string, version: number, snapshot: () => FamilySnapshot[]): void;
  /** resolves when the primary says to stop */
  shutdown: Promise<void>;
}

export function joinWorkers(): WorkerLink {
  let next = 0;
  let snapshot: () => FamilySnapshot[] = () => [];
  let stop: () => void = () => {};
  const shutdown = new Promise<void>((resolve) => {
    stop = resolve;
  });
  const waiting = new Map<number, (families: FamilySnapshot[]) => void>();
  process.on("message", (message: Message) => {
    if (message.type === "gather") toPrimary({ type: "snapshot", id: message.id, families: snapshot() });
    else if (message.type === "gathered") {
      const key = message.id % 1_000_000;
      waiting.get(key)?.(message.families);
      waiting.delete(key);
    } else if (message.type === "shutdown") stop();
  });
  return {
    shutdown,
    ready: (url, version, localSnapshot) => {
      snapshot = localSnapshot;
      toPrimary({ type: "ready", url, version });
    },
    gatherMetrics: (local) =>
      new Promise((resolve) => {
        const id = ++next;
        const timer = setTimeout(() => {
          waiting.delete(id);
          resolve(local);
        }, GATHER_TIMEOUT_MS * 2);
        waiting.set(id, (families) => {
          clearTimeout(timer);
          resolve(families);
        });
        toPrimary({ type: "gather", id });
      }),
  };
}

function send(worker: Worker, message: Message): void {
  worker.send(message);
}

function toPrimary(message: Message): void {
  process.send?.(message);
}
