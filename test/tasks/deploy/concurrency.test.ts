/**
 * 16 deploy processes at once, each under its own `promote` verdict measured against the same
 * champion revision, to one alias: exactly one wins, the 15 others exit 1 naming the winner's run,
 * and the alias history gains exactly one move. On the file system and on Azurite.
 */
import { describe, expect, it } from "vitest";
import { openStore, storeCases } from "../../support/stores.js";
import { deployAsync, deployRuns, fixtureModel, registerVariant, storeVerdict } from "./workspace.js";

const PROCESSES = 16;

describe("16 concurrent deploys to one alias", () => {
  it.each(storeCases)("one wins per alias revision, the others are told who won ($name)", async (storeCase) => {
    const store = await storeCase.fresh();
    const registry = await openStore(store);
    const model = fixtureModel();
    const champion = await registerVariant(registry, model, "champion");
    await registry.moveAlias("churn", "production", champion, { task: "register", runId: "seed" });
    const verdicts: string[] = [];
    for (let index = 1; index <= PROCESSES; index++) {
      const version = await registerVariant(registry, model, `challenger ${index}`);
      verdicts.push((await storeVerdict(registry, `verdict-${index}`, version)).id);
    }

    const runs = await Promise.all(
      verdicts.map((verdict) => deployAsync(store.workspace, { registry: store.location, verdict }, store.env)),
    );

    const winners = runs.filter((run) => run.status === 0);
    expect(winners, runs.map((run) => run.stderr).join("\n")).toHaveLength(1);
    const alias = await registry.getAlias("churn", "production");
    expect(alias?.revision).toBe(2);
    expect(alias?.history.map((move) => move.revision)).toEqual([1, 2]);
    const won = alias?.history.at(-1);
    expect(won).toMatchObject({ from: champion, to: alias?.version, task: "deploy" });
    expect(winners[0]?.stdout).toContain(`"version":"${alias?.version}"`);

    const losers = runs.filter((run) => run.status !== 0);
    expect(losers.map((run) => run.status)).toEqual(Array(PROCESSES - 1).fill(1));
    for (const loser of losers) {
      expect(loser.stderr).toMatch(
        new RegExp(
          `error: alias 'production' moved from v${champion} \\(revision 1\\) to v${alias?.version} \\(revision 2\\) by run ${won?.runId} .*since verdict verdict-\\d+: re-evaluate against the new champion`,
        ),
      );
    }
    const statuses = (await deployRuns(store)).map((run) => run.status).sort();
    expect(statuses).toEqual([...Array(PROCESSES - 1).fill("rejected"), "succeeded"]);
    expect(await registry.verify()).toMatchObject({ ok: true, problems: [] });
  });
});
