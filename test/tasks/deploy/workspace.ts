/**
 * Workspaces for the deploy tests: real models from the builtin trainer, registered, with real
 * verdicts from evaluate-against-champion; and cheap stand-ins (byte variants of one model, verdict
 * documents written directly) where only the alias move matters.
 */
import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, onTestFinished } from "vitest";
import { VERDICT_KIND, type Verdict } from "../../../src/core/evaluate/verdict.js";
import type { Registry } from "../../../src/core/store/registry.js";
import type { AliasState, RunRecord } from "../../../src/core/store/types.js";
import { type CliResult, runCli, runCliAsync } from "../../cli/run-cli.js";
import { openStore, type StoreAddress } from "../../support/stores.js";
import { newVersion } from "../../support/versions.js";
import { trainedWorkspace } from "../evaluate/workspace.js";

export const REGISTRY = ".mlgate/registry";

/** v1 (one feature) registered as `production`, v2 (every feature) registered: the champion and the challenger. */
export function registeredWorkspace(): string {
  const cwd = trainedWorkspace();
  for (const model of ["v1/model.onnx", "v2/model.onnx"]) {
    const alias = model.startsWith("v1") ? ["--alias", "production"] : [];
    expect(runCli(["register", "--model", model, "--name", "churn", ...alias, "--json"], { cwd }).status).toBe(0);
  }
  return cwd;
}

/**
 * A real verdict on churn@2 against churn@production; `gates` as mlgate.yml's gates section (a
 * reject). Returns the verdict id.
 */
export function evaluateChallenger(cwd: string, gates?: string): string {
  if (gates) writeFileSync(path.join(cwd, "mlgate.yml"), `version: 1\ngates:\n${gates}`);
  try {
    const args = ["--challenger", "churn@2", "--data", "holdout.csv", "--label", "churned", "--bootstrap", "200"];
    const run = runCli(["evaluate-against-champion", ...args, "--comment", "false", "--json"], { cwd });
    expect(run.status, run.stderr).toBe(gates ? 1 : 0);
    return (JSON.parse(run.stdout) as Record<string, string>)["verdict-id"] as string;
  } finally {
    if (gates) rmSync(path.join(cwd, "mlgate.yml"));
  }
}

/** A copy of a prepared workspace, removed when the test finishes. */
export function copyOf(base: string): string {
  const cwd = mkdtempSync(path.join(os.tmpdir(), "mlgate-deploy-"));
  cpSync(base, cwd, { recursive: true });
  onTestFinished(() => rmSync(cwd, { recursive: true, force: true }));
  return cwd;
}

function deployArgs(inputs: Record<string, string>): string[] {
  return ["deploy", ...Object.entries(inputs).flatMap(([name, value]) => [`--${name}`, value]), "--json"];
}

export function deploy(cwd: string, inputs: Record<string, string>, env?: Record<string, string>): CliResult {
  return runCli(deployArgs({ model: "churn", ...inputs }), { cwd, env });
}

export function deployAsync(
  cwd: string,
  inputs: Record<string, string>,
  env?: Record<string, string>,
): Promise<CliResult> {
  return runCliAsync(deployArgs({ model: "churn", ...inputs }), { cwd, env });
}

/** The outputs --json prints, whatever the exit code. */
export function outputsOf(run: CliResult): Record<string, string> {
  return JSON.parse(run.stdout) as Record<string, string>;
}

export function localStore(cwd: string): StoreAddress {
  return { location: REGISTRY, workspace: cwd, env: {} };
}

export async function aliasOf(store: StoreAddress, alias = "production"): Promise<AliasState | undefined> {
  return (await openStore(store)).getAlias("churn", alias);
}

export async function deployRuns(store: StoreAddress): Promise<RunRecord[]> {
  const registry = await openStore(store);
  const ids = (await registry.backend.list("runs/")).map(({ key }) => key.slice("runs/".length, -".json".length));
  const runs = await Promise.all(ids.map((id) => registry.getRun(id)));
  return runs.filter((run): run is RunRecord => run?.task === "deploy");
}

/** Every file of a folder registry with its bytes' digest: equal listings, untouched store. */
export function storeListing(cwd: string): string[] {
  const root = path.join(cwd, REGISTRY);
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) return walk(file);
      const digest = createHash("sha256").update(readFileSync(file)).digest("hex").slice(0, 16);
      return [`${path.relative(root, file)} ${digest}`];
    });
  return walk(root).sort();
}

/** The model file with a different doc_string appended (ModelProto field 6, last one wins): a new digest, the same model. */
export function modelVariant(model: Buffer, tag: string): Buffer {
  const text = Buffer.from(tag);
  return Buffer.concat([model, Buffer.from([0x32, text.length]), text]);
}

/** Registers a byte variant of `model` as a new version; its number. */
export async function registerVariant(registry: Registry, model: Buffer, tag: string): Promise<number> {
  const { manifest } = await registry.registerVersion("churn", await newVersion(registry, modelVariant(model, tag)));
  return manifest.version;
}

/**
 * A `promote` verdict document for churn@version against the alias as it is now, stored as
 * evaluate would: the parts deploy reads, the rest left out.
 */
export async function storeVerdict(
  registry: Registry,
  id: string,
  version: number,
  alias = "production",
): Promise<Verdict> {
  const manifest = await registry.getVersion("churn", version);
  const current = await registry.getAlias("churn", alias);
  const verdict = {
    schema: "mlgate.verdict/1",
    id,
    decision: "promote",
    firstRun: current === undefined,
    model: "churn",
    challenger: { label: `churn@${version}`, digest: manifest?.digest, bytes: manifest?.artifacts.model.size, version },
    champion: current
      ? {
          label: `churn@${current.version}`,
          digest: "sha256:0",
          bytes: 0,
          version: current.version,
          alias,
          aliasRevision: current.revision,
        }
      : null,
    primary: "roc_auc",
    metrics: {},
    gates: [],
    lineage: {
      mlgateVersion: "0.0.0-test",
      task: "evaluate-against-champion",
      host: "cli",
      inputDigests: {},
      startedAt: new Date().toISOString(),
    },
  } as unknown as Verdict;
  await registry.putRecord(VERDICT_KIND, id, verdict);
  return verdict;
}

export const fixtureModel = (): Buffer => readFileSync("test/fixtures/onnx/regressor.onnx");
