/**
 * The HTTP side of `mlgate serve`: the Open Inference Protocol v2 REST endpoints, `POST /predict`
 * of JSON records, `/metrics`. Every prediction response names the version that answered (body and
 * `mlgate-model-version` header). Bad requests get a 4xx naming the field; nothing a client sends
 * can stop the server.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { mlgateVersion } from "../version.js";
import { PROTOCOL_DATATYPES, parseInferRequest } from "./infer-request.js";
import { feedsBatch, recordsBatch } from "./log-lines.js";
import type { Series } from "./metrics.js";
import type { ModelSlot } from "./model-slot.js";
import type { PredictionLog } from "./prediction-log.js";
import { predictResponse, readPredictions } from "./predictions.js";
import { recordFeeds, recordsOf } from "./record-feeds.js";
import { badRequest, RequestError } from "./request-error.js";
import type { ServedModel } from "./served-model.js";
import type { ServerMetrics } from "./server-metrics.js";

export interface ServeState {
  slot: ModelSlot;
  metrics: ServerMetrics;
  log?: PredictionLog;
  /** the prediction's field in the log */
  target: string;
  maxBodyBytes: number;
  /** false while shutting down */
  ready: boolean;
  /** requests received and not yet answered */
  inFlight: number;
  /** the whole server's metrics (all workers); this process's alone by default */
  renderMetrics(): Promise<string>;
  onError(message: string): void;
}

type Endpoint = "predict" | "infer" | "metadata" | "health" | "metrics" | "other";

interface Reply {
  status: number;
  body: string;
  contentType?: string;
  version?: number;
}

const JSON_TYPE = "application/json";
const MODEL_PATH = /^\/v2\/models\/([^/]+)(?:\/versions\/([^/]+))?(\/infer|\/ready)?$/;

export function requestHandler(state: ServeState): (request: IncomingMessage, response: ServerResponse) => void {
  const { metrics } = state;
  const inFlight = metrics.inFlight.bind();
  const seriesCache = new Map<string, Series>();
  const durations = new Map<Endpoint, Series>();
  const count = (endpoint: Endpoint, status: number) => {
    const key = `${endpoint} ${status}`;
    let series = seriesCache.get(key);
    if (!series) {
      series = metrics.requests.bind({ endpoint, code: String(status) });
      seriesCache.set(key, series);
    }
    series.inc();
  };
  const duration = (endpoint: Endpoint) => {
    let series = durations.get(endpoint);
    if (!series) {
      series = metrics.duration.bind({ endpoint });
      durations.set(endpoint, series);
    }
    return series;
  };

  return (request, response) => {
    const started = performance.now();
    inFlight.inc();
    state.inFlight++;
    const url = request.url ?? "/";
    const pathname = url.includes("?") ? url.slice(0, url.indexOf("?")) : url;
    const endpoint = endpointOf(request.method, pathname);
    respond(state, request, pathname, endpoint)
      .catch((error: unknown) => failure(state, error))
      .then((reply) => {
        // shutting down: this connection's next request would find the port closed
        if (!state.ready) response.setHeader("connection", "close");
        send(response, reply);
        inFlight.inc(-1);
        state.inFlight--;
        count(endpoint, reply.status);
        duration(endpoint).observe((performance.now() - started) / 1000);
      });
  };
}

function endpointOf(method: string | undefined, pathname: string): Endpoint {
  if (pathname === "/predict") return "predict";
  if (pathname === "/metrics") return "metrics";
  if (pathname.startsWith("/v2/health")) return "health";
  if (method === "POST" && pathname.endsWith("/infer")) return "infer";
  if (pathname.startsWith("/v2")) return "metadata";
  return "other";
}

async function respond(
  state: ServeState,
  request: IncomingMessage,
  pathname: string,
  endpoint: Endpoint,
): Promise<Reply> {
  const method = request.method ?? "GET";
  const served = state.slot.current;
  if (endpoint === "predict") {
    allow(method, "POST", pathname);
    return predict(state, await readBody(request, state.maxBodyBytes));
  }
  if (endpoint === "metrics") {
    allow(method, "GET", pathname);
    return { status: 200, body: await state.renderMetrics(), contentType: "text/plain; version=0.0.4" };
  }
  if (pathname === "/v2/health/live") return json(200, { live: true });
  if (pathname === "/v2/health/ready") return json(state.ready ? 200 : 503, { ready: state.ready });
  if (pathname === "/v2") {
    allow(method, "GET", pathname);
    return json(200, { name: "mlgate", version: mlgateVersion, extensions: [] });
  }
  const match = MODEL_PATH.exec(pathname);
  if (!match) {
    throw new RequestError(
      404,
      `no endpoint ${pathname}; try POST /predict, POST /v2/models/${served.model}/infer, GET /v2/models/${served.model}, /v2/health/ready, /metrics`,
    );
  }
  const [, name, version, action] = match;
  if (decodeURIComponent(name as string) !== served.model) {
    throw new RequestError(
      404,
      `no model '${decodeURIComponent(name as string)}' here; this server serves '${served.model}'`,
    );
  }
  if (action === "/infer") {
    allow(method, "POST", pathname);
    return infer(state, await readBody(request, state.maxBodyBytes), version);
  }
  checkVersion(served, version);
  allow(method, "GET", pathname);
  if (action === "/ready")
    return { ...json(state.ready ? 200 : 503, { name: served.model, ready: state.ready }), version: served.version };
  return { ...json(200, modelMetadata(served)), version: served.version };
}

async function predict(state: ServeState, text: string): Promise<Reply> {
  const records = recordsOf(parseJson(text));
  const served = state.slot.current;
  if (served.layout.kind === "none")
    throw new RequestError(422, `POST /predict cannot feed this model: ${served.layout.problem}`);
  const { rows, feeds } = recordFeeds(records, served.inputs, served.layout);
  const outputs = await served.predict({ rows, feeds, rowDims: served.rowDims, shapeKey: served.shapeKey });
  const predictions = readPredictions(served.prediction, outputs, rows);
  state.metrics.predictedRowsTotal.inc(rows);
  if (state.log?.sampled()) state.log.record(recordsBatch(text, predictions, logContext(state, served)));
  return {
    status: 200,
    body: predictResponse(served.model, served.version, predictions),
    contentType: JSON_TYPE,
    version: served.version,
  };
}

async function infer(state: ServeState, text: string, version: string | undefined): Promise<Reply> {
  const served = state.slot.current;
  checkVersion(served, version);
  const request = parseInferRequest(
    parseJson(text),
    served.inputs,
    served.outputs.map((output) => output.name),
  );
  const outputs = await served.predict(request);
  state.metrics.predictedRowsTotal.inc(request.rows);
  if (state.log?.sampled()) {
    const predictions = readPredictions(served.prediction, outputs, request.rows);
    state.log.record(feedsBatch(served.inputs, served.layout, request.feeds, predictions, logContext(state, served)));
  }
  const names = request.outputs ?? served.outputs.map((output) => output.name);
  const body = {
    model_name: served.model,
    model_version: String(served.version),
    ...(request.id === undefined ? {} : { id: request.id }),
    outputs: names.map((name) => {
      const output = outputs[name];
      if (!output) throw new Error(`the model gave no output '${name}'`);
      const data = output.data;
      return {
        name,
        datatype: PROTOCOL_DATATYPES[output.elemType] ?? output.elemType.toUpperCase(),
        shape: output.dims,
        data:
          data instanceof BigInt64Array || data instanceof BigUint64Array
            ? Array.from(data, Number)
            : Array.from(data as ArrayLike<unknown>),
      };
    }),
  };
  return { ...json(200, body), version: served.version };
}

function modelMetadata(served: ServedModel) {
  return {
    name: served.model,
    versions: [String(served.version)],
    platform: "onnxruntime_onnx",
    inputs: served.inputs.map((input) => ({
      name: input.name,
      datatype: PROTOCOL_DATATYPES[input.elemType],
      shape: [-1, ...input.rowDims.map((dim) => dim ?? -1)],
    })),
    outputs: served.outputs,
    parameters: { digest: served.digest },
  };
}

function checkVersion(served: ServedModel, version: string | undefined): void {
  if (version !== undefined && version !== String(served.version)) {
    throw new RequestError(404, `version ${version} of '${served.model}' is not loaded; version ${served.version} is`);
  }
}

function logContext(state: ServeState, served: ServedModel) {
  return { model: served.model, version: served.version, target: state.target, at: new Date() };
}

function allow(method: string, allowed: string, pathname: string): void {
  if (method !== allowed) throw new RequestError(405, `${pathname} takes ${allowed}, not ${method}`);
}

function readBody(request: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new RequestError(413, `the body is over ${limit} bytes; send fewer records per request`));
        request.removeAllListeners("data");
        request.resume();
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () =>
      resolve(chunks.length === 1 ? (chunks[0] as Buffer).toString("utf8") : Buffer.concat(chunks).toString("utf8")),
    );
    request.on("error", reject);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw badRequest(`the body is not JSON: ${(error as Error).message}`);
  }
}

function json(status: number, value: unknown): Reply {
  return { status, body: JSON.stringify(value), contentType: JSON_TYPE };
}

function failure(state: ServeState, error: unknown): Reply {
  if (error instanceof RequestError) return json(error.status, { error: error.message });
  const message = error instanceof Error ? error.message : String(error);
  state.onError(message);
  return json(500, { error: `the model failed: ${message}` });
}

function send(response: ServerResponse, reply: Reply): void {
  const headers: Record<string, string | number> = {
    "content-type": reply.contentType ?? JSON_TYPE,
    "content-length": Buffer.byteLength(reply.body),
  };
  if (reply.version !== undefined) headers["mlgate-model-version"] = reply.version;
  response.writeHead(reply.status, headers);
  response.end(reply.body);
}
