/**
 * 16 processes at once against one store: versions unique and dense, every alias move recorded
 * exactly once, and of 16 strict moves from the same revision exactly one wins. The same 16
 * processes serve both backends (starting them is most of the cost).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, storeCases } from "../support/stores.js";
import { startWorker, type Worker } from "../support/workers.js";

const PROCESSES = 16;
const range = (count: number) => Array.from({ length: count }, (_, index) => index + 1);

describe("16 processes at once", () => {
  let workers: Worker[] = [];
  beforeAll(async () => {
    workers = range(PROCESSES).map(() => startWorker());
    await Promise.all(workers.map((worker) => worker.ready));
  });
  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.close()));
  });

  it.each(storeCases)(
    "register and move an alias without losing or duplicating anything on the $name backend",
    async (storeCase) => {
      const store = await storeCase.fresh();
      const registry = await openStore(store);

      const registered = await Promise.all(
        workers.map((worker, index) => worker.send({ op: "register", store, tag: `w${index + 1}` })),
      );
      expect(registered.filter(({ ok }) => !ok)).toEqual([]);
      expect(registered.map(({ version }) => version).sort((a = 0, b = 0) => a - b)).toEqual(range(PROCESSES));
      expect((await registry.listVersions("churn")).map(({ version }) => version)).toEqual(range(PROCESSES));

      const candidate = await registry.getAlias("churn", "candidate");
      expect(candidate?.revision).toBe(PROCESSES);
      const history = candidate?.history ?? [];
      expect(history.map(({ revision }) => revision)).toEqual(range(PROCESSES));
      expect(history.map(({ runId }) => runId).sort()).toEqual(
        range(PROCESSES)
          .map((n) => `w${n}`)
          .sort(),
      );
      expect(history.every((move, index) => move.from === (index === 0 ? null : history[index - 1]?.to))).toBe(true);
      expect(candidate?.version).toBe(history.at(-1)?.to);
      expect(await registry.verify()).toMatchObject({ ok: true, versions: PROCESSES, aliases: 1, problems: [] });

      const revision = candidate?.revision ?? 0;
      const moves = await Promise.all(
        workers.map((worker, index) =>
          worker.send({ op: "move", store, alias: "candidate", to: index + 1, expectedRevision: revision }),
        ),
      );
      expect(moves.filter(({ ok }) => ok)).toHaveLength(1);
      const losers = moves.filter(({ ok }) => !ok);
      expect(losers).toHaveLength(PROCESSES - 1);
      const after = await registry.getAlias("churn", "candidate");
      const winner = after?.history.at(-1);
      expect(after?.revision).toBe(revision + 1);
      for (const loser of losers) {
        expect(loser.name).toBe("ConflictError");
        expect(loser.message).toBe(
          `alias 'candidate' of model 'churn' was moved by someone else: it is at revision ${revision + 1} → version ${after?.version} (run ${winner?.runId}, task deploy, at ${winner?.at}), expected revision ${revision} — re-run to re-evaluate against the current version`,
        );
      }
    },
  );
});
