import { describe, expect, it } from "vitest";
import { inertForAzurePipelines, inertForGitHub } from "../../src/hosts/inert-log.js";

describe("log lines cannot become runner commands", () => {
  it("GitHub: a data line starting with :: is broken, other text is kept", () => {
    const line = inertForGitHub("ok\n::set-output name=x::1\n  ::warning::boom");
    expect(line.split("\n").some((l) => /^\s*::/.test(l))).toBe(false);
    expect(line.replaceAll("\u200b", "")).toBe("ok\n::set-output name=x::1\n  ::warning::boom");
  });
  it("Azure Pipelines: ##vso[ and ##[ anywhere are broken", () => {
    const line = inertForAzurePipelines("col ##vso[task.setvariable variable=x]1 and ##[error]no");
    expect(line).not.toMatch(/##vso\[|##\[/);
    expect(line.replaceAll("\u200b", "")).toBe("col ##vso[task.setvariable variable=x]1 and ##[error]no");
  });
});
