/** autocannon (a bounded run on loopback) with every response's status, body and headers seen by the test. */
import { createRequire } from "node:module";

export interface LoadResult {
  non2xx: number;
  errors: number;
  timeouts: number;
  requests: { total: number };
}

interface Request {
  method: "POST" | "GET";
  path: string;
  headers: Record<string, string>;
  body?: string;
  onResponse(status: number, body: string, context: object, headers: Record<string, string | string[]>): void;
}

type Autocannon = (
  options: { url: string; connections: number; duration: number; requests: Request[] },
  callback: (error: Error | null, result: LoadResult) => void,
) => { stop(): void };

const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

/** Runs until `until()` holds (checked every 100 ms), at most `seconds`. */
export function load(options: {
  url: string;
  connections: number;
  seconds: number;
  until?: () => boolean;
  path: string;
  body: unknown;
  onResponse(status: number, body: string, headers: Record<string, string | string[]>): void;
}): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.seconds,
        requests: [
          {
            method: "POST",
            path: options.path,
            headers: { "content-type": "application/json" },
            body: JSON.stringify(options.body),
            onResponse: (status, body, _context, headers) => options.onResponse(status, body, headers),
          },
        ],
      },
      (error, result) => {
        clearInterval(watch);
        if (error) reject(error);
        else resolve(result);
      },
    );
    const watch = setInterval(() => {
      if (options.until?.()) instance.stop();
    }, 100);
  });
}
