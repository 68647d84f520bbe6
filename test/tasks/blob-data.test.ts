/**
 * The data tasks read Azure Blob Storage (Azurite here) with the store's credentials, and the
 * registry on the same account: validate-data profiles blobs, register stores the profile,
 * monitor-drift compares blob data with it.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { BlobServiceClient } from "@azure/storage-blob";
import { describe, expect, inject, it } from "vitest";
import { runCli } from "../cli/run-cli.js";
import { uniqueContainer } from "../support/stores.js";
import { customers, writeCsv } from "./data-files.js";

describe("data tasks on Azure Blob Storage", () => {
  it("profiles blobs by az:// glob, registers the profile in a blob registry and monitors blob data against it", async () => {
    const env = { AZURE_STORAGE_CONNECTION_STRING: inject("azuriteConnectionString") };
    const name = uniqueContainer();
    const container = BlobServiceClient.fromConnectionString(env.AZURE_STORAGE_CONNECTION_STRING).getContainerClient(
      name,
    );
    await container.create();
    const local = mkdtempSync(path.join(os.tmpdir(), "mlgate-blob-data-"));
    for (const [file, rows] of [
      ["train/part-1.csv", customers(1500, 51)],
      ["train/part-2.csv", customers(1500, 52)],
      ["new/day-1.csv", customers(2000, 53, 0.8)],
    ] as const) {
      writeCsv(local, "upload.csv", rows);
      await container.getBlockBlobClient(file).uploadData(readFileSync(path.join(local, "upload.csv")));
    }

    const validated = runCli(
      ["validate-data", "--data", `az://${name}/train/*.csv`, "--profile-out", "train.json", "--json"],
      { cwd: local, env },
    );
    expect(validated.status, validated.stderr).toBe(0);
    const profile = JSON.parse(readFileSync(path.join(local, "train.json"), "utf8"));
    expect(profile.rows).toBe(3000);
    expect(profile.sources.map((s: { name: string }) => s.name)).toEqual([
      `az://${name}/train/part-1.csv`,
      `az://${name}/train/part-2.csv`,
    ]);

    const registry = `az://${name}/registry`;
    const model = path.resolve("test/fixtures/onnx/regressor.onnx");
    const registered = runCli(
      [
        "register",
        "--model",
        model,
        "--name",
        "churn",
        "--profile",
        "train.json",
        "--alias",
        "production",
        "--registry",
        registry,
      ],
      { cwd: local, env },
    );
    expect(registered.status, registered.stderr).toBe(0);

    const monitored = runCli(
      ["monitor-drift", "--current", `az://${name}/new/*.csv`, "--model", "churn", "--registry", registry, "--json"],
      { cwd: local, env },
    );
    expect(monitored.status, monitored.stderr).toBe(1);
    const outputs = JSON.parse(monitored.stdout.trim().split("\n").pop() as string);
    expect(outputs.drift).toBe("true");
    expect(outputs["drifted-columns"].split(",")).toEqual(expect.arrayContaining(["score", "age"]));
  });
});
