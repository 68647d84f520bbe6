/**
 * kill -9 at random instants during registrations (objects, manifest, alias move): afterwards verify
 * passes — the old state or the new, never a version with missing objects — and the next
 * registration works. Process start-up is most of the cost, so each killed process was registering
 * into four stores at once (two per backend), each started so that the kill lands at a random point
 * of its registration: one kill, four trials.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { expect, it } from "vitest";
import { seededRandom } from "../../src/core/seeded-random.js";
import type { Registry } from "../../src/core/store/registry.js";
import { type FreshStore, openStore, type StoreCase, storeCases } from "../support/stores.js";
import { registerAndMove } from "../support/versions.js";
import { startWorker, type Worker } from "../support/workers.js";

const STORES_PER_BACKEND = 2;
/** fresh stores every round keep each verify small */
const ROUNDS = 3;
const KILLS_PER_ROUND = 5;
const TRIALS_PER_BACKEND = ROUNDS * KILLS_PER_ROUND * STORES_PER_BACKEND;

interface Lane {
  backend: StoreCase["name"];
  store: FreshStore;
  registry: Registry;
}

it(`kill -9 during register leaves verifiable stores that still accept registrations (${TRIALS_PER_BACKEND} trials per backend)`, async () => {
  const random = seededRandom(20_260_101);
  // the next worker starts while the current trial runs
  let next: Worker = startWorker();
  const calibration = next;
  next = startWorker();
  const windows = await calibrate(calibration, await freshLanes());
  /** backend → how far each killed registration got: nothing, objects, version, alias */
  const reached = new Map<string, Record<string, number>>(storeCases.map(({ name }) => [name, {}]));

  for (let round = 1; round <= ROUNDS; round++) {
    const lanes = await freshLanes();
    for (let kill = 1; kill <= KILLS_PER_ROUND; kill++) {
      const worker = next;
      next = startWorker();
      await worker.ready;
      await Promise.all(lanes.map((lane) => worker.send({ op: "warm", store: lane.store })));
      const before = await Promise.all(lanes.map((lane) => lane.registry.verify()));
      const tag = `kill-${round}-${kill}`;
      // each lane will have run for a uniformly random part of its window when the kill comes
      const runFor = lanes.map((lane) => random() * (windows.get(lane.backend) ?? 0));
      const killAt = Math.max(...runFor);
      const outcomes = lanes.map((lane, index) => {
        const delayMs = killAt - (runFor[index] ?? 0);
        return worker.send({ op: "register", store: lane.store, tag, delayMs }).then(
          () => "finished",
          () => "killed",
        );
      });
      await sleep(killAt);
      await worker.kill();
      const results = await Promise.all(outcomes);

      for (const [index, lane] of lanes.entries()) {
        const report = await lane.registry.verify();
        expect(report.problems, `${lane.backend}, round ${round}, kill ${kill}`).toEqual([]);
        expect(report.ok).toBe(true);
        const moved = (await lane.registry.getAlias("churn", "candidate"))?.history.some(({ runId }) => runId === tag);
        const phase =
          results[index] === "finished"
            ? "finished"
            : moved
              ? "alias"
              : report.versions > (before[index]?.versions ?? 0)
                ? "version"
                : report.objects > (before[index]?.objects ?? 0)
                  ? "objects"
                  : "nothing";
        const counts = reached.get(lane.backend) ?? {};
        counts[phase] = (counts[phase] ?? 0) + 1;
        const after = await registerAndMove(lane.registry, "churn", Buffer.from(`after kill ${round}-${kill}`));
        expect(after.manifest.version).toBe((await lane.registry.listVersions("churn")).length);
        expect(after.alias.version).toBe(after.manifest.version);
      }
    }
    for (const lane of lanes) {
      const final = await lane.registry.verify();
      console.log(
        `${lane.backend}, round ${round}: ${final.versions} versions, ${final.unreferencedObjects} unreferenced objects, ${final.leftovers} leftovers`,
      );
      expect(final.ok).toBe(true);
      const candidate = await lane.registry.getAlias("churn", "candidate");
      expect(candidate?.history.map(({ revision }) => revision)).toEqual(
        Array.from({ length: candidate?.revision ?? 0 }, (_, index) => index + 1),
      );
    }
  }
  await next.kill();
  console.log(
    `how far the killed registrations got: ${JSON.stringify(Object.fromEntries(reached))}; windows ${JSON.stringify(Object.fromEntries(windows))} ms`,
  );
  for (const { name } of storeCases) {
    const counts = reached.get(name) ?? {};
    expect(TRIALS_PER_BACKEND - (counts.finished ?? 0), name).toBeGreaterThanOrEqual(TRIALS_PER_BACKEND / 2);
    // some kills came after objects were stored: not every trial died at the start
    expect((counts.objects ?? 0) + (counts.version ?? 0) + (counts.alias ?? 0), name).toBeGreaterThanOrEqual(3);
  }
});

async function freshLanes(): Promise<Lane[]> {
  const lanes: Lane[] = [];
  for (const storeCase of storeCases) {
    for (let copy = 0; copy < STORES_PER_BACKEND; copy++) {
      const store = await storeCase.fresh();
      lanes.push({ backend: storeCase.name, store, registry: await openStore(store) });
    }
  }
  return lanes;
}

/**
 * How long a registration takes per backend when a fresh, warmed-up worker runs one on every lane at
 * once, as in the trials: kills land inside that window.
 */
async function calibrate(worker: Worker, lanes: Lane[]): Promise<Map<string, number>> {
  await worker.ready;
  await Promise.all(lanes.map((lane) => worker.send({ op: "warm", store: lane.store })));
  const windows = new Map<string, number>();
  const started = performance.now();
  await Promise.all(
    lanes.map(async (lane) => {
      expect(await worker.send({ op: "register", store: lane.store, tag: "calibration" })).toMatchObject({ ok: true });
      const elapsed = Math.round(performance.now() - started);
      windows.set(lane.backend, Math.max(windows.get(lane.backend) ?? 0, elapsed));
    }),
  );
  await worker.close();
  return windows;
}
