/**
 * `mlgate serve` in one process: load the version the alias points at, watch the alias, answer
 * HTTP, log predictions, and on close stop taking requests, answer those in flight, complete the
 * log file and free the session.
 */
import { createServer, Server } from "node:http";
import type { AddressInfo } from "node:net";
import { InputError } from "../core/errors.js";
import type { OrtModule } from "../core/model/runtime/index.js";
import type { Registry } from "../core/store/registry.js";
import { requestHandler, type ServeState } from "./http-server.js";
import { type FamilySnapshot, renderMetrics } from "./metrics.js";
import { ModelSlot } from "./model-slot.js";
import { type LogSink, PredictionLog } from "./prediction-log.js";
import { loadServedModel, type ServedModel } from "./served-model.js";
import { type ServerMetrics, serverMetrics } from "./server-metrics.js";

export interface ServerSettings {
  registry: Registry;
  runtime: OrtModule;
  model: string;
  /** an alias (watched) or a version number (pinned) */
  ref: string;
  host: string;
  port: number;
  pollMs: number;
  threads: number;
  maxBatchRows: number;
  maxBodyBytes: number;
  features?: readonly string[];
  /** the prediction's field in the log; default the training run's label column, else `prediction` */
  target?: string;
  log?: { sink: LogSink; sample: number; rotateBytes: number; rotateMs: number };
  /** operator messages (stderr) */
  say(line: string): void;
  /** the whole server's metrics when workers share the port; this process's alone by default */
  gatherMetrics?: (local: FamilySnapshot[]) => Promise<FamilySnapshot[]>;
}

export interface RunningServer {
  url: string;
  served(): ServedModel;
  metrics: ServerMetrics;
  close(): Promise<void>;
}

/** How long in-flight requests get to finish on close before their connections are cut. */
const CLOSE_GRACE_MS = 10_000;
/** On close, idle connections are closed once nothing has been in flight for this long. */
const QUIET_BEFORE_CLOSE_MS = 250;

export async function startServer(settings: ServerSettings): Promise<RunningServer> {
  const { registry, model, ref, say } = settings;
  const metrics = serverMetrics();
  const pinned = /^\d+$/.test(ref) ? Number(ref) : undefined;
  const target = async () => pinned ?? (await aliasTarget(registry, model, ref));
  const load = (version: number) =>
    loadServedModel({
      registry,
      runtime: settings.runtime,
      model,
      version,
      features: settings.features,
      threads: settings.threads,
      maxBatchRows: settings.maxBatchRows,
      onBatch: (rows, requests) => {
        batchRows.observe(rows);
        batchRequests.observe(requests);
      },
    });
  const batchRows = metrics.batchRows.bind();
  const batchRequests = metrics.batchRequests.bind();
  const first = await load(await target());
  const showVersion = (served: ServedModel) => {
    metrics.version.clear();
    metrics.version.bind({ model, ...(pinned === undefined ? { alias: ref } : {}) }).set(served.version);
  };
  showVersion(first);
  const slot = new ModelSlot(first, load, target, {
    swapped: (from, to) => {
      metrics.reloads.bind().inc();
      showVersion(to);
      say(`${model}@${ref} moved: now serving version ${to.version} (was ${from.version})`);
    },
    loadFailed: (version, message) => {
      metrics.loadFailures.bind().inc();
      say(
        `warning: version ${version} of ${model} failed to load, version ${slot.current.version} goes on serving: ${message}`,
      );
    },
    watchFailed: (message) => say(`warning: cannot read ${model}@${ref}: ${message}`),
  });
  if (pinned === undefined) slot.watch(settings.pollMs);

  const log = settings.log && predictionLog(settings.log, metrics, say);
  const state: ServeState = {
    slot,
    metrics,
    ...(log ? { log } : {}),
    target: settings.target ?? (await trainingTarget(registry, first)) ?? "prediction",
    maxBodyBytes: settings.maxBodyBytes,
    ready: true,
    inFlight: 0,
    renderMetrics: async () => {
      const local = metrics.registry.snapshot();
      return renderMetrics(settings.gatherMetrics ? await settings.gatherMetrics(local) : local);
    },
    onError: (message) => say(`error: ${message}`),
  };
  const server = createServer({ keepAliveTimeout: 65_000 }, requestHandler(state));
  await listen(server, settings.port, settings.host);
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    served: () => slot.current,
    metrics,
    close: async () => {
      state.ready = false;
      await closeServer(server, () => state.inFlight);
      await slot.close();
      await log?.close();
    },
  };
}

async function aliasTarget(registry: Registry, model: string, alias: string): Promise<number> {
  const state = await registry.getAlias(model, alias);
  if (!state) {
    throw new InputError(
      `model '${model}' has no alias '${alias}' in ${registry.location}`,
      {},
      "deploy a version to that alias first, or serve a version number (model@3)",
    );
  }
  return state.version;
}

/** The label column the version's training run recorded. */
async function trainingTarget(registry: Registry, served: ServedModel): Promise<string | undefined> {
  const manifest = await registry.getVersion(served.model, served.version);
  const run = manifest?.trainingRun ? await registry.getRun(manifest.trainingRun) : undefined;
  return run?.training?.target;
}

function predictionLog(
  settings: NonNullable<ServerSettings["log"]>,
  metrics: ServerMetrics,
  say: (line: string) => void,
) {
  const files = metrics.logFiles.bind();
  return new PredictionLog({
    ...settings,
    onFile: () => files.inc(),
    onRows: (written, dropped) => {
      metrics.loggedRowsTotal.inc(written);
      metrics.droppedRowsTotal.inc(dropped);
    },
    onError: (message) => say(`warning: prediction log ${settings.sink.location}: ${message}`),
  });
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE"
          ? new InputError(
              `port ${port} on ${host} is in use`,
              { key: "port" },
              "choose another --port, or 0 for any free one",
            )
          : error,
      ),
    );
    server.listen(port, host, () => resolve());
  });
}

/**
 * Stops accepting connections but keeps the open ones: a client may have sent a request on an idle
 * keep-alive connection just before, and closing it would fail that request. Every answer from now
 * on says `connection: close`; once nothing has been in flight for a moment the idle connections
 * are closed, and after the grace period whatever is left is cut.
 */
function closeServer(server: Server, inFlight: () => number): Promise<void> {
  return new Promise((resolve) => {
    const started = Date.now();
    let quietSince = Date.now();
    const watch = setInterval(() => {
      if (inFlight() > 0) quietSince = Date.now();
      else if (Date.now() - quietSince >= QUIET_BEFORE_CLOSE_MS) server.closeIdleConnections();
      if (Date.now() - started >= CLOSE_GRACE_MS) server.closeAllConnections();
    }, 50);
    // net.Server's close: http.Server's would also close idle keep-alive connections at once
    Object.getPrototypeOf(Server.prototype).close.call(server, () => {
      clearInterval(watch);
      resolve();
    });
  });
}
