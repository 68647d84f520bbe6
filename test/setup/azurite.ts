/**
 * vitest globalSetup: one Azurite blob service for the whole run, in memory, on a free loopback
 * port. Tests get its connection string with `inject("azuriteConnectionString")` and use a container
 * of their own.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, realpath, rm } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { freePort } from "../support/ports.js";

declare module "vitest" {
  export interface ProvidedContext {
    azuriteConnectionString: string;
  }
}

const ACCOUNT = "devstoreaccount1";
// Azurite's well-known development key (public, documented by Microsoft)
const KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

export interface RunningAzurite {
  connectionString: string;
  stop(): Promise<void>;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const azurite = await startAzurite();
  project.provide("azuriteConnectionString", azurite.connectionString);
  return azurite.stop;
}

/** Starts an in-memory Azurite blob service on a free loopback port (also used by the benchmarks). */
export async function startAzurite(): Promise<RunningAzurite> {
  const workdir = await mkdtemp(join(tmpdir(), "mlgate-azurite-"));
  const { child, port } = await spawnAzurite(workdir);
  return {
    connectionString: `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${KEY};BlobEndpoint=http://127.0.0.1:${port}/${ACCOUNT};`,
    async stop() {
      if (child.pid !== undefined && child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        process.kill(child.pid, "SIGTERM");
        await exited;
      }
      await rm(workdir, { recursive: true, force: true });
    },
  };
}

async function spawnAzurite(workdir: string): Promise<{ child: ChildProcess; port: number }> {
  const main = await realpath(fileURLToPath(new URL("../../node_modules/.bin/azurite-blob", import.meta.url)));
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    // run the script with this node directly: the pid is Azurite's own, not a shell's
    const child = spawn(
      process.execPath,
      [
        main,
        "--silent",
        "--disableTelemetry",
        "--skipApiVersionCheck",
        "--inMemoryPersistence",
        "--blobHost",
        "127.0.0.1",
        "--blobPort",
        String(port),
      ],
      // --location cannot be combined with --inMemoryPersistence; the cwd catches anything it writes
      { cwd: workdir, stdio: ["ignore", "ignore", "pipe"] },
    );
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    if (await answers(port, child)) return { child, port };
    if (child.exitCode === null && child.pid !== undefined) process.kill(child.pid, "SIGKILL");
    if (attempt === 3) throw new Error(`Azurite did not start on 127.0.0.1:${port}: ${stderr.trim()}`);
  }
}

/** Polls until Azurite answers any HTTP request, the process exits, or 20 s pass. */
async function answers(port: number, child: ChildProcess): Promise<boolean> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline && child.exitCode === null) {
    const ok = await new Promise<boolean>((resolve) => {
      const probe = request({ host: "127.0.0.1", port, path: `/${ACCOUNT}?comp=list`, timeout: 1_000 }, (response) => {
        response.resume();
        resolve(true);
      });
      probe.on("error", () => resolve(false));
      probe.on("timeout", () => probe.destroy());
      probe.end();
    });
    if (ok) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}
