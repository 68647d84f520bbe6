import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { BlobServiceClient } from "@azure/storage-blob";
import { describe, expect, inject, it } from "vitest";
import { runCli } from "../cli/run-cli.js";
import { call, holdoutRecords, servingWorkspace, startServe } from "./serving.js";

/** Sends the records in requests of `size`, `parallel` at a time. */
async function predictAll(url: string, records: Record<string, unknown>[], size = 50, parallel = 8): Promise<void> {
  const chunks = Array.from({ length: Math.ceil(records.length / size) }, (_, i) =>
    records.slice(i * size, (i + 1) * size),
  );
  for (let i = 0; i < chunks.length; i += parallel) {
    const answers = await Promise.all(
      chunks.slice(i, i + parallel).map((chunk) => call(`${url}/predict`, { body: chunk })),
    );
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
  }
}

describe("the prediction log", () => {
  const workspace = servingWorkspace();
  const holdout = holdoutRecords(readFileSync(path.join(workspace.cwd, "holdout.csv"), "utf8"));
  const inputs = holdout.map(({ churned: _label, ...features }) => features);

  it("is what monitor-drift reads as current: no drift on like data, drift when the data moves", async () => {
    const drift = (logs: string) =>
      runCli(["monitor-drift", "--current", `${logs}/*.jsonl`, "--model", "churn", "--alias", "production", "--json"], {
        cwd: workspace.cwd,
      });

    const like = await startServe(["churn@production", "--log-to", "logs/like"], workspace.cwd);
    await predictAll(like.url, inputs);
    expect(await like.stop()).toBe(0);
    const files = readdirSync(path.join(workspace.cwd, "logs/like"));
    expect(files.every((name) => name.endsWith(".jsonl"))).toBe(true);
    const lines = files.flatMap((name) =>
      readFileSync(path.join(workspace.cwd, "logs/like", name), "utf8")
        .trimEnd()
        .split("\n")
        .map((line) => JSON.parse(line)),
    );
    expect(lines).toHaveLength(inputs.length);
    const sorted = (rows: Record<string, unknown>[]) =>
      rows.map((row) => JSON.stringify([row.age, row.income, row.plan])).sort();
    expect(sorted(lines)).toEqual(sorted(inputs));
    expect(lines[0]).toMatchObject({ _model: "churn", _version: 1 });
    // the prediction sits under the training label's name, so prediction drift is tested too
    expect(new Set(lines.map((line) => line.churned))).toEqual(new Set(["yes", "no"]));
    expect(lines.every((line) => line._probability >= 0.5 && line._probability <= 1)).toBe(true);

    const same = drift("logs/like");
    expect(same.status).toBe(0);
    expect(JSON.parse(same.stdout)).toMatchObject({ drift: "false" });

    const older = inputs.map((record) => ({ ...record, age: (record.age as number) + 25 }));
    const moved = await startServe(["churn@production", "--log-to", "logs/moved"], workspace.cwd);
    await predictAll(moved.url, older);
    expect(await moved.stop()).toBe(0);
    const shifted = drift("logs/moved");
    expect(shifted.status).toBe(1);
    expect(JSON.parse(shifted.stdout)["drifted-columns"]).toContain("age");
  });

  it("logs the sampled share, and to Blob Storage", async () => {
    const connectionString = inject("azuriteConnectionString");
    const container = `serve-logs-${Date.now()}`;
    const server = await startServe(
      ["churn@production", "--log-to", `az://${container}/churn`, "--log-sample", "0.5"],
      workspace.cwd,
      { AZURE_STORAGE_CONNECTION_STRING: connectionString },
    );
    for (const record of inputs.slice(0, 400))
      expect((await call(`${server.url}/predict`, { body: [record] })).status).toBe(200);
    expect(await server.stop()).toBe(0);
    const client = BlobServiceClient.fromConnectionString(connectionString).getContainerClient(container);
    const names: string[] = [];
    for await (const blob of client.listBlobsFlat({ prefix: "churn/" })) names.push(blob.name);
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^churn\/predictions-\d{8}T\d{6}Z-\d+-1\.jsonl$/);
    const text = (await client.getBlobClient(names[0] as string).downloadToBuffer()).toString("utf8");
    const rows = text
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(rows.length).toBeGreaterThan(140);
    expect(rows.length).toBeLessThan(260);
    expect(server.stderr()).not.toContain(connectionString.split("AccountKey=")[1]?.split(";")[0]);
  });
});
