/**
 * Registrations and alias moves through a proxy that fails requests — including requests that were
 * applied but whose answer is lost, so the SDK retries a conditional write that already landed.
 */
import { randomUUID } from "node:crypto";
import { afterEach, expect, inject, it } from "vitest";
import { type FaultProxy, startFaultProxy } from "../support/fault-proxy.js";
import { openStore, uniqueContainer } from "../support/stores.js";
import { registerAndMove } from "../support/versions.js";

const LANES = 3;
const PER_LANE = 8;

let proxy: FaultProxy | undefined;
afterEach(async () => proxy?.close());

it("a series of registrations and alias moves through a faulty network completes exactly once each", async () => {
  const direct = inject("azuriteConnectionString");
  proxy = await startFaultProxy(
    direct,
    { "500": 0.05, "503": 0.05, "drop-before": 0.04, "drop-after": 0.04, "500-after": 0.03 },
    424_242,
  );
  const location = `az://${uniqueContainer()}/store`;
  const store = {
    location,
    workspace: process.cwd(),
    env: { AZURE_STORAGE_CONNECTION_STRING: proxy.connectionString },
  };
  // at a 21% fault rate, eight tries make a request's failure a one-in-250,000 event
  const registry = await openStore(store, { retry: { maxTries: 8, retryDelayInMs: 5, maxRetryDelayInMs: 40 } });

  const runIds: string[] = [];
  await Promise.all(
    Array.from({ length: LANES }, async (_, lane) => {
      for (let index = 0; index < PER_LANE; index++) {
        const runId = `lane${lane}-${index}`;
        runIds.push(runId);
        await registerAndMove(registry, "churn", Buffer.from(`model ${runId} ${randomUUID()}`), runId);
      }
    }),
  );

  const total = LANES * PER_LANE;
  const faults = proxy.log.filter(({ fault }) => fault !== "none");
  const faultKinds = new Set(faults.map(({ fault }) => fault));
  console.log(`${proxy.log.length} requests, ${faults.length} failed: ${[...faultKinds].join(", ")}`);
  expect(faultKinds).toEqual(new Set(["500", "503", "drop-before", "drop-after", "500-after"]));
  // writes that landed although the client saw a failure: the read-back path ran
  expect(faults.filter(({ method, fault }) => method === "PUT" && fault.endsWith("-after")).length).toBeGreaterThan(0);

  const checked = await openStore({ ...store, env: { AZURE_STORAGE_CONNECTION_STRING: direct } });
  const report = await checked.verify();
  expect(report.problems).toEqual([]);
  expect(report).toMatchObject({ ok: true, versions: total, aliases: 1 });
  expect((await checked.listVersions("churn")).map(({ version }) => version)).toEqual(
    Array.from({ length: total }, (_, index) => index + 1),
  );
  const candidate = await checked.getAlias("churn", "candidate");
  expect(candidate?.history.map(({ revision }) => revision)).toEqual(
    Array.from({ length: total }, (_, index) => index + 1),
  );
  expect(candidate?.history.map(({ runId }) => runId).sort()).toEqual(runIds.sort());
  const manifests = await Promise.all(
    Array.from({ length: total }, (_, index) => checked.getVersion("churn", index + 1)),
  );
  expect(manifests.map((manifest) => manifest?.runId).sort()).toEqual(runIds.sort());
});
