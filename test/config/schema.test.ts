import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { buildConfigSchema } from "../../src/core/config/schema.js";
import type { TaskSpec } from "../../src/tasks/spec.js";
import { taskSpecs } from "../../src/tasks/specs.js";

const train: TaskSpec = {
  name: "train",
  title: "mlgate: train",
  description: "Train a model.",
  outputs: [],
  inputs: [
    { name: "command", type: "string", description: "Training command." },
    { name: "cache", type: "boolean", default: "true", configurable: true, description: "Reuse cached runs." },
    { name: "seeds", type: "integer", default: "3", configurable: true, description: "How many seeds." },
    { name: "mode", type: "choice", options: ["fast", "full"], configurable: true, description: "Mode." },
    { name: "tags", type: "list", configurable: true, description: "Tags." },
    { name: "registry", type: "integer", configurable: true, description: "A clash, for the test." },
  ],
};

type Properties = Record<string, Record<string, unknown>>;
function taskProperties(schema: Record<string, unknown>, task: string): Properties {
  const tasks = (schema.properties as Properties).tasks?.properties as Properties | undefined;
  return (tasks?.[task]?.properties ?? {}) as Properties;
}

describe("buildConfigSchema", () => {
  it("is the committed schema/mlgate.schema.json (run `npm run generate` after changing a spec)", () => {
    const committed = JSON.parse(readFileSync(new URL("../../schema/mlgate.schema.json", import.meta.url), "utf8"));
    expect(committed).toEqual(buildConfigSchema(taskSpecs));
  });

  it("compiles under Ajv's strict mode", () => {
    expect(() => new Ajv({ allowUnionTypes: true }).compile(buildConfigSchema([...taskSpecs, train]))).not.toThrow();
  });

  it("holds only the configurable inputs, typed and described by their spec", () => {
    const properties = taskProperties(buildConfigSchema([train]), "train");
    expect(Object.keys(properties)).toEqual(["cache", "seeds", "mode", "tags", "registry"]);
    expect(properties.cache).toEqual({ description: "Reuse cached runs.", type: "boolean", default: true });
    expect(properties.seeds).toMatchObject({ type: "integer", default: 3 });
    expect(properties.mode).toMatchObject({ enum: ["fast", "full"] });
    expect(properties.tags).toMatchObject({ type: ["array", "string"], items: { type: "string" } });
  });

  it("lets defaults take an input whose type differs between tasks in any of its forms", () => {
    const root = buildConfigSchema([...taskSpecs, train]).properties as Properties;
    const defaults = root.defaults?.properties as Properties;
    expect(defaults.registry?.anyOf).toEqual([
      expect.objectContaining({ type: "string" }),
      expect.objectContaining({ type: "integer" }),
    ]);
    expect(defaults.cache).toMatchObject({ type: "boolean" });
  });

  it("refuses a spec whose secret input is marked configurable", () => {
    const leaky: TaskSpec = {
      ...train,
      inputs: [{ name: "token", type: "string", secret: true, configurable: true, description: "x" }],
    };
    expect(() => buildConfigSchema([leaky])).toThrow(/secret and so cannot be configurable/);
  });
});
