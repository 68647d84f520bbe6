import { spawnSync } from "node:child_process";
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { feedsBatch, formatLogBatch, recordsBatch } from "../../src/serve/log-lines.js";
import { float32Text } from "../../src/serve/number-text.js";
import { FileSink, finishAbandonedFiles, PredictionLog } from "../../src/serve/prediction-log.js";
import { tempDir } from "../support/temp.js";

const line = (i: number) => `${JSON.stringify({ i, text: "x".repeat(40) })}\n`;

describe("the prediction log", () => {
  it("shows a file under its final name only when complete, and rotates by size", async () => {
    const dir = await tempDir();
    const log = new PredictionLog({ sink: new FileSink(dir), sample: 1, rotateBytes: 2_000, rotateMs: 3_600_000 });
    const names = async (suffix: string) => (await readdir(dir)).filter((name) => name.endsWith(suffix));
    /** the log flushes about once a second: wait for what the next flushes must show */
    const eventually = async (suffix: string, count: number) => {
      for (let waited = 0; (await names(suffix)).length !== count && waited < 20_000; waited += 50) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return names(suffix);
    };
    for (let i = 0; i < 20; i++) log.write(line(i), 1);
    expect(await eventually(".jsonl.open", 1)).toHaveLength(1);
    expect(await names(".jsonl")).toHaveLength(0);

    for (let i = 20; i < 40; i++) log.write(line(i), 1);
    expect(await eventually(".jsonl", 1)).toHaveLength(1);
    expect(await names(".jsonl.open")).toHaveLength(0);

    for (let i = 40; i < 60; i++) log.write(line(i), 1);
    await log.close();
    const files = (await readdir(dir)).sort();
    expect(files.every((name) => /^predictions-\d{8}T\d{6}Z-\d+-\d+\.jsonl$/.test(name))).toBe(true);
    expect(files.length).toBe(2);
    const rows = (await Promise.all(files.map((name) => readFile(path.join(dir, name), "utf8"))))
      .join("")
      .trimEnd()
      .split("\n")
      .map((text) => JSON.parse(text).i);
    expect(rows).toEqual(Array.from({ length: 60 }, (_, i) => i));
  });

  it("samples about the share of requests it is told to", () => {
    const log = new PredictionLog({
      sink: new FileSink("/nonexistent"),
      sample: 0.25,
      rotateBytes: 1e9,
      rotateMs: 1e9,
    });
    let sampled = 0;
    for (let i = 0; i < 20_000; i++) if (log.sampled()) sampled++;
    expect(sampled / 20_000).toBeGreaterThan(0.23);
    expect(sampled / 20_000).toBeLessThan(0.27);
    void log.close();
  });

  it("completes the files of a server that died mid-line, and leaves a live server's alone", async () => {
    const dir = await tempDir();
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
    const deadFile = `predictions-20261125T010000Z-${dead.stdout}-1.jsonl.open`;
    const liveFile = `predictions-20261125T010000Z-${process.pid}-1.jsonl.open`;
    await writeFile(path.join(dir, deadFile), `${line(1)}${line(2)}{"i":3,"te`);
    await writeFile(path.join(dir, liveFile), line(1));

    expect(await finishAbandonedFiles(dir)).toEqual([deadFile.replace(/\.open$/, "")]);
    expect(await readFile(path.join(dir, deadFile.replace(/\.open$/, "")), "utf8")).toBe(`${line(1)}${line(2)}`);
    expect((await readdir(dir)).sort()).toEqual([deadFile.replace(/\.open$/, ""), liveFile].sort());
  });

  it("writes records as sent and inference tensors by column, through the log worker", async () => {
    const dir = await tempDir();
    const log = new PredictionLog({ sink: new FileSink(dir), sample: 1, rotateBytes: 1e9, rotateMs: 1e9 });
    const context = { model: "churn", version: 4, target: "churned", at: new Date("2026-11-25T02:00:00Z") };
    const classified = {
      rows: 2,
      values: ["no", "yes"],
      classes: ["no", "yes"],
      probabilities: Float32Array.of(0.75, 0.25, 0.1, 0.9),
    };
    log.record(recordsBatch(JSON.stringify({ records: [{ age: 31, plan: "pro" }, {}] }), classified, context));
    const inputs = [
      { name: "age", elemType: "float32" as const, rowDims: [1] },
      { name: "visits", elemType: "int64" as const, rowDims: [1] },
      { name: "plan", elemType: "string" as const, rowDims: [1] },
    ];
    const feeds = new Map<string, Float32Array | BigInt64Array | string[]>([
      ["age", Float32Array.of(0.1, Number.NaN)],
      ["visits", BigInt64Array.of(3n, 4n)],
      ["plan", ["basic", 'a "quoted" plan']],
    ]);
    log.record(
      feedsBatch(
        inputs,
        { kind: "per-column", fields: ["age", "visits", "plan"] },
        feeds,
        { rows: 2, values: [1.5, 2.25] },
        context,
      ),
    );
    await log.close();
    const [file] = await readdir(dir);
    const lines = (await readFile(path.join(dir, file as string), "utf8"))
      .trimEnd()
      .split("\n")
      .map((text) => JSON.parse(text));
    const head = { _at: "2026-11-25T02:00:00.000Z", _model: "churn", _version: 4 };
    expect(lines).toEqual([
      { ...head, age: 31, plan: "pro", churned: "no", _probability: 0.75 },
      { ...head, churned: "yes", _probability: 0.9 },
      { ...head, age: 0.1, visits: 3, plan: "basic", churned: 1.5 },
      { ...head, age: null, visits: 4, plan: 'a "quoted" plan', churned: 2.25 },
    ]);
  });

  it("copies each record as sent, whatever its strings hold, and parses bodies it cannot copy line by line", () => {
    const records = [{ plan: 'a } { "b" \\', age: 3 }, {}, { nested: { x: [1, { y: "}" }] }, note: "é\u2028" }];
    const context = { model: "m", version: 1, target: "y", at: new Date(0) };
    const predictions = { rows: 3, values: [1, 2, 3] };
    for (const body of [
      JSON.stringify(records),
      ` [ ${records.map((r) => JSON.stringify(r)).join(" ,\n ")} ] `,
      JSON.stringify(records, null, 2),
      JSON.stringify({ records }),
    ]) {
      const lines = formatLogBatch(recordsBatch(body, predictions, context), float32Text)
        .trimEnd()
        .split("\n");
      expect(lines.map((line) => JSON.parse(line))).toEqual(
        records.map((record, i) => ({
          _at: "1970-01-01T00:00:00.000Z",
          _model: "m",
          _version: 1,
          ...record,
          y: i + 1,
        })),
      );
    }
  });
});
