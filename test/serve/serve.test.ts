import { readFileSync } from "node:fs";
import { connect } from "node:net";
import path from "node:path";
import * as ort from "onnxruntime-node";
import { describe, expect, it } from "vitest";
import { call, holdoutRecords, servingWorkspace, startServe } from "./serving.js";

describe("mlgate serve", () => {
  const workspace = servingWorkspace();
  const records = holdoutRecords(readFileSync(path.join(workspace.cwd, "holdout.csv"), "utf8")).slice(0, 6);

  it("answers the Open Inference Protocol and POST /predict with the model's own predictions", async () => {
    const server = await startServe(["churn@production"], workspace.cwd);
    expect(await call(`${server.url}/v2/health/live`)).toMatchObject({ status: 200, body: { live: true } });
    expect(await call(`${server.url}/v2/health/ready`)).toMatchObject({ status: 200, body: { ready: true } });
    expect((await call(`${server.url}/v2`)).body).toMatchObject({ name: "mlgate" });
    const metadata = await call(`${server.url}/v2/models/churn`);
    expect(metadata).toMatchObject({ status: 200, version: "1" });
    expect(metadata.body).toMatchObject({
      name: "churn",
      versions: ["1"],
      platform: "onnxruntime_onnx",
      inputs: [{ name: "age", datatype: "FP32", shape: [-1, 1] }],
      outputs: [
        { name: "label", datatype: "BYTES", shape: [-1] },
        { name: "probabilities", datatype: "FP32", shape: [-1, 2] },
      ],
    });
    expect((await call(`${server.url}/v2/models/churn/versions/1/ready`)).status).toBe(200);

    // the reference: the same ONNX file in a session of the test's own
    const session = await ort.InferenceSession.create(path.join(workspace.cwd, "v1/model.onnx"));
    const ages = Float32Array.from(records, (record) => record.age as number);
    const expected = await session.run({ age: new ort.Tensor("float32", ages, [ages.length, 1]) });
    const probabilities = Array.from(expected.probabilities?.data as Float32Array);
    const labels = Array.from(expected.label?.data as string[]);

    const predicted = await call(`${server.url}/predict`, { body: records });
    expect(predicted).toMatchObject({ status: 200, version: "1", body: { model: "churn", version: 1 } });
    expect(predicted.body.predictions.map((row: { prediction: string }) => row.prediction)).toEqual(labels);
    predicted.body.predictions.forEach((row: { probabilities: { no: number; yes: number } }, i: number) => {
      expect(row.probabilities.no).toBeCloseTo(probabilities[2 * i] as number, 6);
      expect(row.probabilities.yes).toBeCloseTo(probabilities[2 * i + 1] as number, 6);
    });

    const inferred = await call(`${server.url}/v2/models/churn/infer`, {
      body: { id: "q7", inputs: [{ name: "age", datatype: "FP32", shape: [ages.length, 1], data: Array.from(ages) }] },
    });
    expect(inferred).toMatchObject({
      status: 200,
      version: "1",
      body: { model_name: "churn", model_version: "1", id: "q7" },
    });
    expect(inferred.body.outputs).toEqual([
      { name: "label", datatype: "BYTES", shape: [ages.length], data: labels },
      { name: "probabilities", datatype: "FP32", shape: [ages.length, 2], data: probabilities },
    ]);
    expect(await server.stop()).toBe(0);
    await session.release();
  });

  it("refuses bad requests with a 4xx naming the field, and goes on serving", async () => {
    const server = await startServe(["churn@production", "--max-body-mb", "0.01"], workspace.cwd);
    const cases: [string, string, unknown, number, string][] = [
      ["POST", "/predict", "{not json", 400, "the body is not JSON"],
      ["POST", "/predict", { rows: [] }, 400, 'the body must be a JSON array of records, or {"records": [...]}'],
      ["POST", "/predict", [{ age: "forty" }], 400, 'records[0].age: expected a number, got "forty"'],
      ["POST", "/predict", [{ age: 40 }, [1]], 400, "records[1]: expected an object of column values"],
      ["POST", "/predict", Array.from({ length: 2000 }, () => ({ age: 40 })), 413, "the body is over 10000 bytes"],
      ["GET", "/predict", undefined, 405, "/predict takes POST, not GET"],
      ["GET", "/nowhere", undefined, 404, "no endpoint /nowhere"],
      ["GET", "/v2/models/fraud", undefined, 404, "no model 'fraud' here; this server serves 'churn'"],
      [
        "POST",
        "/v2/models/churn/versions/9/infer",
        { inputs: [] },
        404,
        "version 9 of 'churn' is not loaded; version 1 is",
      ],
      [
        "POST",
        "/v2/models/churn/infer",
        { inputs: [{ name: "age", datatype: "FP64", shape: [1, 1], data: [1] }] },
        400,
        "inputs[0].datatype: input 'age' takes FP32",
      ],
      [
        "POST",
        "/v2/models/churn/infer",
        { inputs: [{ name: "age", datatype: "FP32", shape: [2, 1], data: [1] }] },
        400,
        "inputs[0].data: 1 values for shape [2, 1]",
      ],
    ];
    for (const [method, route, body, status, message] of cases) {
      const reply = await call(`${server.url}${route}`, { method, ...(body === undefined ? {} : { body }) });
      expect({ route, status: reply.status }).toEqual({ route, status });
      expect(reply.body.error).toContain(message);
    }
    // bytes that are not HTTP at all
    await new Promise<void>((resolve) => {
      const socket = connect(Number(new URL(server.url).port), "127.0.0.1", () =>
        socket.end("\x00\x01garbage\r\n\r\n"),
      );
      socket.on("close", () => resolve());
      socket.on("error", () => resolve());
      socket.resume();
    });
    expect((await call(`${server.url}/predict`, { body: [{ age: 40 }] })).status).toBe(200);
    const metrics = (await call(`${server.url}/metrics`)).body as string;
    expect(metrics).toMatch(/mlgate_requests_total\{endpoint="predict",code="400"\} 4/);
    expect(metrics).toMatch(/mlgate_requests_total\{endpoint="predict",code="200"\} 1/);
    expect(server.child.exitCode).toBeNull();
    expect(await server.stop()).toBe(0);
  });

  it("says what is wrong on the command line with exit 2", async () => {
    const { runCli } = await import("../cli/run-cli.js");
    const cases: [string[], string][] = [
      [["serve", "churn@staging"], "model 'churn' has no alias 'staging'"],
      [["serve", "churn"], "'churn' is not <model>@<version|alias>"],
      [["serve", "churn@production", "--port", "http"], "--port must be a number from 0 to 65535"],
      [["serve", "churn@production", "--colour", "red"], "unknown option --colour"],
      [["pull", "churn@staging"], "model 'churn' has no alias 'staging'"],
    ];
    for (const [args, message] of cases) {
      const result = runCli(args, { cwd: workspace.cwd });
      expect(result.status).toBe(2);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
      expect(result.stderr).toContain(message);
    }
  });
});
