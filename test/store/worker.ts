/**
 * A registering process for the reliability tests: `node --import tsx test/store/worker.ts`.
 * It loads the store code (both backends), prints `ready`, then runs every stdin line as a command,
 * concurrently, and prints one JSON line per result, echoing the command's `id`:
 *   {"id":1,"op":"register","store":{…},"tag":"t1","delayMs":5}   after delayMs, what the register
 *       task does: put the model and a metrics object, register the version, move `candidate` to it
 *   {"id":2,"op":"move","store":{…},"alias":"candidate","to":2,"expectedRevision":5}   a strict move
 *   {"id":3,"op":"warm","store":{…}}   open the registry and list its versions (connections, JIT)
 * The model is always `churn`. Commands name their store, so one process can work on both backends
 * at once (process start-up dominates these tests).
 */
import { randomUUID } from "node:crypto";
import { createInterface } from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";
import "../../src/core/store/blob-connect.js";
import { openRegistry } from "../../src/core/store/open.js";
import type { Registry } from "../../src/core/store/registry.js";
import type { StoreAddress } from "../support/stores.js";
import { newVersion } from "../support/versions.js";

type Command = { id: number; store: StoreAddress } & (
  | { op: "register"; tag: string; delayMs?: number }
  | { op: "move"; alias: string; to: number; expectedRevision: number }
  | { op: "warm" }
);

const MODEL = "churn";
const registries = new Map<string, Promise<Registry>>();

function registryOf(store: StoreAddress): Promise<Registry> {
  const key = JSON.stringify(store);
  const opened =
    registries.get(key) ??
    openRegistry(store.location, {
      workspace: store.workspace,
      env: store.env,
      retry: { maxTries: 5, retryDelayInMs: 10, maxRetryDelayInMs: 200 },
    });
  registries.set(key, opened);
  return opened;
}

async function run(command: Command): Promise<Record<string, unknown>> {
  const registry = await registryOf(command.store);
  if (command.op === "warm") return { versions: (await registry.listVersions(MODEL)).length };
  if (command.op === "register") {
    await sleep(command.delayMs ?? 0);
    const version = await newVersion(registry, Buffer.from(`model ${command.tag} ${randomUUID()}`), command.tag);
    const { manifest, created } = await registry.registerVersion(MODEL, version);
    const alias = await registry.moveAlias(MODEL, "candidate", manifest.version, {
      task: "register",
      runId: command.tag,
    });
    return { version: manifest.version, created, revision: alias.revision };
  }
  const alias = await registry.moveAlias(
    MODEL,
    command.alias,
    command.to,
    { task: "deploy", runId: `move-${process.pid}` },
    { expectedRevision: command.expectedRevision },
  );
  return { revision: alias.revision };
}

const inFlight = new Set<Promise<unknown>>();
process.stdout.write("ready\n");
createInterface({ input: process.stdin })
  .on("line", (line) => {
    const command = JSON.parse(line) as Command;
    const done = run(command)
      .then(
        (value) => ({ id: command.id, ok: true, ...value }),
        (error: Error) => ({ id: command.id, ok: false, name: error.name, message: error.message }),
      )
      .then((result) => process.stdout.write(`${JSON.stringify(result)}\n`));
    inFlight.add(done);
    void done.then(() => inFlight.delete(done));
  })
  // stdin closed: finish what was asked, then exit even if idle keep-alive sockets remain
  .on("close", () => void Promise.all(inFlight).then(() => process.exit(0)));
