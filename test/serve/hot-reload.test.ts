import { readFileSync } from "node:fs";
import path from "node:path";
import onnxProto from "onnx-proto";
import { describe, expect, it } from "vitest";
import { node, valueInfo } from "../../src/core/model/onnx-graph.js";
import { runCli, runCliAsync } from "../cli/run-cli.js";
import { load } from "./load.js";
import { call, holdoutRecords, servingWorkspace, startServe } from "./serving.js";

const metric = (text: string, name: string) => Number(new RegExp(`^${name} (\\S+)$`, "m").exec(text)?.[1]);

describe("mlgate serve when the alias moves", () => {
  it("switches versions under load with zero failed requests, every response naming the version that answered", async () => {
    const workspace = servingWorkspace();
    const records = holdoutRecords(readFileSync(path.join(workspace.cwd, "holdout.csv"), "utf8")).slice(0, 3);
    const server = await startServe(["churn@production", "--poll-interval", "0.2"], workspace.cwd);
    const seen = new Map<number, number>();
    const disagreements: string[] = [];
    let last = 0;
    const move = new Promise<void>((resolve) =>
      setTimeout(async () => {
        const moved = await runCliAsync(
          ["register", "--model", "v2/model.onnx", "--name", "churn", "--alias", "production", "--json"],
          { cwd: workspace.cwd },
        );
        expect(moved.status).toBe(0);
        resolve();
      }, 1_000),
    );
    let movedAt: number | undefined;
    void move.then(() => {
      movedAt = Date.now();
    });
    // until version 2 has answered for a second after the move, however slow the machine
    const result = await load({
      url: server.url,
      connections: 16,
      seconds: 60,
      until: () => movedAt !== undefined && Date.now() - movedAt > 1_000 && (seen.get(2) ?? 0) > 100,
      path: "/predict",
      body: records,
      onResponse: (status, body, headers) => {
        if (status !== 200) return;
        const answer = JSON.parse(body) as { version: number; predictions: unknown[] };
        if (String(answer.version) !== headers["mlgate-model-version"] || answer.predictions.length !== 3) {
          disagreements.push(`${headers["mlgate-model-version"]} ${body.slice(0, 80)}`);
        }
        seen.set(answer.version, (seen.get(answer.version) ?? 0) + 1);
        last = answer.version;
      },
    });
    await move;

    expect({ non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts }).toEqual({
      non2xx: 0,
      errors: 0,
      timeouts: 0,
    });
    expect(disagreements).toEqual([]);
    expect([...seen.keys()].sort()).toEqual([1, 2]);
    expect((seen.get(1) ?? 0) + (seen.get(2) ?? 0)).toBe(result.requests.total);
    expect(last).toBe(2);

    const metrics = (await call(`${server.url}/metrics`)).body as string;
    expect(metric(metrics, 'mlgate_model_version\\{model="churn",alias="production"\\}')).toBe(2);
    expect(metric(metrics, "mlgate_model_reloads_total")).toBe(1);
    // the server also answered the requests in flight when the load stopped counting
    const answered = metric(metrics, 'mlgate_requests_total\\{endpoint="predict",code="200"\\}');
    expect(answered).toBeGreaterThanOrEqual(result.requests.total);
    expect(answered).toBeLessThanOrEqual(result.requests.total + 16);
    // concurrent requests shared model runs
    expect(metric(metrics, "mlgate_batch_requests_sum")).toBeGreaterThan(
      metric(metrics, "mlgate_batch_requests_count"),
    );
    expect(server.stderr()).toContain("churn@production moved: now serving version 2 (was 1)");
    expect(await server.stop()).toBe(0);
  });

  it("goes on serving the old version when the new one cannot load", async () => {
    const workspace = servingWorkspace();
    // a valid ONNX file whose operator no runtime knows
    const { onnx } = onnxProto;
    const broken = onnx.ModelProto.encode({
      irVersion: 8,
      opsetImport: [{ domain: "", version: 15 }],
      graph: {
        name: "broken",
        node: [node("NoSuchOperator", ["age"], ["score"])],
        input: [valueInfo("age", onnx.TensorProto.DataType.FLOAT, ["N", 1])],
        output: [valueInfo("score", onnx.TensorProto.DataType.FLOAT, ["N", 1])],
      },
    }).finish();
    await import("node:fs/promises").then((fs) => fs.writeFile(path.join(workspace.cwd, "broken.onnx"), broken));
    const server = await startServe(["churn@production", "--poll-interval", "0.1"], workspace.cwd);
    expect(
      runCli(["register", "--model", "broken.onnx", "--name", "churn", "--alias", "production"], { cwd: workspace.cwd })
        .status,
    ).toBe(0);
    for (let waited = 0; !server.stderr().includes("failed to load") && waited < 30_000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const answer = await call(`${server.url}/predict`, { body: [{ age: 40 }] });
    expect(answer).toMatchObject({ status: 200, version: "1" });
    const metrics = (await call(`${server.url}/metrics`)).body as string;
    expect(metric(metrics, "mlgate_model_load_failures_total")).toBeGreaterThanOrEqual(1);
    expect(server.stderr()).toContain("version 2 of churn failed to load, version 1 goes on serving");
    expect(await server.stop()).toBe(0);
  });
});
