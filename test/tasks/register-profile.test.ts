/** register stores a training-data profile only when it is one: a wrong file is bad input, and nothing is stored. */
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli/run-cli.js";

describe("register --profile", () => {
  it("refuses a file that is not an mlgate profile, naming the key, and writes nothing", () => {
    const cwd = mkdtempSync(path.join(os.tmpdir(), "mlgate-register-profile-"));
    writeFileSync(path.join(cwd, "metrics.json"), JSON.stringify({ auc: 0.9 }));
    const model = path.resolve("test/fixtures/onnx/regressor.onnx");
    const run = runCli(["register", "--model", model, "--name", "churn", "--profile", "metrics.json"], { cwd });
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toContain(
      "metrics.json 'format': is not an mlgate profile (format must be 'mlgate.profile') — pass a profile written by mlgate (validate-data profile-out)",
    );
    expect(existsSync(path.join(cwd, ".mlgate"))).toBe(false);
  });
});
