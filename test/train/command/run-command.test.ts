/** The training command's contract and its process: env, live lines, exit codes, timeouts that leave nothing behind. */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { contractEnv, paramVariable, runCommand } from "../../../src/core/train/command/index.js";
import { tempDir } from "../../support/temp.js";

function script(dir: string, name: string, source: string): string {
  writeFileSync(path.join(dir, name), source);
  return `"${process.execPath}" ${name}`;
}

/** Running, not merely a zombie waiting to be reaped (an orphan's reaper may be slow or absent in a container). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = `/proc/${pid}/stat`;
  if (!existsSync(stat)) return true;
  const state = readFileSync(stat, "utf8").split(") ")[1]?.[0];
  return state !== "Z" && state !== "X";
}

describe("the training command", () => {
  it("sees data, params and output dir in its environment, and runs in the working directory", async () => {
    const dir = await tempDir("mlgate-command-");
    const paramsFile = path.join(dir, "params.json");
    const params = { C: 0.5, "max-iter": 200, solver: "lbfgs", layers: [64, 32], balanced: true };
    writeFileSync(paramsFile, JSON.stringify(params));
    const env = contractEnv({ data: ["a.csv", "b.csv"], paramsFile, params, outputDir: path.join(dir, "out") });
    const command = script(
      dir,
      "train.mjs",
      `import { mkdirSync, writeFileSync, readFileSync } from "node:fs";
const out = process.env.MLGATE_OUTPUT_DIR;
mkdirSync(out, { recursive: true });
const seen = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith("MLGATE_")));
writeFileSync(out + "/seen.json", JSON.stringify({ seen, cwd: process.cwd(), params: JSON.parse(readFileSync(process.env.MLGATE_PARAMS, "utf8")) }));`,
    );
    const result = await runCommand({ command, cwd: dir, env: { PATH: process.env.PATH, ...env }, onLine: () => {} });
    expect(result).toMatchObject({ exitCode: 0, timedOut: false });
    const seen = JSON.parse(readFileSync(path.join(dir, "out", "seen.json"), "utf8"));
    expect(seen.cwd).toBe(dir);
    expect(seen.params).toEqual(params);
    expect(seen.seen).toEqual({
      MLGATE_DATA: ["a.csv", "b.csv"].join(path.delimiter),
      MLGATE_PARAMS: paramsFile,
      MLGATE_OUTPUT_DIR: path.join(dir, "out"),
      MLGATE_PARAM_C: "0.5",
      MLGATE_PARAM_MAX_ITER: "200",
      MLGATE_PARAM_SOLVER: "lbfgs",
      MLGATE_PARAM_LAYERS: "[64,32]",
      MLGATE_PARAM_BALANCED: "true",
    });
    expect(paramVariable("learning.rate")).toBe("MLGATE_PARAM_LEARNING_RATE");
  });

  it("streams both outputs line by line as they come, and reports a failing exit code with the last lines", async () => {
    const dir = await tempDir("mlgate-command-");
    const command = script(
      dir,
      "fail.mjs",
      `for (let i = 1; i <= 40; i++) console.log("epoch " + i);
process.stderr.write("loss diverged\\npartial line without end");
process.exit(3);`,
    );
    const lines: string[] = [];
    const result = await runCommand({
      command,
      cwd: dir,
      env: { PATH: process.env.PATH },
      onLine: (line, stream) => lines.push(`${stream}: ${line}`),
    });
    expect(result.exitCode).toBe(3);
    expect(lines.slice(0, 2)).toEqual(["stdout: epoch 1", "stdout: epoch 2"]);
    expect(lines).toContain("stderr: loss diverged");
    expect(lines).toContain("stderr: partial line without end");
    expect(result.lastLines).toHaveLength(30);
    expect(result.lastLines).toContain("epoch 40");
    expect(result.lastLines).not.toContain("epoch 1");
  });

  it("stops the command and the processes it started when the timeout passes", async () => {
    const dir = await tempDir("mlgate-command-");
    const pidFile = path.join(dir, "grandchild.pid");
    const command = script(
      dir,
      "hang.mjs",
      `import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
writeFileSync(${JSON.stringify(pidFile)}, String(child.pid));
console.log("started");
setInterval(() => {}, 1000);`,
    );
    const result = await runCommand({
      command,
      cwd: dir,
      env: { PATH: process.env.PATH },
      timeoutMs: 1500,
      onLine: () => {},
    });
    expect(result.timedOut).toBe(true);
    expect(result.exitCode === 0).toBe(false);
    expect(result.lastLines).toEqual(["started"]);
    expect(existsSync(pidFile)).toBe(true);
    const grandchild = Number(readFileSync(pidFile, "utf8"));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(alive(grandchild)).toBe(false);
  });
});
