import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { taskSpecs } from "../../src/tasks/specs.js";
import { jsonOutputs, runCli } from "./run-cli.js";

const fixture = path.resolve("test/fixtures/onnx/classifier-zipmap-int64.onnx");
const otherFixture = path.resolve("test/fixtures/onnx/regressor.onnx");

function workspace(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "mlgate-cli-"));
  cpSync(fixture, path.join(dir, "model.onnx"));
  cpSync(otherFixture, path.join(dir, "other.onnx"));
  writeFileSync(
    path.join(dir, "metrics.json"),
    JSON.stringify({ auc: 0.91, val: { f1: 0.8 }, note: "text is kept out of metrics" }),
  );
  writeFileSync(path.join(dir, "params.yaml"), "C: 1.0\nmax_iter: 200\n");
  execFileSync("git", ["init", "-q", "-b", "feature/x"], { cwd: dir });
  execFileSync("git", ["config", "user.name", "Ada"], { cwd: dir });
  execFileSync("git", ["-c", "user.email=a@example.com", "commit", "-q", "--allow-empty", "-m", "init"], { cwd: dir });
  return dir;
}

const sha256 = (file: string) => `sha256:${createHash("sha256").update(readFileSync(file)).digest("hex")}`;

describe.each([
  { backend: "file", registry: () => ".mlgate/registry", env: (): Record<string, string> => ({}) },
  {
    backend: "azure-blob",
    registry: () => `az://cli${Math.random().toString(36).slice(2, 10)}/models`,
    env: (): Record<string, string> => ({ AZURE_STORAGE_CONNECTION_STRING: inject("azuriteConnectionString") }),
  },
])("mlgate register on the $backend backend", ({ registry, env }) => {
  it("registers a version with its lineage, returns it again for the same digest, and lists it", () => {
    const cwd = workspace();
    const store = registry();
    const base = ["--name", "churn", "--registry", store, "--json"];
    const first = jsonOutputs(
      runCli(
        [
          "register",
          "--model",
          "model.onnx",
          "--metrics",
          "metrics.json",
          "--params",
          "params.yaml",
          "--tags",
          "team=risk,stage=dev",
          "--alias",
          "candidate",
          ...base,
        ],
        {
          cwd,
          env: env(),
        },
      ),
    );
    expect(first).toMatchObject({ version: "1", digest: sha256(path.join(cwd, "model.onnx")), created: "true" });
    expect(first.uri).toMatch(/#churn@1$/);

    const again = jsonOutputs(runCli(["register", "--model", "model.onnx", ...base], { cwd, env: env() }));
    expect(again).toMatchObject({ version: "1", created: "false" });
    const duplicate = jsonOutputs(
      runCli(["register", "--model", "model.onnx", "--allow-duplicate", ...base], { cwd, env: env() }),
    );
    expect(duplicate).toMatchObject({ version: "2", created: "true" });
    const other = jsonOutputs(
      runCli(["register", "--model", "other.onnx", "--alias", "candidate", ...base], { cwd, env: env() }),
    );
    expect(other).toMatchObject({ version: "3", created: "true" });

    const shown = JSON.parse(
      runCli(["registry", "show", "churn@1", "--registry", store, "--json"], { cwd, env: env() }).stdout,
    );
    const commit = execFileSync("git", ["rev-parse", "HEAD"], { cwd, encoding: "utf8" }).trim();
    expect(shown).toMatchObject({
      model: "churn",
      version: 1,
      metrics: { auc: 0.91, "val.f1": 0.8 },
      tags: { team: "risk", stage: "dev" },
      lineage: { task: "register", host: "cli", commit, branch: "feature/x", actor: "Ada" },
    });
    expect(Object.keys(shown.lineage.inputDigests).sort()).toEqual(["metrics", "model", "params"]);
    expect(shown.signature.outputs.length).toBeGreaterThan(0);

    const versions = runCli(["registry", "versions", "churn", "--registry", store], { cwd, env: env() });
    expect(versions.stdout).toMatch(/v1 /);
    expect(versions.stdout).toMatch(/v3 .*candidate/);
    const history = JSON.parse(
      runCli(["registry", "history", "churn", "--registry", store, "--json"], { cwd, env: env() }).stdout,
    );
    expect(history.map((move: { from: number | null; to: number }) => [move.from, move.to])).toEqual([
      [null, 1],
      [1, 3],
    ]);
    const verify = runCli(["registry", "verify", "--registry", store], { cwd, env: env() });
    expect(verify.status).toBe(0);
    expect(verify.stdout).toMatch(/^ok: .* 3 versions/);
  });
});

describe("bad input exits 2 with one line and writes nothing", () => {
  const cases: { name: string; args: string[]; message: RegExp; setup?: (cwd: string) => void }[] = [
    {
      name: "missing model file",
      args: ["--model", "absent.onnx", "--name", "churn"],
      message: /absent\.onnx.*not found/,
    },
    {
      name: "a text file as model",
      args: ["--model", "metrics.json", "--name", "churn"],
      message: /metrics\.json.*ONNX/i,
    },
    { name: "unsafe model name", args: ["--model", "model.onnx", "--name", "../evil"], message: /'name'/ },
    { name: "upper-case model name", args: ["--model", "model.onnx", "--name", "Churn"], message: /'name'/ },
    {
      name: "malformed registry URL",
      args: ["--model", "model.onnx", "--name", "churn", "--registry", "az://"],
      message: /'registry'/,
    },
    { name: "missing required input", args: ["--model", "model.onnx"], message: /--name is required/ },
    {
      name: "malformed tag",
      args: ["--model", "model.onnx", "--name", "churn", "--tags", "oops"],
      message: /tag 'oops'/,
    },
    {
      name: "metrics that are not JSON",
      args: ["--model", "model.onnx", "--name", "churn", "--metrics", "bad.json"],
      message: /bad\.json:2:\d+/,
      setup: (cwd) => writeFileSync(path.join(cwd, "bad.json"), '{\n  "auc": 0.9,,\n}'),
    },
    {
      name: "unknown option",
      args: ["--model", "model.onnx", "--name", "churn", "--modle", "x"],
      message: /unknown option --modle/,
    },
  ];
  it.each(cases)("$name", ({ args, message, setup }) => {
    const cwd = workspace();
    setup?.(cwd);
    const result = runCli(["register", ...args], { cwd });
    expect(result.status).toBe(2);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(path.join(cwd, ".mlgate")) ? readdirSync(path.join(cwd, ".mlgate")) : []).toEqual([]);
  });

  it("wrong storage credentials: one line, no secret echoed, nothing written", () => {
    const cwd = workspace();
    const good = inject("azuriteConnectionString");
    const wrongKey = Buffer.from("not-the-key-".repeat(6)).toString("base64");
    const bad = good.replace(/AccountKey=[^;]+/, `AccountKey=${wrongKey}`);
    const result = runCli(
      ["register", "--model", "model.onnx", "--name", "churn", "--registry", "az://wrongcreds/models"],
      {
        cwd,
        env: { AZURE_STORAGE_CONNECTION_STRING: bad },
      },
    );
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).not.toContain(wrongKey);
    expect(result.stderr).toMatch(/credential|AuthenticationFailed|AZURE_STORAGE_CONNECTION_STRING/i);
  });
});

describe("mlgate --help comes from the spec", () => {
  it("lists every task and every input of register", () => {
    const cwd = workspace();
    const main = runCli(["--help"], { cwd });
    expect(main.status).toBe(0);
    for (const spec of taskSpecs) expect(main.stdout).toContain(spec.name);
    const help = runCli(["register", "--help"], { cwd });
    const register = taskSpecs.find((spec) => spec.name === "register");
    for (const input of register?.inputs ?? []) expect(help.stdout).toContain(`--${input.name}`);
    expect(runCli(["frobnicate"], { cwd }).status).toBe(2);
  });
});
