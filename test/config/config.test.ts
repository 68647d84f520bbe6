import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { configuredInputs, loadConfig } from "../../src/core/config/config.js";
import { parseConfig } from "../../src/core/config/parse.js";
import { InputError } from "../../src/core/errors.js";

function errorOf(text: string): InputError {
  try {
    parseConfig(text, "mlgate.yml");
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error("expected the configuration to be refused");
}

describe("parseConfig", () => {
  it("reads a complete configuration", () => {
    const config = parseConfig(
      [
        "# yaml-language-server: $schema=./schema/mlgate.schema.json",
        "version: 1",
        "registry: az://models/churn",
        "model:",
        "  name: churn",
        "defaults:",
        "  registry: .mlgate/registry",
        "tasks:",
        "  register:",
        "    name: churn-v2",
        "gates:",
        "  metrics: { roc_auc: { min: 0.8 } }",
        "search: { space: { C: [1, 10] }, objective: { metric: auc, direction: maximize } }",
        "schema: data/schema.yml",
        "drift: { threshold: 0.2 }",
      ].join("\n"),
      "mlgate.yml",
    );
    expect(config).toMatchObject({
      file: "mlgate.yml",
      version: 1,
      registry: "az://models/churn",
      model: { name: "churn" },
      tasks: { register: { name: "churn-v2" } },
      gates: { metrics: { roc_auc: { min: 0.8 } } },
      schema: "data/schema.yml",
    });
    expect(config.locate("tasks.register.name")).toEqual({
      file: "mlgate.yml",
      line: 10,
      column: 11,
      key: "tasks.register.name",
    });
  });

  it("accepts the editor's $schema key and leaves it out of the result", () => {
    const config = parseConfig("$schema: ./schema/mlgate.schema.json\nversion: 1\n", "mlgate.yml");
    expect(config).not.toHaveProperty("$schema");
  });

  it("reports a YAML syntax error with line and column, without quoting the source", () => {
    const error = errorOf("version: 1\ntasks:\n  register:\n    name: [churn\n");
    expect(error.where).toMatchObject({ file: "mlgate.yml", line: 5, column: 1 });
    expect(error.message).toMatch(/^mlgate\.yml:5:1: invalid YAML: .* — fix the YAML syntax/);
    expect(error.message).not.toContain("\n");
  });

  it("reports a duplicate key as a YAML error at the duplicate", () => {
    const error = errorOf("version: 1\nversion: 1\n");
    expect(error.where).toMatchObject({ line: 2, column: 1 });
    expect(error.message).toContain("unique");
  });

  it("refuses more than one YAML document", () => {
    expect(errorOf("version: 1\n---\nversion: 1\n").message).toBe(
      "mlgate.yml:2:1: holds more than one YAML document — keep one document: remove the `---` separator",
    );
  });

  it("refuses aliases that expand without bound, or point nowhere", () => {
    const laughs = ["version: 1", "gates:", "  a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (const name of ["b", "c", "d", "e"]) {
      const previous = String.fromCharCode(name.charCodeAt(0) - 1);
      laughs.push(`  ${name}: &${name} [${Array(10).fill(`*${previous}`).join(", ")}]`);
    }
    expect(errorOf(laughs.join("\n")).message).toMatch(/^mlgate\.yml: invalid YAML: Excessive alias count/);
    expect(errorOf("version: 1\ngates: *nowhere\n").message).toMatch(/^mlgate\.yml: invalid YAML: Unresolved alias/);
  });

  it("refuses an empty file", () => {
    expect(errorOf("# nothing yet\n").message).toBe("mlgate.yml: is empty — add `version: 1`, or delete the file");
  });

  it("refuses a document that is not a mapping", () => {
    expect(errorOf("- a\n- b\n").message).toMatch(/^mlgate\.yml:1:1: must be a mapping of keys to values/);
  });

  it("requires version: 1", () => {
    expect(errorOf("registry: x\n").message).toBe(
      "mlgate.yml:1:1 'version': is missing — add `version: 1` as the first line",
    );
    expect(errorOf("version: 2\n").message).toBe(
      "mlgate.yml:1:10 'version': must be 1 — this mlgate understands `version: 1`",
    );
  });

  it("names an unknown top-level key at its position and suggests the closest", () => {
    const error = errorOf("version: 1\nregistyr: x\n");
    expect(error.where).toEqual({ file: "mlgate.yml", line: 2, column: 1, key: "registyr" });
    expect(error.message).toContain("unknown top-level key 'registyr'");
    expect(error.fix).toMatch(/^did you mean 'registry'\? allowed: \$schema, version, registry, model, defaults/);
  });

  it("names an unknown task and suggests the closest", () => {
    const error = errorOf("version: 1\ntasks:\n  regster:\n    name: churn\n");
    expect(error.message).toBe(
      "mlgate.yml:3:3 'tasks.regster': unknown task 'regster' — did you mean 'register'? allowed: validate-data, train, evaluate-against-champion, register, deploy, monitor-drift",
    );
  });

  it("refuses an input that is not configurable, listing those that are", () => {
    const error = errorOf("version: 1\ntasks:\n  register:\n    alias: candidate\n");
    expect(error.where).toEqual({ file: "mlgate.yml", line: 4, column: 5, key: "tasks.register.alias" });
    expect(error.fix).toBe(
      "allowed: name, registry; other inputs are given in the workflow, pipeline or on the command line",
    );
  });

  it("points at a value of the wrong type", () => {
    const error = errorOf("version: 1\ndefaults:\n  registry: 3\n");
    expect(error.message).toBe(
      "mlgate.yml:3:13 'defaults.registry': must be text — quote it if YAML reads it as something else",
    );
  });

  it("refuses a section that is not a mapping", () => {
    const error = errorOf("version: 1\ntasks:\n  register:\n");
    expect(error.where).toMatchObject({ key: "tasks.register", line: 3 });
    expect(error.message).toContain("must be a mapping");
  });

  it("refuses a secret-looking key without echoing its value", () => {
    const error = errorOf("version: 1\ndefaults:\n  storage-account-key: c2VjcmV0LXZhbHVl\n");
    expect(error.where).toMatchObject({ line: 3, column: 3, key: "defaults.storage-account-key" });
    expect(error.message).toContain("secrets do not belong in mlgate.yml");
    expect(error.message).toContain("use an environment variable / secret variable");
    expect(error.message).not.toContain("c2VjcmV0LXZhbHVl");
  });

  it("refuses a secret-looking value anywhere, even under a harmless key", () => {
    const connection = "DefaultEndpointsProtocol=https;AccountName=a;AccountKey=bm90LWEta2V5;EndpointSuffix=x";
    const error = errorOf(`version: 1\nregistry: "${connection}"\n`);
    expect(error.where).toMatchObject({ line: 2, column: 11, key: "registry" });
    expect(error.message).not.toContain("bm90LWEta2V5");

    const sasUrl = "https://acct.blob.core.windows.net/models?sv=2022-11-02&sp=r&sig=c2lnbmF0dXJl";
    const inGates = errorOf(`version: 1\ngates:\n  notes:\n    - ${sasUrl}\n`);
    expect(inGates.where).toMatchObject({ line: 4, key: "gates.notes.0" });
    expect(inGates.message).not.toContain("c2lnbmF0dXJl");
  });

  it("refuses a credential written as a key, without echoing the key", () => {
    const error = errorOf("version: 1\ngates:\n  AccountName=a;AccountKey=c2VjcmV0: 1\n");
    expect(error.where).toEqual({ file: "mlgate.yml", line: 3, column: 3 });
    expect(error.message).not.toContain("c2VjcmV0");
  });

  it("checks secrets before the schema, so a secret under an unknown key is still not echoed", () => {
    const error = errorOf("version: 1\npassword: hunter2\n");
    expect(error.message).toContain("secrets do not belong");
    expect(error.message).not.toContain("hunter2");
  });
});

describe("loadConfig", () => {
  let workspace: string;
  beforeEach(async () => {
    workspace = await mkdtemp(join(tmpdir(), "mlgate-config-"));
  });
  afterEach(async () => {
    await rm(workspace, { recursive: true, force: true });
  });

  it("returns undefined when the default file is absent", async () => {
    await expect(loadConfig({ workspace })).resolves.toBeUndefined();
  });

  it("reads mlgate.yml at the workspace root and names it relative to the workspace", async () => {
    await writeFile(join(workspace, "mlgate.yml"), "version: 1\nregistry: .mlgate/registry\n");
    const config = await loadConfig({ workspace });
    expect(config?.registry).toBe(".mlgate/registry");
    expect(config?.file).toBe("mlgate.yml");
  });

  it("reads an explicit path and names it in errors", async () => {
    await mkdir(join(workspace, "ci"));
    await writeFile(join(workspace, "ci", "mlgate.yml"), "version: 1\nfoo: 1\n");
    await expect(loadConfig({ workspace, path: "ci/mlgate.yml" })).rejects.toThrow(/^ci\/mlgate\.yml:2:1 'foo'/);
  });

  it("refuses an explicit path that does not exist", async () => {
    await expect(loadConfig({ workspace, path: "missing.yml" })).rejects.toThrow(
      "missing.yml: configuration file not found — check the path, or leave it out to use mlgate.yml",
    );
  });

  it("refuses a folder", async () => {
    await mkdir(join(workspace, "mlgate.yml"));
    await expect(loadConfig({ workspace })).rejects.toThrow("mlgate.yml: is a folder");
  });
});

describe("configuredInputs", () => {
  it("layers the shorthands, then defaults, then the task's own section", () => {
    const config = parseConfig(
      [
        "version: 1",
        "registry: top",
        "model: { name: churn }",
        "defaults: { registry: from-defaults }",
        "tasks: { register: { name: churn-v2 } }",
      ].join("\n"),
      "mlgate.yml",
    );
    expect(configuredInputs(config, "register")).toEqual({ registry: "from-defaults", name: "churn-v2" });
    expect(configuredInputs(config, "deploy")).toEqual({ registry: "from-defaults", name: "churn" });
  });

  it("is empty for a configuration that sets no inputs", () => {
    expect(configuredInputs(parseConfig("version: 1\n", "mlgate.yml"), "register")).toEqual({});
  });
});
