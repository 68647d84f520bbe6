import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { Agent, request } from "node:http";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli/run-cli.js";
import { call, holdoutRecords, servingWorkspace, startServe } from "./serving.js";

function post(agent: Agent, url: string, body: unknown): Promise<{ status: number; version: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/predict`,
      { method: "POST", agent, headers: { "content-type": "application/json" } },
      (res) => {
        res.resume();
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, version: res.headers["mlgate-model-version"] as string }),
        );
      },
    );
    req.on("error", reject);
    req.end(JSON.stringify(body));
  });
}

describe("mlgate serve's life", () => {
  const workspace = servingWorkspace();
  const records = holdoutRecords(readFileSync(path.join(workspace.cwd, "holdout.csv"), "utf8"));

  it("answers every request in flight when told to stop, then exits 0 and completes its log", async () => {
    const server = await startServe(["churn@production", "--log-to", "logs"], workspace.cwd);
    const agent = new Agent({ keepAlive: true, maxSockets: 12 });
    await Promise.all(Array.from({ length: 12 }, () => post(agent, server.url, records.slice(0, 1))));
    const inFlight = Array.from({ length: 12 }, () => post(agent, server.url, records));
    const exited = server.stop("SIGTERM");
    const answers = await Promise.all(inFlight);
    expect(answers).toEqual(Array.from({ length: 12 }, () => ({ status: 200, version: "1" })));
    expect(await exited).toBe(0);
    agent.destroy();
    await expect(fetch(`${server.url}/v2/health/live`)).rejects.toThrow();
    const logged = readdirSync(path.join(workspace.cwd, "logs"));
    expect(logged.every((name) => name.endsWith(".jsonl"))).toBe(true);
    const lines = logged.flatMap((name) =>
      readFileSync(path.join(workspace.cwd, "logs", name), "utf8")
        .trimEnd()
        .split("\n"),
    );
    expect(lines).toHaveLength(12 + 12 * records.length);
    expect(server.stderr()).toContain("SIGTERM: finishing the requests in flight, then stopping");
  });

  it("shares the port among workers, with one scrape of everyone's metrics", async () => {
    const server = await startServe(["churn@production", "--workers", "2", "--log-to", "worker-logs"], workspace.cwd);
    const agent = new Agent({ keepAlive: true, maxSockets: 8 });
    for (let round = 0; round < 25; round++) {
      const answers = await Promise.all(
        Array.from({ length: 8 }, (_, i) => post(agent, server.url, [records[round * 8 + i]])),
      );
      expect(answers.every((answer) => answer.status === 200 && answer.version === "1")).toBe(true);
    }
    agent.destroy();
    const metrics = (await call(`${server.url}/metrics`)).body as string;
    expect(metrics).toMatch(/^mlgate_requests_total\{endpoint="predict",code="200"\} 200$/m);
    expect(metrics).toMatch(/^mlgate_model_version\{model="churn",alias="production"\} 1$/m);
    expect(await server.stop("SIGTERM")).toBe(0);
    const files = readdirSync(path.join(workspace.cwd, "worker-logs"));
    const pids = new Set(files.map((name) => /-(\d+)-\d+\.jsonl$/.exec(name)?.[1]));
    expect(pids.size).toBe(2);
    const lines = files.flatMap((name) =>
      readFileSync(path.join(workspace.cwd, "worker-logs", name), "utf8")
        .trimEnd()
        .split("\n"),
    );
    expect(lines).toHaveLength(200);
  });

  it("pulls the alias's model file, checked against its digest", () => {
    const pulled = runCli(["pull", "churn@production", "--out", "pulled.onnx", "--json"], { cwd: workspace.cwd });
    expect(pulled.status).toBe(0);
    const result = JSON.parse(pulled.stdout);
    const bytes = readFileSync(path.join(workspace.cwd, "pulled.onnx"));
    expect(result).toMatchObject({ model: "churn", version: 1 });
    expect(result.digest).toBe(`sha256:${createHash("sha256").update(bytes).digest("hex")}`);
    expect(bytes.equals(readFileSync(path.join(workspace.cwd, "v1/model.onnx")))).toBe(true);
  });
});
