/** `mlgate serve <model>@<alias|version>`: the model server, until SIGTERM or SIGINT. */
import os from "node:os";
import { ExitCode, InputError } from "../../core/errors.js";
import { PINNED_RUNTIME, resolveOnnxRuntime, runtimeCacheDir } from "../../core/model/runtime/index.js";
import { checkName } from "../../core/store/layout.js";
import { openRegistry } from "../../core/store/open.js";
import { openLogSink } from "../../serve/log-sink.js";
import { startServer } from "../../serve/start-server.js";
import { isServeWorker, joinWorkers, superviseWorkers } from "../../serve/workers.js";
import { parseArgs } from "./args.js";
import { registryLocation, splitReference } from "./registry-commands.js";

interface ServeOption {
  name: string;
  value: string;
  default?: string;
  description: string;
}

const options: readonly ServeOption[] = [
  { name: "registry", value: "location", description: "The registry (default: mlgate.yml's, else .mlgate/registry)." },
  {
    name: "host",
    value: "address",
    default: "127.0.0.1",
    description: "Address to listen on (0.0.0.0 for every interface).",
  },
  { name: "port", value: "number", default: "8080", description: "Port to listen on; 0 picks a free one." },
  { name: "poll-interval", value: "seconds", default: "2", description: "How often the alias is checked for a move." },
  {
    name: "max-batch-rows",
    value: "rows",
    default: "1024",
    description: "Most rows one model run takes when concurrent requests are batched.",
  },
  {
    name: "workers",
    value: "number",
    default: "1",
    description:
      "Server processes sharing the port, each with its own model session (one per core is the most useful).",
  },
  {
    name: "threads",
    value: "number",
    default: "1",
    description: "ONNX Runtime threads per model run, in each worker.",
  },
  {
    name: "features",
    value: "columns",
    description: "For a model with one [N, F] input: its F columns, in order, comma-separated.",
  },
  {
    name: "target",
    value: "name",
    description: "The prediction's field in the log (default: the training run's label column, else `prediction`).",
  },
  {
    name: "log-to",
    value: "location",
    description:
      "Log predictions as JSON Lines to this folder or Blob Storage prefix (monitor-drift reads them as `current`).",
  },
  { name: "log-sample", value: "share", default: "1", description: "Share of requests logged, 0 to 1." },
  { name: "log-rotate-mb", value: "MB", default: "64", description: "Start a new log file past this size." },
  { name: "log-rotate-minutes", value: "minutes", default: "60", description: "Start a new log file after this long." },
  { name: "max-body-mb", value: "MB", default: "16", description: "Largest request body accepted." },
  {
    name: "onnxruntime-path",
    value: "folder",
    description: "An onnxruntime-node package folder to load instead of the installed or cached one.",
  },
];

const usage = "mlgate serve <model>@<alias|version> [--port 8080] [--log-to <folder|az://…>] … (mlgate serve --help)";

export async function runServeCommand(argv: readonly string[]): Promise<number> {
  const { positionals, options: given } = parseArgs(argv, new Set(["help", "debug"]));
  if (given.has("help")) {
    process.stdout.write(renderServeHelp());
    return ExitCode.ok;
  }
  const known = new Set([...options.map((option) => option.name), "debug"]);
  for (const name of given.keys()) {
    if (!known.has(name)) throw new InputError(`unknown option --${name}`, {}, "see mlgate serve --help");
  }
  const [reference, ...extra] = positionals;
  if (!reference || extra.length > 0) throw new InputError("name one model to serve", {}, usage);
  const [name, version] = splitReference(reference);
  const model = checkName(name, "name");
  const ref = /^\d+$/.test(version) ? version : checkName(version, "alias");
  const settings = readSettings(given);
  const say = (line: string) => process.stderr.write(`${line}\n`);
  if (settings.workers > 1 && !isServeWorker()) return superviseServer(settings.workers, `${model}@${ref}`, say);
  const link = isServeWorker() ? joinWorkers() : undefined;

  const workspace = process.cwd();
  const registry = await openRegistry(await registryLocation(given.get("registry")), { workspace, env: process.env });
  // a wrong reference is reported before ONNX Runtime is looked for
  await registry.resolve(model, /^\d+$/.test(ref) ? Number(ref) : ref);
  const runtime = await resolveOnnxRuntime({
    explicitPath: given.get("onnxruntime-path"),
    cacheDir: runtimeCacheDir(process.env),
    pin: PINNED_RUNTIME,
    registryUrl: process.env.npm_config_registry || process.env.NPM_CONFIG_REGISTRY || undefined,
    log: say,
  });
  const { logTo, logSample, rotateBytes, rotateMs, workers: _, ...server } = settings;
  const running = await startServer({
    ...server,
    registry,
    runtime,
    model,
    ref,
    ...(logTo
      ? {
          log: {
            sink: await openLogSink(logTo, { workspace, env: process.env, say }),
            sample: logSample,
            rotateBytes,
            rotateMs,
          },
        }
      : {}),
    ...(link ? { gatherMetrics: link.gatherMetrics } : {}),
    say,
  });
  if (link) {
    link.ready(running.url, running.served().version, () => running.metrics.registry.snapshot());
    // a signal to the whole process group (Ctrl-C, systemd) stops each worker gracefully too
    await Promise.race([link.shutdown, stopSignal(() => {})]);
  } else {
    process.stdout.write(`mlgate serve: ${model}@${ref} (version ${running.served().version}) on ${running.url}\n`);
    await stopSignal(say);
  }
  await running.close();
  if (link) process.disconnect?.();
  else say("mlgate serve: stopped");
  return ExitCode.ok;
}

/** Every option's value, checked before anything is opened. */
function readSettings(given: ReadonlyMap<string, string>) {
  const value = (name: string) => given.get(name) ?? options.find((option) => option.name === name)?.default;
  const number = (name: string, min: number, max: number) => {
    const parsed = Number(value(name));
    if (!Number.isFinite(parsed) || parsed < min || parsed > max) {
      throw new InputError(`--${name} must be a number from ${min} to ${max}`, {}, `write --${name} <${min}–${max}>`);
    }
    return parsed;
  };
  const features = given.get("features");
  const target = given.get("target");
  return {
    host: value("host") as string,
    port: number("port", 0, 65_535),
    workers: number("workers", 1, 64),
    pollMs: number("poll-interval", 0.05, 3600) * 1000,
    threads: number("threads", 1, os.availableParallelism()),
    maxBatchRows: number("max-batch-rows", 1, 1_000_000),
    maxBodyBytes: number("max-body-mb", 0.001, 1024) * 1e6,
    ...(features === undefined ? {} : { features: features.split(",").map((each) => each.trim()) }),
    ...(target === undefined ? {} : { target }),
    logTo: given.get("log-to"),
    logSample: number("log-sample", 0, 1),
    rotateBytes: number("log-rotate-mb", 0.001, 1e6) * 1e6,
    rotateMs: number("log-rotate-minutes", 0.01, 1e6) * 60_000,
  };
}

async function superviseServer(workers: number, reference: string, say: (line: string) => void): Promise<number> {
  const pool = await superviseWorkers(workers, say);
  process.stdout.write(`mlgate serve: ${reference} (version ${pool.version}) on ${pool.url}, ${workers} workers\n`);
  await stopSignal(say);
  await pool.stop();
  say("mlgate serve: stopped");
  return ExitCode.ok;
}

function stopSignal(say: (line: string) => void): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      say(`${signal}: finishing the requests in flight, then stopping`);
      resolve();
    };
    process.once("SIGTERM", () => stop("SIGTERM"));
    process.once("SIGINT", () => stop("SIGINT"));
  });
}

function renderServeHelp(): string {
  const lines = [
    "mlgate serve <model>@<alias|version> — serve a registered model over HTTP; an alias is watched and a move is picked up without dropping requests.",
    "",
    "Endpoints: POST /predict (JSON records), Open Inference Protocol v2 (/v2/health/live, /v2/health/ready,",
    "/v2/models/<model>, POST /v2/models/<model>/infer), GET /metrics (Prometheus).",
    "",
    "Options:",
    ...options.flatMap((option) => [
      `  --${option.name} <${option.value}${option.default === undefined ? "" : `, default: ${option.default}`}>`,
      `      ${option.description}`,
    ]),
  ];
  return `${lines.join("\n")}\n`;
}
