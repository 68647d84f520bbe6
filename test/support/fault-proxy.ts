/**
 * An HTTP proxy on loopback in front of Azurite that fails a seeded fraction of requests the ways a
 * real network and service do: 500/503 without touching the store, a connection dropped before the
 * request arrives, and the ambiguous ones — the request is applied upstream, then the client sees a
 * dropped connection or a 500 and retries. It also logs every request, for counting.
 */
import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { seededRandom } from "../../src/core/seeded-random.js";

export type Fault = "none" | "500" | "503" | "drop-before" | "drop-after" | "500-after";

export type FaultRates = Partial<Record<Exclude<Fault, "none">, number>>;

export interface ProxiedRequest {
  method: string;
  path: string;
  fault: Fault;
}

export interface FaultProxy {
  /** the connection string with its blob endpoint moved to the proxy */
  connectionString: string;
  log: ProxiedRequest[];
  close(): Promise<void>;
}

export async function startFaultProxy(connectionString: string, rates: FaultRates, seed: number): Promise<FaultProxy> {
  const endpoint = /BlobEndpoint=http:\/\/127\.0\.0\.1:(\d+)/.exec(connectionString);
  if (!endpoint) throw new Error("the connection string has no loopback BlobEndpoint");
  const target = Number(endpoint[1]);
  const random = seededRandom(seed);
  const log: ProxiedRequest[] = [];

  const server = createServer((incoming, outgoing) => {
    const fault = pick(rates, random());
    log.push({ method: incoming.method ?? "", path: decodeURIComponent(incoming.url ?? ""), fault });
    if (fault === "drop-before") return void incoming.socket.destroy();
    if (fault === "500" || fault === "503") {
      incoming.resume();
      incoming.on("end", () => outgoing.writeHead(Number(fault), { "x-ms-error-code": "ServerBusy" }).end());
      return;
    }
    const upstream = request(
      { host: "127.0.0.1", port: target, method: incoming.method, path: incoming.url, headers: incoming.headers },
      (response) => {
        if (fault === "none") {
          outgoing.writeHead(response.statusCode ?? 502, response.headers);
          response.pipe(outgoing);
          return;
        }
        // applied upstream; the client learns nothing of it
        response.resume();
        response.on("end", () => {
          if (fault === "drop-after") incoming.socket.destroy();
          else outgoing.writeHead(500, { "x-ms-error-code": "InternalError" }).end();
        });
      },
    );
    upstream.on("error", () => incoming.socket.destroy());
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    connectionString: connectionString.replace(endpoint[0], `BlobEndpoint=http://127.0.0.1:${port}`),
    log,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function pick(rates: FaultRates, roll: number): Fault {
  let threshold = 0;
  for (const [fault, rate] of Object.entries(rates) as [Fault, number][]) {
    threshold += rate;
    if (roll < threshold) return fault;
  }
  return "none";
}
