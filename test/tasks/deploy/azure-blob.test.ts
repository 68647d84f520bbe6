/**
 * The azure-blob target on Azurite: the model at an immutable per-version URL, the manifest at a
 * stable one, both fetched back the way an application would; manifests only move forward, and a
 * different model already at a version's URL stops the deploy before the alias moves.
 */
import { createHash } from "node:crypto";
import { BlobServiceClient, type ContainerClient } from "@azure/storage-blob";
import { beforeAll, describe, expect, inject, it } from "vitest";
import type { DeploymentManifest } from "../../../src/tasks/deploy/targets/azure-blob.js";
import { uniqueContainer } from "../../support/stores.js";
import {
  aliasOf,
  copyOf,
  deploy,
  evaluateChallenger,
  localStore,
  outputsOf,
  registeredWorkspace,
} from "./workspace.js";

let base: string;
let promote: string;
let env: { AZURE_STORAGE_CONNECTION_STRING: string };

beforeAll(() => {
  base = registeredWorkspace();
  promote = evaluateChallenger(base);
  env = { AZURE_STORAGE_CONNECTION_STRING: inject("azuriteConnectionString") };
}, 120_000);

function freshContainer(): ContainerClient {
  return BlobServiceClient.fromConnectionString(env.AZURE_STORAGE_CONNECTION_STRING).getContainerClient(
    uniqueContainer(),
  );
}

/** The blob a URL of that container names, read as a client would. */
async function fetchBlob(container: ContainerClient, url: string) {
  expect(url.startsWith(`${container.url}/`), url).toBe(true);
  const blob = container.getBlobClient(decodeURIComponent(url.slice(container.url.length + 1)));
  const [data, properties] = await Promise.all([blob.downloadToBuffer(), blob.getProperties()]);
  return { data, contentType: properties.contentType };
}

describe("the azure-blob target", () => {
  it("publishes the model and a manifest clients can follow, and moves the manifest with the alias", async () => {
    const cwd = copyOf(base);
    const container = freshContainer();
    const targetUrl = `az://${container.containerName}/deployments`;
    const run = deploy(cwd, { verdict: promote, target: "azure-blob", "target-url": targetUrl }, env);

    expect(run.status, run.stderr).toBe(0);
    const manifestUrl = `${container.url}/deployments/churn/production.json`;
    expect(outputsOf(run)).toEqual({ version: "2", "previous-version": "1", alias: "production", url: manifestUrl });
    expect(run.stdout + run.stderr).not.toMatch(/AccountKey|sig=/);

    const published = await fetchBlob(container, manifestUrl);
    expect(published.contentType).toBe("application/json");
    const manifest = JSON.parse(published.data.toString("utf8")) as DeploymentManifest;
    const alias = await aliasOf(localStore(cwd));
    expect(manifest).toEqual({
      schema: "mlgate.deployment/1",
      model: "churn",
      alias: "production",
      version: 2,
      digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      size: expect.any(Number),
      signature: {
        inputs: [
          expect.objectContaining({ name: "age" }),
          expect.objectContaining({ name: "income" }),
          expect.objectContaining({ name: "plan" }),
        ],
        outputs: expect.any(Array),
      },
      modelUrl: `${container.url}/deployments/churn/2/model.onnx`,
      deployedAt: alias?.history.at(-1)?.at,
      aliasRevision: 2,
    });
    const model = await fetchBlob(container, manifest.modelUrl);
    expect(model.contentType).toBe("application/octet-stream");
    expect(model.data.length).toBe(manifest.size);
    expect(`sha256:${createHash("sha256").update(model.data).digest("hex")}`).toBe(manifest.digest);

    const rollback = deploy(cwd, { rollback: "true", target: "azure-blob", "target-url": targetUrl }, env);
    expect(rollback.status, rollback.stderr).toBe(0);
    const after = JSON.parse((await fetchBlob(container, manifestUrl)).data.toString("utf8")) as DeploymentManifest;
    expect(after).toMatchObject({
      version: 1,
      aliasRevision: 3,
      modelUrl: `${container.url}/deployments/churn/1/model.onnx`,
    });
    const first = await fetchBlob(container, after.modelUrl);
    expect(`sha256:${createHash("sha256").update(first.data).digest("hex")}`).toBe(after.digest);
  });

  it("leaves a manifest of a later alias revision in place", async () => {
    const cwd = copyOf(base);
    const container = freshContainer();
    await container.create();
    const later = JSON.stringify({ schema: "mlgate.deployment/1", version: 7, aliasRevision: 9 });
    await container.getBlockBlobClient("churn/production.json").upload(later, later.length);

    const run = deploy(
      cwd,
      { verdict: promote, target: "azure-blob", "target-url": `az://${container.containerName}` },
      env,
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain("already describes a later revision of alias 'production': left as it is");
    expect((await container.getBlobClient("churn/production.json").downloadToBuffer()).toString()).toBe(later);
  });

  it("stops before the move when another model sits at the version's URL (exit 2)", async () => {
    const cwd = copyOf(base);
    const container = freshContainer();
    await container.create();
    await container.getBlockBlobClient("m/churn/2/model.onnx").upload("not this model", 14);

    const run = deploy(
      cwd,
      { verdict: promote, target: "azure-blob", "target-url": `az://${container.containerName}/m` },
      env,
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /'target-url': .*\/m\/churn\/2\/model\.onnx already holds a different model than churn@2/,
    );
    expect((await aliasOf(localStore(cwd)))?.version).toBe(1);
  });
});
