/** check:generated on a copy of the generated files: current passes, any edit, loss or leftover is named. */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { checkGenerated } from "../../scripts/lib/check.js";
import { writeFileSet } from "../../scripts/lib/files.js";
import { generatedFiles, iconFile, readSources } from "../../scripts/lib/outputs.js";
import { repoRoot } from "../../scripts/lib/root.js";
import { taskIdsFile } from "../../scripts/lib/task-ids.js";

let copy: string;

beforeEach(() => {
  copy = mkdtempSync(path.join(os.tmpdir(), "mlgate-generated-"));
  for (const source of ["package.json", "package-lock.json", "README.md", taskIdsFile, iconFile]) {
    mkdirSync(path.dirname(path.join(copy, source)), { recursive: true });
    cpSync(path.join(repoRoot, source), path.join(copy, source));
  }
  writeFileSet(copy, generatedFiles(readSources(copy, { mintIds: false })));
  return () => rmSync(copy, { recursive: true, force: true });
});

describe("checkGenerated", () => {
  it("passes when every file is what the specs produce", async () => {
    expect(await checkGenerated(copy, { bundles: false })).toEqual([]);
  });

  it("names an edited, a missing and a leftover file", async () => {
    writeFileSync(path.join(copy, "actions/register/action.yml"), "name: edited by hand\n");
    rmSync(path.join(copy, "tasks/register/task.json"));
    mkdirSync(path.join(copy, "actions/retired"));
    writeFileSync(path.join(copy, "actions/retired/action.yml"), "name: retired\n");
    expect(await checkGenerated(copy, { bundles: false })).toEqual([
      "actions/register/action.yml (differs)",
      "tasks/register/task.json (missing)",
      "actions/retired/action.yml (no longer generated)",
    ]);
  });

  it("ignores the task folders' build output", async () => {
    mkdirSync(path.join(copy, "tasks/register/dist"));
    writeFileSync(path.join(copy, "tasks/register/dist/index.js"), "");
    expect(await checkGenerated(copy, { bundles: false })).toEqual([]);
  });

  it("keeps the README's hand-written prose", async () => {
    const readme = path.join(copy, "README.md");
    writeFileSync(
      readme,
      `# mlgate\n\nSome prose.\n\n<!-- mlgate:generated:tables:start -->\nstale\n<!-- mlgate:generated:tables:end -->\n`,
    );
    expect(await checkGenerated(copy, { bundles: false })).toEqual(["README.md (differs)"]);
    writeFileSet(copy, generatedFiles(readSources(copy, { mintIds: false })));
    expect(await checkGenerated(copy, { bundles: false })).toEqual([]);
    expect(readFileSync(readme, "utf8")).toMatch(
      /^# mlgate\n\nSome prose\.\n\n<!-- mlgate:generated:tables:start -->\n\n### validate-data\n/,
    );
  });

  it("never mints a missing task id: generate must", async () => {
    writeFileSync(path.join(copy, taskIdsFile), "{}\n");
    await expect(checkGenerated(copy, { bundles: false })).rejects.toThrow(/run npm run generate/);
  });
});
