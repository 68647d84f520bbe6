/** Opening a registry from the `registry` input: forms, credentials, and what bad ones say. */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { BlobServiceClient } from "@azure/storage-blob";
import { describe, expect, inject, it } from "vitest";
import { InputError } from "../../src/core/errors.js";
import { parseRegistryLocation } from "../../src/core/store/location.js";
import { openRegistry } from "../../src/core/store/open.js";
import { freePort } from "../support/ports.js";
import { fastRetry, uniqueContainer } from "../support/stores.js";
import { tempDir } from "../support/temp.js";

const FORMS =
  "use a folder path, file://<path>, az://<container>/<prefix> or https://<account>.blob.core.windows.net/<container>/<prefix>";

describe("registry locations", () => {
  it("accepts folders, file URLs, az:// and blob URLs", () => {
    expect(parseRegistryLocation(".mlgate/registry", "/work")).toEqual({
      kind: "file",
      root: "/work/.mlgate/registry",
    });
    expect(parseRegistryLocation("/abs/reg", "/work")).toEqual({ kind: "file", root: "/abs/reg" });
    expect(parseRegistryLocation("file:///srv/reg", "/work")).toEqual({ kind: "file", root: "/srv/reg" });
    expect(parseRegistryLocation("az://models", "/work")).toEqual({ kind: "az", container: "models", prefix: "" });
    expect(parseRegistryLocation("az://models/team/churn/", "/work")).toEqual({
      kind: "az",
      container: "models",
      prefix: "team/churn/",
    });
    expect(parseRegistryLocation("https://acct1.blob.core.windows.net/models/reg", "/work")).toEqual({
      kind: "url",
      endpoint: "https://acct1.blob.core.windows.net",
      account: "acct1",
      container: "models",
      prefix: "reg/",
    });
    expect(parseRegistryLocation("http://127.0.0.1:10000/devstoreaccount1/models", "/work")).toEqual({
      kind: "url",
      endpoint: "http://127.0.0.1:10000/devstoreaccount1",
      account: "devstoreaccount1",
      container: "models",
      prefix: "",
    });
  });

  it.each([
    ["az://", /has no container name/],
    ["az://Bad_Container", /container name "Bad_Container": containers are 3–63 lowercase letters/],
    ["az://ab/x", /container name "ab"/],
    ["az://a--b/x", /container name "a--b"/],
    ["az://models/../escape", /invalid path segment "\.\."/],
    ["az://models//x", /invalid path segment ""/],
    ["ftp://x", /unsupported registry location "ftp:\/\/x"/],
    ["https://example.com/models", /is not a blob storage URL/],
    [
      "https://ab.blob.core.windows.net/models",
      /"ab" in https:\/\/ab.blob.core.windows.net\/models is not a storage account name/,
    ],
    ["", /the registry location is empty/],
  ])("refuses %j naming the registry key and the expected forms", (location, problem) => {
    const attempt = () => parseRegistryLocation(location, "/work");
    expect(attempt).toThrow(InputError);
    expect(attempt).toThrow(problem);
    expect(attempt).toThrow(new RegExp(`^'registry': .* — ${FORMS.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}$`));
  });

  it("refuses credentials in the location without echoing them", () => {
    const attempt = () =>
      parseRegistryLocation("https://acct1.blob.core.windows.net/models/reg?sv=2024&sig=S3CR3T", "/work");
    expect(attempt).toThrow(/carries credentials; put them in AZURE_STORAGE_CONNECTION_STRING/);
    expect(attempt).not.toThrow(/S3CR3T/);
  });
});

describe("opening a registry", () => {
  const azurite = () => inject("azuriteConnectionString");

  it("opens folders relative to the workspace and as file:// URLs", async () => {
    const workspace = await tempDir();
    const relative = await openRegistry("reg", { workspace, env: {} });
    await relative.putRun({
      schema: "mlgate.run/1",
      id: "r1",
      task: "register",
      lineage: {
        mlgateVersion: "0",
        task: "register",
        host: "cli",
        inputDigests: {},
        startedAt: "2026-01-01T00:00:00Z",
      },
      outputs: {},
      artifacts: {},
      status: "succeeded",
    });
    expect(await readdir(join(workspace, "reg", "runs"))).toEqual(["r1.json"]);
    const byUrl = await openRegistry(pathToFileURL(join(workspace, "reg")).href, { workspace: "/elsewhere", env: {} });
    expect((await byUrl.getRun("r1"))?.id).toBe("r1");
    expect(byUrl.location).toBe(relative.location);
  });

  it("opens a blob URL with a connection string for the same endpoint, creating the container on first write", async () => {
    const container = uniqueContainer();
    const endpoint = /BlobEndpoint=([^;]+)/.exec(azurite())?.[1];
    const env = { AZURE_STORAGE_CONNECTION_STRING: azurite() };
    const registry = await openRegistry(`${endpoint}/${container}/team`, { workspace: "/", env, retry: fastRetry });
    expect(registry.location).toBe(`${endpoint}/${container}/team`);
    const ref = await registry.putObject(Buffer.from("weights"), "application/onnx");
    const viaAz = await openRegistry(`az://${container}/team`, { workspace: "/", env, retry: fastRetry });
    expect((await viaAz.getObject(ref)).toString()).toBe("weights");
    expect(await BlobServiceClient.fromConnectionString(azurite()).getContainerClient(container).exists()).toBe(true);
  });

  it("refuses a blob URL of another account than the connection string's", async () => {
    const env = { AZURE_STORAGE_CONNECTION_STRING: azurite() };
    await expect(
      openRegistry("https://otheracct.blob.core.windows.net/models", { workspace: "/", env }),
    ).rejects.toThrow(
      "'registry': the registry location names storage account 'otheracct' but AZURE_STORAGE_CONNECTION_STRING is for 'devstoreaccount1'",
    );
  });

  it("asks for the account when az:// has neither a connection string nor AZURE_STORAGE_ACCOUNT", async () => {
    await expect(openRegistry("az://models", { workspace: "/", env: {} })).rejects.toThrow(
      /^'registry': an az:\/\/ registry needs the storage account: set AZURE_STORAGE_ACCOUNT or AZURE_STORAGE_CONNECTION_STRING/,
    );
  });

  it("says a malformed connection string is malformed without echoing it", async () => {
    const secret = "AccountName=x;AccountKey=S3CR3T;Nonsense";
    const opening = openRegistry("az://models", { workspace: "/", env: { AZURE_STORAGE_CONNECTION_STRING: secret } });
    await expect(opening).rejects.toThrow(
      /^'registry': AZURE_STORAGE_CONNECTION_STRING is not a valid storage connection string/,
    );
    await expect(opening).rejects.not.toThrow(/S3CR3T/);
  });

  it("reports wrong credentials in one line that names the fix and no secret", async () => {
    const wrongKey = Buffer.from("definitely-not-the-account-key".repeat(2)).toString("base64");
    const connectionString = azurite().replace(/AccountKey=[^;]+/, `AccountKey=${wrongKey}`);
    const container = uniqueContainer();
    const registry = await openRegistry(`az://${container}/reg`, {
      workspace: "/",
      env: { AZURE_STORAGE_CONNECTION_STRING: connectionString },
      retry: fastRetry,
    });
    const error = (await registry
      .putObject(Buffer.from("x"), "application/onnx")
      .catch((failure: unknown) => failure)) as Error;
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(
      /^'registry': access to http:\/\/127\.0\.0\.1:\d+\/devstoreaccount1\/t-[0-9a-f]+\/reg was denied \(403 AuthorizationFailure\) — check AZURE_STORAGE_CONNECTION_STRING/,
    );
    expect(error.message).not.toContain("\n");
    expect(error.message).not.toContain(wrongKey);
    expect(error.message).not.toMatch(/AccountKey|sig=/);
    expect(await BlobServiceClient.fromConnectionString(azurite()).getContainerClient(container).exists()).toBe(false);
  });

  it("reports an unreachable endpoint after the retries", async () => {
    const closed = await freePort();
    const connectionString = azurite().replace(
      /BlobEndpoint=http:\/\/127\.0\.0\.1:\d+/,
      `BlobEndpoint=http://127.0.0.1:${closed}`,
    );
    const registry = await openRegistry("az://models/reg", {
      workspace: "/",
      env: { AZURE_STORAGE_CONNECTION_STRING: connectionString },
      retry: { maxTries: 2, retryDelayInMs: 5, maxRetryDelayInMs: 10 },
    });
    await expect(registry.listModels()).rejects.toThrow(
      /^'registry': cannot reach the storage account of .* \(ECONNREFUSED\) — check the account name/,
    );
  });

  it("leaves the environment to the host: no store module reads process.env", async () => {
    const folder = new URL("../../src/core/store/", import.meta.url);
    const sources = (await readdir(folder)).filter((name) => name.endsWith(".ts"));
    expect(sources.length).toBeGreaterThan(5);
    for (const name of sources)
      expect(await readFile(new URL(name, folder), "utf8"), name).not.toContain("process.env");
  });
});
