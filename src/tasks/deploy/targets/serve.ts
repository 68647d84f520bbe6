/**
 * target `serve`: `mlgate serve` follows the alias by polling it; after the move, deploy waits until
 * the server's Open Inference Protocol model metadata (`GET /v2/models/<model>`) lists the version.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { describeError, InputError } from "../../../core/errors.js";
import type { DeployTarget } from "./target.js";

const POLL_MS = 250;
const REQUEST_TIMEOUT_MS = 5_000;

export function parseServeUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InputError(
      `'${text}' is not a URL`,
      { key: "serve-url" },
      "give the server's base URL, e.g. http://models.internal:8080",
    );
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || url.search || url.username || url.password) {
    throw new InputError(
      `'${url.origin}${url.pathname}' is not a plain http(s) base URL`,
      { key: "serve-url" },
      "give the server's base URL without credentials or query, e.g. http://models.internal:8080",
    );
  }
  return text.replace(/\/+$/, "");
}

export function serveTarget(serveUrl: string | undefined, timeoutSeconds: number): DeployTarget {
  return {
    name: "serve",
    async afterMove({ model, manifest, ctx }) {
      if (serveUrl === undefined) {
        ctx.log.info("no serve-url: servers following the alias pick the move up at their next poll");
        return { url: "" };
      }
      const endpoint = `${serveUrl}/v2/models/${encodeURIComponent(model)}`;
      const wanted = String(manifest.version);
      const deadline = performance.now() + timeoutSeconds * 1000;
      let seen = "no answer yet";
      for (;;) {
        const versions = await servedVersions(endpoint).catch((error: unknown) => {
          seen = describeError(error);
          return undefined;
        });
        if (versions?.includes(wanted)) {
          ctx.log.info(`${serveUrl} serves ${model}@${wanted}`);
          return { url: serveUrl };
        }
        if (versions) seen = `it serves version ${versions.join(", ") || "none"}`;
        const left = deadline - performance.now();
        if (left <= 0) {
          return {
            url: serveUrl,
            problem: `the alias moved, but ${serveUrl} has not picked up ${model}@${wanted} within ${timeoutSeconds} s (${seen}) — check that the server follows this registry and alias`,
          };
        }
        await sleep(Math.min(POLL_MS, left));
      }
    },
  };
}

async function servedVersions(endpoint: string): Promise<string[]> {
  const response = await fetch(endpoint, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(`GET ${endpoint} answered ${response.status}`);
  }
  const metadata = (await response.json()) as { versions?: unknown };
  return Array.isArray(metadata.versions) ? metadata.versions.map(String) : [];
}
