/** What identifies a training run: its code, its environment, and the run cache key made of them. */
import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../../../src/core/errors.js";
import {
  codeDigest,
  describeEnvironment,
  type RunCacheInputs,
  runCacheKey,
} from "../../../src/core/train/lineage/index.js";
import { tempDir } from "../../support/temp.js";

async function repository(): Promise<string> {
  const dir = await tempDir("mlgate-code-");
  const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, stdio: "ignore" });
  git("init", "-q");
  mkdirSync(path.join(dir, "src"));
  writeFileSync(path.join(dir, "train.py"), "print('train')\n");
  writeFileSync(path.join(dir, "src", "features.py"), "X = 1\n");
  writeFileSync(path.join(dir, ".gitignore"), "out/\n");
  git("add", ".");
  git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "init");
  return dir;
}

describe("the code digest", () => {
  it("changes with a tracked file, not with ignored or untracked ones, and says when the checkout is dirty", async () => {
    const dir = await repository();
    const clean = await codeDigest(dir);
    expect(clean).toMatchObject({ files: 3, dirty: false });
    mkdirSync(path.join(dir, "out"));
    writeFileSync(path.join(dir, "out", "model.onnx"), "bytes");
    writeFileSync(path.join(dir, "notes.txt"), "untracked");
    expect(await codeDigest(dir)).toEqual(clean);
    writeFileSync(path.join(dir, "src", "features.py"), "X = 2\n");
    const edited = await codeDigest(dir);
    expect(edited.digest).not.toBe(clean.digest);
    expect(edited.dirty).toBe(true);
  });

  it("covers only the files the globs name when given", async () => {
    const dir = await repository();
    const globbed = await codeDigest(dir, ["src/**/*.py"]);
    expect(globbed.files).toBe(1);
    writeFileSync(path.join(dir, "train.py"), "print('changed')\n");
    expect((await codeDigest(dir, ["src/**/*.py"])).digest).toBe(globbed.digest);
  });

  it("outside a git checkout, asks for code globs", async () => {
    const dir = await tempDir("mlgate-nogit-");
    await expect(codeDigest(dir)).rejects.toBeInstanceOf(InputError);
    await expect(codeDigest(dir)).rejects.toThrow(/name the code files with 'code' globs/);
  });
});

describe("the environment", () => {
  it("lists lock files with their digests and the Python version when the command uses Python", async () => {
    const dir = await tempDir("mlgate-env-");
    writeFileSync(path.join(dir, "requirements-train.txt"), "scikit-learn==1.5.0\n");
    writeFileSync(path.join(dir, "uv.lock"), "version = 1\n");
    writeFileSync(path.join(dir, "README.md"), "not a lock file\n");
    const bin = path.join(dir, "bin");
    mkdirSync(bin);
    writeFileSync(path.join(bin, "python3"), "#!/bin/sh\necho 'Python 3.99.1'\n");
    chmodSync(path.join(bin, "python3"), 0o755);
    const env = { PATH: `${bin}:${process.env.PATH}` };
    const described = await describeEnvironment(dir, env, "python train.py --epochs 3");
    expect(described.python).toBe("Python 3.99.1");
    expect(Object.keys(described.lockfiles)).toEqual(["requirements-train.txt", "uv.lock"]);
    expect(described.lockfiles["uv.lock"]).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(described.node).toBe(process.version);
    expect((await describeEnvironment(dir, env, "Rscript train.R")).python).toBeUndefined();
  });
});

describe("the run cache key", () => {
  const inputs: RunCacheInputs = {
    task: "train",
    mlgateVersion: "0.1.0",
    data: { "data/train.csv": "sha256:aa" },
    params: { C: 1, solver: "lbfgs" },
    command: "python train.py",
    code: "sha256:bb",
    environment: {
      os: "linux-x64 6.1.0",
      node: "v20.20.2",
      python: "Python 3.11.4",
      lockfiles: { "uv.lock": "sha256:cc" },
    },
  };

  it("does not depend on key order or the OS release, and changes with every input that decides the outputs", () => {
    const key = runCacheKey(inputs);
    expect(runCacheKey({ ...inputs, params: { solver: "lbfgs", C: 1 } })).toBe(key);
    expect(runCacheKey({ ...inputs, environment: { ...inputs.environment, os: "linux-x64 6.8.0" } })).toBe(key);
    const changed: Partial<RunCacheInputs>[] = [
      { data: { "data/train.csv": "sha256:ab" } },
      { params: { C: 2, solver: "lbfgs" } },
      { command: "python train.py --fast" },
      { code: "sha256:bc" },
      { mlgateVersion: "0.2.0" },
      { environment: { ...inputs.environment, lockfiles: { "uv.lock": "sha256:cd" } } },
      { environment: { ...inputs.environment, python: "Python 3.12.0" } },
    ];
    for (const change of changed) expect(runCacheKey({ ...inputs, ...change })).not.toBe(key);
  });
});
