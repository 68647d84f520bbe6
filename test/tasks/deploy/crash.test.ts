/**
 * kill -9 at random instants of deploy processes — during the deploy command (which sleeps so the
 * kill lands mid-deploy) and around the compare-and-swap — on both backends: afterwards
 * `mlgate registry verify` passes, the alias is at the old version or the new one (never anything
 * else), and the next deploy works.
 */
import { spawn } from "node:child_process";
import { expect, it } from "vitest";
import { seededRandom } from "../../../src/core/seeded-random.js";
import type { Registry } from "../../../src/core/store/registry.js";
import { cliBundle, runCli } from "../../cli/run-cli.js";
import { type FreshStore, openStore, storeCases } from "../../support/stores.js";
import { deploy, fixtureModel, registerVariant, storeVerdict } from "./workspace.js";

const KILLS_PER_BACKEND = 6;
const SLEEPING_COMMAND = `node -e "setTimeout(() => {}, 300)"`;

interface Lane {
  store: FreshStore;
  registry: Registry;
  /** how long a deploy with each target takes here, unkilled: the kills land inside it */
  windows: { command: number; registry: number };
  next: number;
}

it(`kill -9 during deploys leaves a verifiable store and the alias old or new (${KILLS_PER_BACKEND} kills per backend)`, async () => {
  const random = seededRandom(20_261_125);
  const model = fixtureModel();
  const landed: Record<string, number> = {};
  for (const storeCase of storeCases) {
    const store = await storeCase.fresh();
    const registry = await openStore(store);
    await registry.moveAlias("churn", "production", await registerVariant(registry, model, "v1"), { task: "register" });
    const lane: Lane = { store, registry, windows: { command: 0, registry: 0 }, next: 1 };
    for (const target of ["command", "registry"] as const) {
      const started = performance.now();
      const run = deploy(store.workspace, await nextDeploy(lane, target), store.env);
      expect(run.status, run.stderr).toBe(0);
      lane.windows[target] = performance.now() - started;
    }

    for (let kill = 1; kill <= KILLS_PER_BACKEND; kill++) {
      const target = kill % 2 === 1 ? "command" : "registry";
      const before = await registry.getAlias("churn", "production");
      const inputs = await nextDeploy(lane, target);
      // mid-command for the command target; around the compare-and-swap, near the end, for the registry target
      const window = lane.windows[target];
      await killedAfter(target === "command" ? random() * window : window * (0.75 + 0.3 * random()), store, inputs);

      const verify = runCli(["registry", "verify", "--registry", store.location], {
        cwd: store.workspace,
        env: store.env,
      });
      expect(verify.status, `${storeCase.name}, kill ${kill}: ${verify.stdout}${verify.stderr}`).toBe(0);
      const after = await registry.getAlias("churn", "production");
      const moved = after?.revision !== before?.revision;
      if (moved) {
        expect(after).toMatchObject({ revision: (before?.revision ?? 0) + 1, version: Number(inputs.version) });
        expect(after?.history.at(-1)).toMatchObject({ verdictId: inputs.verdict, from: before?.version });
      } else {
        expect(after).toEqual(before);
      }
      const outcome = `${storeCase.name} ${moved ? "moved" : "unmoved"}`;
      landed[outcome] = (landed[outcome] ?? 0) + 1;
    }
    const last = deploy(store.workspace, await nextDeploy(lane, "registry"), store.env);
    expect(last.status, last.stderr).toBe(0);
  }
  console.log(`killed deploys: ${JSON.stringify(landed)}`);
});

/** A new version and a promote verdict for it against the alias as it is now. */
async function nextDeploy(lane: Lane, target: "command" | "registry") {
  const index = lane.next++;
  const version = await registerVariant(lane.registry, fixtureModel(), `challenger ${index}`);
  const verdict = (await storeVerdict(lane.registry, `verdict-${index}`, version)).id;
  return {
    version: String(version),
    verdict,
    registry: lane.store.location,
    ...(target === "command" ? { target, command: SLEEPING_COMMAND } : {}),
  };
}

/** Starts the deploy and kills it (SIGKILL: no cleanup, no flush) after `delayMs`, or lets it finish first. */
async function killedAfter(delayMs: number, store: FreshStore, inputs: Record<string, string>): Promise<void> {
  const args = Object.entries({ model: "churn", ...inputs }).flatMap(([name, value]) => [`--${name}`, value]);
  const child = spawn(process.execPath, [cliBundle, "deploy", ...args], {
    cwd: store.workspace,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ORT_DISABLE_TELEMETRY: "1", ...store.env },
    stdio: "ignore",
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const timer = setTimeout(() => child.kill("SIGKILL"), delayMs);
  await exited;
  clearTimeout(timer);
}
