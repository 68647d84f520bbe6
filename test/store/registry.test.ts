/** The registry, identical on both backends. */
import { describe, expect, it } from "vitest";
import { ConflictError, InputError, IntegrityError } from "../../src/core/errors.js";
import { keys } from "../../src/core/store/layout.js";
import { mapLimit } from "../../src/core/store/limit.js";
import type { RunRecord } from "../../src/core/store/types.js";
import { openBackend, openStore, storeCases } from "../support/stores.js";
import { newVersion, registerAndMove } from "../support/versions.js";

const bytes = (text: string) => Buffer.from(text);
const hexOf = (digest: string) => digest.slice("sha256:".length);

describe.each(storeCases)("the registry on the $name backend", (storeCase) => {
  it("registers versions, returns the existing one for the same digest, and a new one when duplicates are allowed", async () => {
    const registry = await openStore(await storeCase.fresh());
    const first = await registry.registerVersion("churn", await newVersion(registry, bytes("model A")));
    expect(first.created).toBe(true);
    expect(first.manifest).toMatchObject({
      schema: "mlgate.version/1",
      model: "churn",
      version: 1,
      tags: { team: "risk" },
    });
    const again = await registry.registerVersion("churn", await newVersion(registry, bytes("model A")));
    expect(again).toEqual({ manifest: first.manifest, created: false });
    const duplicate = await registry.registerVersion("churn", await newVersion(registry, bytes("model A")), {
      allowDuplicate: true,
    });
    expect(duplicate).toMatchObject({ created: true, manifest: { version: 2, digest: first.manifest.digest } });
    const other = await registry.registerVersion("churn", await newVersion(registry, bytes("model B")));
    expect(other.manifest.version).toBe(3);
    await registry.registerVersion("fraud", await newVersion(registry, bytes("model A")));

    expect(await registry.listModels()).toEqual(["churn", "fraud"]);
    const listed = await registry.listVersions("churn");
    expect(listed.map(({ version, digest }) => [version, digest])).toEqual([
      [1, first.manifest.digest],
      [2, first.manifest.digest],
      [3, other.manifest.digest],
    ]);
    expect(listed[2]?.createdAt).toBe(other.manifest.createdAt);
    expect(await registry.getVersion("churn", 3)).toEqual(other.manifest);
    expect(await registry.getVersion("churn", 4)).toBeUndefined();
    expect((await registry.getObject(first.manifest.artifacts.model)).toString()).toBe("model A");
  });

  it("requires the artifacts in the store first and writes no manifest otherwise", async () => {
    const store = await storeCase.fresh();
    const registry = await openStore(store);
    const version = await newVersion(registry, bytes("model A"));
    await store.remove(`objects/sha256/${hexOf(version.digest)}`);
    await expect(registry.registerVersion("churn", version)).rejects.toThrow(IntegrityError);
    await expect(registry.registerVersion("churn", version)).rejects.toThrow(/model artifact .* put its object/);
    expect(await registry.listVersions("churn")).toEqual([]);
  });

  it("finds a version whose dedup hint a crash never wrote, and ignores a hint that lies", async () => {
    const store = await storeCase.fresh();
    const registry = await openStore(store);
    const backend = await openBackend(store);
    const a = await registry.registerVersion("churn", await newVersion(registry, bytes("model A")));
    await store.remove(`models/churn/digests/${hexOf(a.manifest.digest)}`);
    const again = await registry.registerVersion("churn", await newVersion(registry, bytes("model A")));
    expect(again).toMatchObject({ created: false, manifest: { version: 1 } });
    expect(await backend.exists(`models/churn/digests/${hexOf(a.manifest.digest)}`)).toBe(true);

    const b = await newVersion(registry, bytes("model B"));
    await backend.createIfAbsent(`models/churn/digests/${hexOf(b.digest)}`, bytes('{"version": 1}'));
    const registered = await registry.registerVersion("churn", b);
    expect(registered).toMatchObject({ created: true, manifest: { version: 2, digest: b.digest } });
  });

  it("resolves numbers and aliases, and names what exists when a reference is unknown", async () => {
    const registry = await openStore(await storeCase.fresh());
    await expect(registry.resolve("churn", "production")).rejects.toThrow(
      /no alias 'production' .*no versions registered/,
    );
    await registerAndMove(registry, "churn", bytes("model A"));
    await registerAndMove(registry, "churn", bytes("model B"));
    await registry.moveAlias("churn", "production", 1, { task: "deploy" });
    expect((await registry.resolve("churn", 2)).version).toBe(2);
    expect((await registry.resolve("churn", "1")).version).toBe(1);
    expect((await registry.resolve("churn", "candidate")).version).toBe(2);
    expect((await registry.resolve("churn", "production")).version).toBe(1);
    const unknownVersion = registry.resolve("churn", 7);
    await expect(unknownVersion).rejects.toThrow(InputError);
    await expect(unknownVersion).rejects.toThrow(
      "model 'churn' has no version 7 (versions 1–2; aliases candidate → 2, production → 1)",
    );
    await expect(registry.resolve("churn", "staging")).rejects.toThrow(
      "model 'churn' has no alias 'staging' (versions 1–2; aliases candidate → 2, production → 1)",
    );
  });

  it("moves aliases with a dense, append-only history, and lists the history of all aliases by time", async () => {
    let clock = Date.parse("2026-01-01T00:00:00Z");
    const store = await storeCase.fresh();
    const registry = await openStore(store);
    const tick = () => {
      clock += 1000;
      return new Date(clock);
    };
    const timed = await openStore(store, { now: tick });
    for (const text of ["A", "B", "C"])
      await registry.registerVersion("churn", await newVersion(registry, bytes(text)));
    const moved = await timed.moveAlias("churn", "production", 1, { task: "deploy", actor: "ada", runId: "r1" });
    expect(moved).toMatchObject({ schema: "mlgate.alias/1", alias: "production", version: 1, revision: 1 });
    await timed.moveAlias("churn", "candidate", 3, { task: "register", runId: "r2" });
    const last = await timed.moveAlias("churn", "production", 2, {
      task: "deploy",
      actor: "grace",
      runId: "r3",
      runUrl: "https://ci/r3",
      reason: "promote",
      verdictId: "v9",
    });
    expect(last.history).toEqual([
      expect.objectContaining({ revision: 1, from: null, to: 1, actor: "ada", runId: "r1", task: "deploy" }),
      expect.objectContaining({
        revision: 2,
        from: 1,
        to: 2,
        runUrl: "https://ci/r3",
        reason: "promote",
        verdictId: "v9",
      }),
    ]);
    expect(await registry.getAlias("churn", "production")).toEqual(last);
    expect((await registry.listAliases("churn")).map(({ alias, version }) => [alias, version])).toEqual([
      ["candidate", 3],
      ["production", 2],
    ]);
    const history = await registry.history("churn");
    expect(history.map(({ alias, revision, to }) => [alias, revision, to])).toEqual([
      ["production", 1, 1],
      ["candidate", 1, 3],
      ["production", 2, 2],
    ]);
    expect(new Set(history.map(({ id }) => id)).size).toBe(3);
  });

  it("moves strictly from the expected revision, else a one-line conflict naming who moved it", async () => {
    const registry = await openStore(await storeCase.fresh());
    for (const text of ["A", "B", "C"])
      await registry.registerVersion("churn", await newVersion(registry, bytes(text)));
    await registry.moveAlias("churn", "production", 1, { task: "deploy" }, { expectedRevision: null });
    await registry.moveAlias(
      "churn",
      "production",
      2,
      { task: "deploy", runId: "run-42", actor: "ada" },
      { expectedRevision: 1 },
    );
    const stale = registry.moveAlias("churn", "production", 3, { task: "deploy" }, { expectedRevision: 1 });
    await expect(stale).rejects.toThrow(ConflictError);
    const error = (await stale.catch((failure: unknown) => failure)) as Error;
    expect(error.message).toMatch(
      /^alias 'production' of model 'churn' was moved by someone else: it is at revision 2 → version 2 \(run run-42, by ada, task deploy, at .*\), expected revision 1 — re-run/,
    );
    expect(error.message).not.toContain("\n");
    await expect(
      registry.moveAlias("churn", "production", 3, { task: "deploy" }, { expectedRevision: null }),
    ).rejects.toThrow(/expected it to be unset/);
    await expect(
      registry.moveAlias("churn", "staging", 3, { task: "deploy" }, { expectedRevision: 4 }),
    ).rejects.toThrow("alias 'staging' of model 'churn' does not exist (expected revision 4) — re-run");
    expect((await registry.getAlias("churn", "production"))?.revision).toBe(2);
    expect(await registry.getAlias("churn", "staging")).toBeUndefined();
  });

  it("refuses to point an alias at a version that does not exist", async () => {
    const registry = await openStore(await storeCase.fresh());
    await registry.registerVersion("churn", await newVersion(registry, bytes("A")));
    await expect(registry.moveAlias("churn", "production", 2, { task: "deploy" })).rejects.toThrow(
      "'version': model 'churn' has no version 2 (version 1; no aliases)",
    );
    expect(await registry.listAliases("churn")).toEqual([]);
  });

  it("verifies objects on read: a corrupted or missing object is an IntegrityError", async () => {
    const store = await storeCase.fresh();
    const registry = await openStore(store);
    const ref = await registry.putObject(bytes("weights"), "application/onnx");
    expect(ref).toEqual({ digest: `sha256:${hexOf(ref.digest)}`, size: 7, mediaType: "application/onnx" });
    await store.tamper(`objects/sha256/${hexOf(ref.digest)}`, bytes("weightz"));
    await expect(registry.getObject(ref)).rejects.toThrow(IntegrityError);
    await expect(registry.getObject(ref.digest)).rejects.toThrow(
      /is corrupted \(its bytes hash to sha256:[0-9a-f]{64}\)/,
    );
    await store.remove(`objects/sha256/${hexOf(ref.digest)}`);
    await expect(registry.getObject(ref)).rejects.toThrow(/is missing from/);
  });

  it("verify passes a healthy store and names a corrupted and a missing object", async () => {
    const store = await storeCase.fresh();
    const registry = await openStore(store);
    const a = await registerAndMove(registry, "churn", bytes("model A"));
    const b = await registerAndMove(registry, "churn", bytes("model B"));
    await registry.putObject(bytes("an orphan from an interrupted run"), "application/json");
    expect(await registry.verify()).toEqual({
      ok: true,
      versions: 2,
      objects: 5,
      aliases: 1,
      problems: [],
      unreferencedObjects: 1,
      leftovers: 0,
    });

    await store.tamper(`objects/sha256/${hexOf(a.manifest.digest)}`, bytes("model X"));
    await store.remove(`objects/sha256/${hexOf(b.manifest.artifacts.metrics?.digest ?? "")}`);
    const report = await registry.verify();
    expect(report.ok).toBe(false);
    expect(report.problems).toHaveLength(2);
    expect(report.problems).toContain(`object ${b.manifest.artifacts.metrics?.digest} (churn@2 metrics) is missing`);
    expect(report.problems).toContainEqual(
      expect.stringMatching(new RegExp(`^object ${a.manifest.digest} \\(churn@1 model\\) is corrupted`)),
    );
  });

  it("verify names a broken manifest and an alias pointing at a missing version", async () => {
    const store = await storeCase.fresh();
    const registry = await openStore(store);
    await registerAndMove(registry, "churn", bytes("model A"));
    await registerAndMove(registry, "churn", bytes("model B"));
    await store.tamper("models/churn/versions/000000001.json", bytes("{ not json"));
    await store.remove("models/churn/versions/000000002.json");
    const report = await registry.verify();
    expect(report.problems).toEqual([
      "alias 'candidate' of churn points at missing version 2",
      "churn@1: manifest is not valid JSON",
    ]);
  });

  it("keeps a summary page per 100 versions, which listing trusts and verify checks", async () => {
    const store = await storeCase.fresh();
    const registry = await openStore(store);
    // versions 1–98 as a registration would leave them (manifest and listing metadata), then 99 for real
    const template = (await registry.registerVersion("churn", await newVersion(registry, bytes("model 1")))).manifest;
    await mapLimit(
      Array.from({ length: 97 }, (_, index) => index + 2),
      16,
      (version) =>
        registry.backend.createIfAbsent(
          keys.version("churn", version),
          bytes(JSON.stringify({ ...template, version })),
          {
            digest: template.digest,
            created: template.createdAt,
          },
        ),
    );
    expect(await registry.backend.exists(keys.summaryPage("churn", 0))).toBe(false);
    const last = await registry.registerVersion("churn", await newVersion(registry, bytes("model 99")));
    expect(last.manifest.version).toBe(99);
    const page = await registry.backend.read(keys.summaryPage("churn", 0));
    const listed = await registry.listVersions("churn");
    expect(JSON.parse(page?.data.toString() ?? "{}").versions).toEqual(listed);
    expect(listed.map(({ version }) => version)).toEqual(Array.from({ length: 99 }, (_, index) => index + 1));
    expect((await registry.verify()).problems).toEqual([]);

    const lying = JSON.parse(page?.data.toString() ?? "{}");
    lying.versions[41].digest = last.manifest.digest;
    await store.tamper(keys.summaryPage("churn", 0), bytes(JSON.stringify(lying)));
    expect((await registry.verify()).problems).toEqual([
      "churn: the summary page of versions 0…99 disagrees with version 42",
    ]);
    await store.remove(keys.summaryPage("churn", 0));
    expect(await registry.listVersions("churn")).toEqual(listed);
  });

  it("stores runs and records once", async () => {
    const registry = await openStore(await storeCase.fresh());
    const run: RunRecord = {
      schema: "mlgate.run/1",
      id: "20260101-abc",
      task: "register",
      lineage: {
        mlgateVersion: "0",
        task: "register",
        host: "cli",
        inputDigests: {},
        startedAt: "2026-01-01T00:00:00Z",
      },
      outputs: { version: "1" },
      artifacts: {},
      status: "succeeded",
    };
    expect(await registry.getRun(run.id)).toBeUndefined();
    expect(await registry.putRun(run)).toBe(true);
    expect(await registry.putRun({ ...run, status: "failed" })).toBe(false);
    expect(await registry.getRun(run.id)).toEqual(run);
    expect(await registry.putRecord("verdicts", "v1", { decision: "promote" })).toBe(true);
    expect(await registry.putRecord("verdicts", "v1", { decision: "reject" })).toBe(false);
    expect(await registry.getRecord("verdicts", "v1")).toEqual({ decision: "promote" });
    expect(await registry.getRecord("verdicts", "v2")).toBeUndefined();
  });

  it("rejects names that break the rule, naming the key", async () => {
    const registry = await openStore(await storeCase.fresh());
    for (const name of ["Churn", "a..b", "-churn", "", "x".repeat(64), "../../etc", "a/b", "chürn"]) {
      await expect(registry.listVersions(name)).rejects.toThrow(
        `'name': ${JSON.stringify(name)} is not a valid name: use 1–63 characters: lowercase letters, digits`,
      );
    }
    await expect(registry.getAlias("churn", "Prod")).rejects.toThrow(/^'alias': "Prod" is not a valid alias/);
    await expect(registry.getAlias("churn", "42")).rejects.toThrow(/all digits would read as a version number/);
    await expect(registry.getRun("../x")).rejects.toThrow(InputError);
    expect((await registry.listVersions("a.b_c-9")).length).toBe(0);
  });
});
