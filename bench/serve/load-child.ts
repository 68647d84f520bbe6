/**
 * One autocannon run of `npm run bench -- serve`, in a process of its own so the load generator never shares
 * an event loop with a server or the bench. `node --import tsx bench/serve/load-child.ts '<LoadSettings JSON>'`
 * POSTs the same JSON body over `connections` keep-alive connections for `seconds`, and prints one JSON line
 * (LoadResult). Latencies are every response's own time (autocannon's `response` event, in fractional ms),
 * not autocannon's whole-millisecond histogram; the rate is the responses over the run's wall time. CPU time over
 * the run: its own, the server's process tree's and the whole machine's (what else ran: a shared machine).
 */
import { createRequire } from "node:module";
import { cpuSeconds, machineBusySeconds } from "./server-process.js";

export interface LoadSettings {
  url: string;
  body: string;
  connections: number;
  seconds: number;
  /** the server's process, whose CPU time over the run is read from /proc */
  serverPid: number;
}

export interface LoadResult {
  /** responses of any status */
  responses: number;
  seconds: number;
  /** 2xx responses per second of wall time */
  requestsPerSecond: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  resets: number;
  /** CPU seconds autocannon's own process used, user + system */
  cpuSeconds: number;
  /** CPU seconds the server's process tree used */
  serverCpuSeconds: number;
  /** CPU seconds the whole machine was busy (every process, steal included) */
  machineBusySeconds: number;
}

interface AutocannonResult {
  non2xx: number;
  errors: number;
  timeouts: number;
  resets?: number;
}

interface AutocannonInstance {
  on(event: "response", listener: (client: unknown, status: number, bytes: number, ms: number) => void): void;
  on(event: "done", listener: (result: AutocannonResult) => void): void;
}

type Autocannon = (
  options: {
    url: string;
    connections: number;
    duration: number;
    method: "POST";
    body: string;
    headers: Record<string, string>;
  },
  callback: (error: Error | null, result: AutocannonResult) => void,
) => AutocannonInstance;

const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

async function load(settings: LoadSettings): Promise<LoadResult> {
  let latencies = new Float64Array(1 << 20);
  let count = 0;
  let ok = 0;
  const cpu = process.cpuUsage();
  const serverCpu = cpuSeconds(settings.serverPid);
  const machine = machineBusySeconds();
  const start = performance.now();
  const result = await new Promise<AutocannonResult>((resolve, reject) => {
    const instance = autocannon(
      {
        url: settings.url,
        connections: settings.connections,
        duration: settings.seconds,
        method: "POST",
        body: settings.body,
        headers: { "content-type": "application/json" },
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on("response", (_client, status, _bytes, ms) => {
      if (count === latencies.length) {
        const grown = new Float64Array(latencies.length * 2);
        grown.set(latencies);
        latencies = grown;
      }
      latencies[count++] = ms;
      if (status >= 200 && status < 300) ok++;
    });
  });
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  const serverCpuSeconds = cpuSeconds(settings.serverPid) - serverCpu;
  const busy = machineBusySeconds() - machine;
  const sorted = latencies.subarray(0, count).sort();
  return {
    responses: count,
    seconds,
    requestsPerSecond: ok / seconds,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: count > 0 ? (sorted[count - 1] as number) : Number.NaN,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    resets: result.resets ?? 0,
    cpuSeconds: (used.user + used.system) / 1e6,
    serverCpuSeconds,
    machineBusySeconds: busy,
  };
}

const settings = JSON.parse(process.argv[2] ?? "") as LoadSettings;
console.log(JSON.stringify(await load(settings)));
