/**
 * npm run bench -- registry: register and alias-move latency on both backends, listing 10,000
 * versions, and the register bundle's cold start — each beside the floor it cannot beat (one raw
 * atomic write, one raw listing, a bare `node` process).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { keys } from "../src/core/store/layout.js";
import { openRegistry } from "../src/core/store/open.js";
import type { Registry } from "../src/core/store/registry.js";
import { register } from "../src/tasks/register.js";
import { startAzurite } from "../test/setup/azurite.js";
import { latencies, percentile, printTable, type Row } from "./measure.js";
import { quietContext } from "./quiet-context.js";

const model = path.resolve("test/fixtures/onnx/classifier-zipmap-int64.onnx");
const operations = 100;
const listedVersions = 10_000;

export async function runRegistryBench(): Promise<void> {
  const azurite = await startAzurite();
  try {
    const backends: { name: string; location: string; env: Record<string, string> }[] = [
      { name: "file", location: path.join(mkdtempSync(path.join(os.tmpdir(), "mlgate-bench-")), "registry"), env: {} },
      {
        name: "Azurite",
        location: "az://bench/registry",
        env: { AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString },
      },
    ];
    for (const backend of backends) await benchBackend(backend.name, backend.location, backend.env);
    benchColdStart();
  } finally {
    await azurite.stop();
  }
}

async function benchBackend(name: string, location: string, env: Record<string, string>): Promise<void> {
  const workspace = mkdtempSync(path.join(os.tmpdir(), "mlgate-bench-ws-"));
  const registry = await openRegistry(location, { workspace, env });
  const ctx = quietContext(workspace, env);
  const floor = await latencies(operations, (i) =>
    registry.backend.createIfAbsent(`bench/floor/${i}`, Buffer.alloc(1024, i)),
  );

  const registerTimes = await latencies(operations, () =>
    register.run({ model, name: "bench", registry: location, "allow-duplicate": true }, ctx),
  );
  const moveTimes = await latencies(operations, (i) =>
    registry.moveAlias("bench", "production", (i % 10) + 1, { task: "bench", reason: "bench" }),
  );
  const rows: Row[] = [
    {
      measure: "register (task, in process)",
      ...p(registerTimes),
      anchor: "one create-if-absent",
      anchorP50: percentile(floor, 50),
      target: name === "file" ? "p95 < 50 ms" : "p95 < 150 ms",
    },
    {
      measure: "alias move (CAS + audit)",
      ...p(moveTimes),
      anchor: "one create-if-absent",
      anchorP50: percentile(floor, 50),
    },
  ];
  await populateVersions(registry, "many", listedVersions);
  // the first listing stores the summary pages that registering writers store as they go
  await registry.listVersions("many");
  const rawList = await latencies(5, () => registry.backend.list(keys.versions("many"), { metadata: true }));
  const listTimes = await latencies(5, async () => {
    const versions = await registry.listVersions("many");
    if (versions.length !== listedVersions)
      throw new Error(`listed ${versions.length} versions, expected ${listedVersions}`);
  });
  rows.push({
    measure: `versions (${listedVersions.toLocaleString("en")} versions)`,
    ...p(listTimes),
    anchor: "raw backend listing",
    anchorP50: percentile(rawList, 50),
    target: "< 1 s",
  });
  printTable(`registry on ${name} (${operations} operations each)`, rows);
}

/** 10,000 manifests written straight through the backend with the registry's own layout (registering them one by one would take minutes on Azurite). */
async function populateVersions(registry: Registry, modelName: string, count: number): Promise<void> {
  const template = await registry.resolve("bench", 1);
  const batch = 64;
  for (let start = 1; start <= count; start += batch) {
    await Promise.all(
      Array.from({ length: Math.min(batch, count - start + 1) }, (_, offset) => {
        const version = start + offset;
        const manifest = { ...template, model: modelName, version };
        return registry.backend.createIfAbsent(
          keys.version(modelName, version),
          Buffer.from(JSON.stringify(manifest)),
          {
            digest: manifest.digest,
            created: manifest.createdAt,
          },
        );
      }),
    );
  }
}

/** Process start to outputs written, the way the GitHub runner starts the committed bundle. */
function benchColdStart(): void {
  const bundle = path.resolve("dist/github/register.js");
  const workspace = mkdtempSync(path.join(os.tmpdir(), "mlgate-bench-cold-"));
  const outputFile = path.join(workspace, "github_output");
  const env = {
    PATH: process.env.PATH,
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: path.join(workspace, "summary.md"),
    INPUT_MODEL: model,
    INPUT_NAME: "cold",
    INPUT_REGISTRY: path.join(workspace, "registry"),
    "INPUT_ALLOW-DUPLICATE": "true",
  };
  const runs = 15;
  const spawnTimes = (args: string[], check?: () => void) =>
    Array.from({ length: runs }, () => {
      writeFileSync(outputFile, "");
      const start = performance.now();
      const result = spawnSync(process.execPath, args, { env, cwd: workspace, encoding: "utf8" });
      const elapsed = performance.now() - start;
      if (result.status !== 0) throw new Error(`${args.join(" ")} exited ${result.status}: ${result.stderr}`);
      check?.();
      return elapsed;
    });
  const bare = spawnTimes(["-e", "0"]);
  const cold = spawnTimes([bundle], () => {
    if (!readFileSync(outputFile, "utf8").includes("version")) throw new Error("the bundle wrote no outputs");
  });
  printTable(`cold start of dist/github/register.js (${runs} runs)`, [
    {
      measure: "register bundle: start → outputs written",
      ...p(cold),
      anchor: "node -e 0",
      anchorP50: percentile(bare, 50),
      target: "< 150 ms",
    },
  ]);
}

function p(samples: number[]): { p50: number; p95: number } {
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}
