/** The renderers on a spec that uses every input type, beyond what today's tasks need. */
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { renderTaskJson } from "../../scripts/lib/azure.js";
import { renderActionYml, renderRootActionYml } from "../../scripts/lib/github.js";
import { readmeEnd, readmeStart, renderInputTable, spliceReadme } from "../../scripts/lib/readme.js";
import type { TaskSpec } from "../../src/tasks/spec.js";

const method = {
  name: "method",
  type: "choice",
  options: ["psi", "ks"],
  default: "psi",
  description: "Drift measure.",
} as const;
const spec: TaskSpec = {
  name: "monitor-drift",
  title: "mlgate: monitor drift",
  description: "Compare current data with the training profile.",
  inputs: [
    { name: "model", type: "string", required: true, configurable: true, description: "Model name." },
    { name: "data", type: "path", required: true, description: "Current data." },
    method,
    { name: "columns", type: "list", description: "Columns | to check." },
    { name: "max-rows", type: "integer", description: "Row limit." },
  ],
  outputs: [{ name: "drifted-columns", description: "Columns over the threshold." }],
};
const other: TaskSpec = {
  ...spec,
  name: "validate-data",
  inputs: [{ ...method, default: "ks" }],
  outputs: [],
};

describe("task.json", () => {
  const taskJson = JSON.parse(renderTaskJson(spec, "00000000-0000-4000-8000-000000000000", "1.2.3"));
  const byName = (name: string) => taskJson.inputs.find((input: { name: string }) => input.name === name);

  it("maps each input type to the agent's control", () => {
    expect(taskJson.name).toBe("MlgateMonitorDrift");
    expect(taskJson.version).toEqual({ Major: 1, Minor: 2, Patch: 3 });
    expect(byName("data")).toMatchObject({ type: "filePath", required: true });
    expect(byName("method")).toMatchObject({
      type: "pickList",
      options: { psi: "psi", ks: "ks" },
      defaultValue: "psi",
    });
    expect(byName("columns").type).toBe("multiLine");
    expect(byName("maxRows")).toMatchObject({ type: "string", label: "Max rows" });
    expect(taskJson.outputVariables).toEqual([{ name: "driftedColumns", description: "Columns over the threshold." }]);
  });

  it("leaves a required input optional to the agent when mlgate.yml may give it", () => {
    expect(byName("model")).toMatchObject({ required: false });
    expect(byName("model").helpMarkDown).toContain("mlgate.yml");
  });

  it("refuses a title over the task picker's 40 characters", () => {
    expect(() => renderTaskJson({ ...spec, title: "x".repeat(41) }, "id", "1.0.0")).toThrow(/40 characters/);
  });
});

describe("action.yml", () => {
  it("lists choices in the description", () => {
    const action = YAML.parse(renderActionYml(spec));
    expect(action.inputs.method).toMatchObject({ required: false, default: "psi" });
    expect(action.inputs.method.description).toContain("One of: `psi`, `ks`.");
  });

  it("keeps a root default only when every task agrees on it", () => {
    const root = YAML.parse(renderRootActionYml([spec, other], "mlgate"));
    expect(root.inputs.method.default).toBeUndefined();
    expect(root.inputs.method.description).toContain("Default: `psi` for `monitor-drift`, `ks` for `validate-data`.");
    expect(root.inputs.data.description).toContain("Used by `monitor-drift`.");
  });
});

describe("README tables", () => {
  it("escape pipes and name the Azure spelling", () => {
    const table = renderInputTable(spec.inputs);
    expect(table).toContain("Columns \\| to check.");
    expect(table).toContain("`max-rows`<br>Azure: `maxRows`");
    expect(table).toContain("| `model` | yes |  | Model name. Required: set it here or in `mlgate.yml`. |");
  });

  it("replace only what lies between the markers", () => {
    const readme = `# mlgate\n\nprose\n\n${readmeStart}\nold\n${readmeEnd}\n\nmore prose\n`;
    expect(spliceReadme(readme, "new")).toBe(
      `# mlgate\n\nprose\n\n${readmeStart}\n\nnew\n\n${readmeEnd}\n\nmore prose\n`,
    );
    expect(() => spliceReadme("# no markers\n", "new")).toThrow(/markers/);
  });
});
