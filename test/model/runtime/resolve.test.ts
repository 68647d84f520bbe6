import { existsSync } from "node:fs";
import { mkdir, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { InputError } from "../../../src/core/errors.js";
import {
  type OnnxRuntime,
  type ResolveOptions,
  type RuntimePin,
  resolveOnnxRuntime,
} from "../../../src/core/model/runtime/index.js";
import { freePort } from "../../support/ports.js";
import { tempDir } from "../../support/temp.js";
import {
  type FakeRegistry,
  LONG_GNU,
  LONG_PREFIXED,
  nodeModules,
  packInstalled,
  regressorPath,
  sri,
  startRegistry,
} from "./support.js";

const VERSION = "1.23.2";
const platformDir = `${process.platform}-${process.arch}`;
const notInstalled = async () => {
  throw Object.assign(new Error("Cannot find package 'onnxruntime-node'"), { code: "ERR_MODULE_NOT_FOUND" });
};

let registry: FakeRegistry;
let pin: RuntimePin;
let nodeTarball: Buffer;

beforeAll(async () => {
  registry = await startRegistry();
  nodeTarball = await packInstalled("onnxruntime-node", [
    { path: LONG_PREFIXED, data: Buffer.from("// prefixed") },
    { path: LONG_GNU, data: Buffer.from("// gnu"), longName: "gnu" },
  ]);
  const commonTarball = await packInstalled("onnxruntime-common");
  registry.serve(`/onnxruntime-node/-/onnxruntime-node-${VERSION}.tgz`, nodeTarball);
  registry.serve(`/onnxruntime-common/-/onnxruntime-common-${VERSION}.tgz`, commonTarball);
  pin = { version: VERSION, integrity: sri(nodeTarball), common: { version: VERSION, integrity: sri(commonTarball) } };
});

afterAll(() => registry.close());

beforeEach(() => {
  registry.requests.length = 0;
});

async function options(overrides: Partial<ResolveOptions> = {}): Promise<ResolveOptions> {
  return {
    cacheDir: await tempDir("mlgate-ort-cache-"),
    registryUrl: registry.url,
    pin,
    importInstalled: notInstalled,
    ...overrides,
  };
}

async function predict(runtime: OnnxRuntime): Promise<number[]> {
  const session = await runtime.InferenceSession.create(regressorPath);
  const features = new runtime.Tensor("float32", Float32Array.from([1, 2, 3, 4, 5, 6]), [2, 3]);
  const result = await session.run({ features });
  await session.release();
  const output = result.variable;
  expect(output?.dims).toEqual([2, 1]);
  return Array.from(output?.data as Float32Array);
}

async function refusal(promise: Promise<unknown>): Promise<InputError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

async function filesUnder(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) =>
      join(entry.parentPath, entry.name)
        .slice(dir.length + 1)
        .split("\\")
        .join("/"),
    );
}

describe("resolveOnnxRuntime from the registry", () => {
  it("downloads, verifies, unpacks only this platform and runs a model; the next run uses the cache", async () => {
    const base = await options();
    const lines: string[] = [];
    const downloaded = await resolveOnnxRuntime({ ...base, log: (line) => lines.push(line) });
    expect(downloaded.source).toBe("download");
    expect(downloaded.version).toBe(VERSION);
    expect(registry.requests).toEqual([
      `/onnxruntime-node/-/onnxruntime-node-${VERSION}.tgz`,
      `/onnxruntime-common/-/onnxruntime-common-${VERSION}.tgz`,
    ]);
    expect(lines.at(-1)).toMatch(/downloaded, verified and cached in/);

    const runtimeDir = join(base.cacheDir, "onnxruntime-node", VERSION, platformDir);
    expect(downloaded.location).toBe(join(runtimeDir, "node_modules", "onnxruntime-node"));
    expect(await readdir(join(base.cacheDir, "onnxruntime-node", VERSION))).toEqual([platformDir]);
    const files = await filesUnder(runtimeDir);
    const binaries = files.filter((file) => file.includes("/bin/"));
    expect(binaries.length).toBeGreaterThan(0);
    expect(binaries.every((file) => file.includes(`/bin/napi-v6/${process.platform}/${process.arch}/`))).toBe(true);
    expect(files.some((file) => /darwin|win32|\.dll$|\.dylib$/.test(file))).toBe(false);
    expect(files.some((file) => file.includes("/script/") || file.endsWith("README.md"))).toBe(false);
    expect(files).toContain(`node_modules/onnxruntime-node/${LONG_PREFIXED}`);
    expect(files).toContain(`node_modules/onnxruntime-node/${LONG_GNU}`);
    expect(files).toContain("node_modules/onnxruntime-common/package.json");

    const predictions = await predict(downloaded);
    expect(predictions.every(Number.isFinite)).toBe(true);

    registry.requests.length = 0;
    const cached = await resolveOnnxRuntime(base);
    expect(cached.source).toBe("cache");
    expect(cached.location).toBe(downloaded.location);
    expect(registry.requests).toEqual([]);
    expect(await predict(cached)).toEqual(predictions);
  });

  it("refuses a tarball with one byte flipped and leaves nothing in the cache", async () => {
    const corrupted = Buffer.from(nodeTarball);
    const middle = Math.floor(corrupted.length / 2);
    corrupted[middle] = (corrupted[middle] as number) ^ 0xff;
    const path = "/corrupted/onnxruntime-node/-/onnxruntime-node-1.23.2.tgz";
    registry.serve(path, corrupted);
    const base = await options({ registryUrl: `${registry.url}/corrupted` });

    const error = await refusal(resolveOnnxRuntime(base));
    expect(error.message).toContain(`${registry.url}${path} does not match the integrity package-lock.json pins`);
    expect(error.message).toContain(`expected ${pin.integrity}, got sha512-`);
    expect(error.message).toContain("refused, nothing was cached");
    expect(error.message).not.toContain("\n");
    expect(await readdir(join(base.cacheDir, "onnxruntime-node", VERSION))).toEqual([]);
  });

  it("says what was tried and what to do when the pinned version is not on the registry", async () => {
    const base = await options({ pin: { ...pin, version: "9.9.9" } });
    const error = await refusal(resolveOnnxRuntime(base));
    const cacheDir = join(base.cacheDir, "onnxruntime-node", "9.9.9", platformDir);
    expect(error.message).toBe(
      `no ONNX Runtime for ${platformDir}: not installed, not cached in ${cacheDir}, and the download from ${registry.url} ` +
        `failed (HTTP 404 Not Found: ${registry.url}/onnxruntime-node/-/onnxruntime-node-9.9.9.tgz) — ` +
        "set onnxruntime-path to an unpacked onnxruntime-node package, or allow access to the npm registry",
    );
    expect(await readdir(join(base.cacheDir, "onnxruntime-node", "9.9.9"))).toEqual([]);
  });

  it("names the network error when the registry is unreachable", async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const error = await refusal(resolveOnnxRuntime(await options({ registryUrl: closed })));
    expect(error.message).toMatch(new RegExp(`and the download from ${closed} failed \\(ECONNREFUSED: `));
  });

  it("says when the cache folder cannot be written", async () => {
    const file = join(await tempDir("mlgate-ort-cache-"), "a-file");
    await writeFile(file, "not a folder");
    const error = await refusal(resolveOnnxRuntime(await options({ cacheDir: file })));
    expect(error.message).toMatch(new RegExp(`^cannot write the ONNX Runtime cache in ${file} \\(ENOTDIR\\) — `));
  });

  it("lets concurrent runs fill the cache without seeing a half-written copy", async () => {
    const base = await options();
    const lines: string[] = [];
    const log = (line: string) => lines.push(line);
    const runtimes = await Promise.all([resolveOnnxRuntime({ ...base, log }), resolveOnnxRuntime({ ...base, log })]);
    expect(runtimes.map((runtime) => runtime.source)).toEqual(["download", "download"]);
    expect(lines.filter((line) => line.includes("another run cached it first"))).toHaveLength(1);
    expect(runtimes[0]?.location).toBe(runtimes[1]?.location);
    expect(await readdir(join(base.cacheDir, "onnxruntime-node", VERSION))).toEqual([platformDir]);
  });

  it("replaces a cached copy that does not load", async () => {
    const base = await options();
    const packageDir = join(
      base.cacheDir,
      "onnxruntime-node",
      VERSION,
      platformDir,
      "node_modules",
      "onnxruntime-node",
    );
    await mkdir(packageDir, { recursive: true });
    await writeFile(join(packageDir, "package.json"), JSON.stringify({ name: "onnxruntime-node", main: "missing.js" }));
    const runtime = await resolveOnnxRuntime(base);
    expect(runtime.source).toBe("download");
    expect(existsSync(join(packageDir, "dist", "index.js"))).toBe(true);
  });
});

describe("resolveOnnxRuntime from an installed copy or onnxruntime-path", () => {
  it("prefers an installed onnxruntime-node and asks no registry", async () => {
    const runtime = await resolveOnnxRuntime(await options({ importInstalled: undefined }));
    expect(runtime.source).toBe("installed");
    expect(runtime.version).toBe(VERSION);
    expect(registry.requests).toEqual([]);
    expect((await predict(runtime)).every(Number.isFinite)).toBe(true);
  });

  it("uses only onnxruntime-path when it is given", async () => {
    for (const path of [join(nodeModules, ".."), join(nodeModules, "onnxruntime-node")]) {
      const runtime = await resolveOnnxRuntime(await options({ explicitPath: path }));
      expect(runtime.source).toBe("path");
      expect(runtime.location).toBe(join(nodeModules, "onnxruntime-node"));
    }
    expect(registry.requests).toEqual([]);
  });

  it("refuses an onnxruntime-path without a usable package, naming the input", async () => {
    const empty = await tempDir("mlgate-ort-path-");
    const missing = await refusal(resolveOnnxRuntime(await options({ explicitPath: empty })));
    expect(missing.message).toMatch(/^'onnxruntime-path': .* holds no onnxruntime-node package — set onnxruntime-path/);
    expect(missing.where.key).toBe("onnxruntime-path");

    const broken = join(empty, "node_modules", "onnxruntime-node");
    await mkdir(broken, { recursive: true });
    await writeFile(join(broken, "package.json"), JSON.stringify({ name: "onnxruntime-node", version: VERSION }));
    const unusable = await refusal(resolveOnnxRuntime(await options({ explicitPath: empty })));
    expect(unusable.message).toMatch(
      new RegExp(`^'onnxruntime-path': the onnxruntime-node in ${broken} does not load on ${platformDir} \\(`),
    );
    expect(registry.requests).toEqual([]);
  });
});
