/** train with a command, through the committed CLI bundle: the contract, the model check, failures. */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { RunRecord } from "../../../src/core/store/types.js";
import { jsonOutputs, runCli } from "../../cli/run-cli.js";
import { cacheEntries, commandWorkspace, readJson, regressorModel, runRecords, zipmapModel } from "./workspace.js";

function workspace(params: Record<string, unknown>): string {
  return commandWorkspace(params);
}

const train = ["train", "--data", "data.csv", "--command", "node train.mjs", "--params", "params.json"];

describe("train --command", () => {
  it("passes the contract, checks the ZipMap model against the data, records lineage and outputs", () => {
    const cwd = workspace({ model: zipmapModel, "learning-rate": 0.05, score: 0.81 });
    const run = runCli([...train, "--target", "label", "--env", "FEED_TOKEN=s3cr3t-feed\nPIP_INDEX_URL", "--json"], {
      cwd,
      env: { PIP_INDEX_URL: "https://pkgs.example/simple", INPUT_SECRET: "not-for-the-command" },
    });
    const out = jsonOutputs(run);
    expect(out.cached).toBe("false");
    expect(readFileSync(out.model as string)).toEqual(readFileSync(zipmapModel));
    expect(readJson(out.metrics as string)).toEqual({ validation: { score: 0.81 } });

    const seen = readJson<{ params: Record<string, unknown>; env: Record<string, string> }>(
      path.join(path.dirname(out.model as string), "seen.json"),
    );
    expect(seen.params).toEqual({ model: zipmapModel, "learning-rate": 0.05, score: 0.81 });
    expect(seen.env.MLGATE_DATA).toBe(path.join(cwd, "data.csv"));
    expect(seen.env.MLGATE_PARAM_LEARNING_RATE).toBe("0.05");
    expect(seen.env.FEED_TOKEN).toBe("s3cr3t-feed");
    expect(seen.env.PIP_INDEX_URL).toBe("https://pkgs.example/simple");
    expect(Object.keys(seen.env).filter((name) => name.startsWith("INPUT_"))).toEqual([]);
    expect(run.stderr).toContain("training with lr=0.05");
    expect(run.stderr).not.toContain("s3cr3t-feed");

    const signature = JSON.parse(out.signature as string);
    expect(signature.inputs).toEqual([{ name: "float_input", kind: "tensor", elemType: "float32", shape: [null, 4] }]);
    expect(signature.outputs.map((o: { kind: string }) => o.kind)).toEqual(["tensor", "sequence-map"]);

    const [record] = runRecords(cwd);
    expect(record?.id).toBe(out["run-id"]);
    expect(record?.params).toEqual(seen.params);
    const training = record?.training as NonNullable<RunRecord["training"]>;
    expect(training.trainer).toEqual({ command: "node train.mjs" });
    const fileDigest = `sha256:${createHash("sha256")
      .update(readFileSync(path.join(cwd, "data.csv")))
      .digest("hex")}`;
    expect(training.data).toMatchObject({ rows: 200, sources: [{ name: "data.csv", digest: fileDigest, rows: 200 }] });
    expect(training.code).toMatchObject({ files: 3, dirty: false });
    expect(training.environment.node).toBe(process.version);
    expect(training.metrics).toEqual({ "validation.score": 0.81 });
    expect(cacheEntries(cwd)).toHaveLength(1);
  });

  it.each([
    {
      name: "a failing command: its exit code and last lines",
      params: { fail: true, model: zipmapModel },
      message: /the training command exited with code 3/,
      extra: "boom: out of memory (pretend)",
    },
    {
      name: "no model written",
      params: { model: "none" },
      message: /model\.onnx: the training wrote no model\.onnx/,
    },
    { name: "a file that is not ONNX", params: { model: "garbage" }, message: /model\.onnx: is not an ONNX model/ },
    {
      name: "a signature that does not fit the data",
      params: { model: regressorModel },
      message: /model\.onnx.*'features'.*3.*4/,
    },
  ])("refuses $name: exit 2, nothing registered, nothing cached, no model left", ({ params, message, extra }) => {
    const cwd = workspace(params);
    const run = runCli([...train, "--target", "label"], { cwd });
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toMatch(message);
    if (extra) expect(run.stderr).toContain(extra);
    expect(runRecords(cwd)).toEqual([]);
    expect(cacheEntries(cwd)).toEqual([]);
    expect(existsSync(path.join(cwd, ".mlgate/train/model.onnx"))).toBe(false);
    expect(existsSync(path.join(cwd, ".mlgate/train/.runs"))).toBe(false);
  });

  it("stops a command at its timeout, children included", () => {
    const cwd = workspace({ sleep: 60_000, model: zipmapModel });
    const started = Date.now();
    const run = runCli([...train, "--timeout", "1s"], { cwd });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("the training command was stopped after the 1 s timeout");
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(runRecords(cwd)).toEqual([]);
  });

  it.each([
    { file: "params.json", content: '{"C": 1,,}', message: /params\.json:1:\d+/ },
    { file: "params.json", content: "[1, 2]", message: /params\.json 'params': must contain an object/ },
  ])("refuses an invalid params file before running anything ($content)", ({ file, content, message }) => {
    const cwd = workspace({});
    writeFileSync(path.join(cwd, file), content);
    const run = runCli(train, { cwd });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(existsSync(path.join(cwd, ".mlgate"))).toBe(false);
  });

  it.each([
    { args: ["--trainer", "builtin"], message: "both a command and a builtin trainer are given" },
    { args: ["--timeout", "soon"], message: "'timeout': 'soon' is not a duration" },
    { args: ["--env", "9BAD=x"], message: "'env': '9BAD' is not an environment variable name" },
    { args: ["--env", "MLGATE_UNSET_VARIABLE"], message: "MLGATE_UNSET_VARIABLE is not set on this runner" },
    { args: ["--target", "nope"], message: "'target': the data has no column 'nope'" },
    { args: ["--onnxruntime-path", "."], message: "holds no onnxruntime-node package" },
  ])("refuses bad input with one line: $message", ({ args, message }) => {
    const cwd = workspace({ model: zipmapModel });
    const run = runCli([...train, ...args], { cwd });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
    expect(runRecords(cwd)).toEqual([]);
  });
});
