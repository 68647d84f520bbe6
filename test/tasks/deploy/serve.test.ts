/**
 * The serve target against a real `mlgate serve`: deploy waits until the server's Open Inference
 * Protocol model metadata lists the new version; a server that does not follow the alias (it serves
 * a fixed version) makes deploy warn and exit 1, with the alias moved.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { call, startServe } from "../../serve/serving.js";
import { openStore } from "../../support/stores.js";
import {
  copyOf,
  deployAsync,
  deployRuns,
  localStore,
  outputsOf,
  REGISTRY,
  registeredWorkspace,
  storeVerdict,
} from "./workspace.js";

let base: string;

beforeAll(async () => {
  base = registeredWorkspace();
  await storeVerdict(await openStore(localStore(base)), "verdict-2", 2);
}, 120_000);

describe("the serve target", () => {
  it("waits until mlgate serve serves the deployed version", async () => {
    const cwd = copyOf(base);
    const server = await startServe(["churn@production", "--registry", REGISTRY, "--poll-interval", "0.2"], cwd);
    expect((await call(`${server.url}/v2/models/churn`)).body.versions).toEqual(["1"]);

    const run = await deployAsync(cwd, { verdict: "verdict-2", target: "serve", "serve-url": `${server.url}/` });
    expect(run.status, run.stderr).toBe(0);
    expect(outputsOf(run)).toEqual({ version: "2", "previous-version": "1", alias: "production", url: server.url });
    expect(run.stderr).toContain(`${server.url} serves churn@2`);
    expect((await call(`${server.url}/v2/models/churn`)).body.versions).toEqual(["2"]);
    await server.stop();
  });

  it("warns and exits 1 when the server does not pick the move up in time; the alias has moved", async () => {
    const cwd = copyOf(base);
    const server = await startServe(["churn@1", "--registry", REGISTRY], cwd);

    const run = await deployAsync(cwd, {
      verdict: "verdict-2",
      target: "serve",
      "serve-url": server.url,
      "serve-timeout": "1",
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      `warning: the alias moved, but ${server.url} has not picked up churn@2 within 1 s (it serves version 1)`,
    );
    expect(outputsOf(run)).toEqual({ version: "2", "previous-version": "1", alias: "production", url: server.url });
    expect((await deployRuns(localStore(cwd))).map((record) => record.status)).toEqual(["failed"]);
    await server.stop();
  });
});
