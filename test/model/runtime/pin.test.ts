import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { InputError } from "../../../src/core/errors.js";
import { parseIntegrity } from "../../../src/core/model/runtime/integrity.js";
import { pinFromLockfile, runtimePinFromLockfile } from "../../../src/core/model/runtime/pin.js";

const lockPath = fileURLToPath(new URL("../../../package-lock.json", import.meta.url));

describe("pinFromLockfile", () => {
  it("reads onnxruntime-node and onnxruntime-common from this repository's lockfile", async () => {
    const lock = await readFile(lockPath, "utf8");
    const installed = JSON.parse(
      await readFile(new URL("../../../node_modules/onnxruntime-node/package.json", import.meta.url), "utf8"),
    ) as { version: string };
    const pin = runtimePinFromLockfile(lock);
    expect(pin.version).toBe(installed.version);
    expect(pin.integrity).toMatch(/^sha512-[A-Za-z0-9+/]+=*$/);
    expect(pin.common.integrity).toMatch(/^sha512-/);
  });

  it("prefers the top-level install and reads lockfileVersion 1", () => {
    const v3 = JSON.stringify({
      packages: {
        "node_modules/other/node_modules/onnxruntime-common": { version: "0.1.0", integrity: "sha512-bbbb" },
        "node_modules/onnxruntime-common": { version: "1.0.0", integrity: "sha512-aaaa" },
      },
    });
    expect(pinFromLockfile(v3, "onnxruntime-common")).toEqual({ version: "1.0.0", integrity: "sha512-aaaa" });
    const v1 = JSON.stringify({ dependencies: { "onnxruntime-node": { version: "1.2.3", integrity: "sha512-cccc" } } });
    expect(pinFromLockfile(v1, "onnxruntime-node")).toEqual({ version: "1.2.3", integrity: "sha512-cccc" });
  });

  it("names the lockfile and the fix when the package is missing or the text is not JSON", () => {
    expect(() => pinFromLockfile("{}", "onnxruntime-node")).toThrow(InputError);
    expect(() => pinFromLockfile("{}", "onnxruntime-node")).toThrow(
      "package-lock.json: has no version and integrity for onnxruntime-node — run `npm install onnxruntime-node` so the lockfile pins it",
    );
    expect(() => pinFromLockfile("{", "onnxruntime-node")).toThrow(/^package-lock.json: is not valid JSON/);
  });
});

describe("parseIntegrity", () => {
  it("takes the strongest listed hash and ignores sha1", () => {
    expect(parseIntegrity("sha1-abcd sha256-AAAA sha512-BBBB==")).toEqual({ algorithm: "sha512", base64: "BBBB==" });
    expect(parseIntegrity("sha256-AAAA")).toEqual({ algorithm: "sha256", base64: "AAAA" });
    expect(parseIntegrity("sha1-abcd")).toBeUndefined();
    expect(parseIntegrity("")).toBeUndefined();
  });
});
