/**
 * Everything `npm run build` writes and `npm run check:generated` compares: the files generated
 * from the task specs, and the committed GitHub Actions and CLI bundles.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { buildConfigSchema } from "../../src/core/config/schema.js";
import { runtimePinFromLockfile } from "../../src/core/model/runtime/pin.js";
import type { TaskSpec } from "../../src/tasks/spec.js";
import { taskSpecs } from "../../src/tasks/specs.js";
import { renderTaskJson, renderVssExtension, taskDir } from "./azure.js";
import { bundle, hostsBundle } from "./bundle.js";
import { cliEntry, renderCliEntry } from "./cli.js";
import type { Content, FileSet } from "./files.js";
import {
  actionEntry,
  renderActionEntry,
  renderActionYml,
  renderRootActionYml,
  renderRootEntry,
  rootEntry,
} from "./github.js";
import { minimalReadme, renderReadmeTables, spliceReadme } from "./readme.js";
import { mintTaskIds, readTaskIds, renderTaskIds, type TaskIds, taskIdsFile } from "./task-ids.js";

/** What the generated files are made from, besides the specs. */
export interface Sources {
  specs: readonly TaskSpec[];
  version: string;
  description: string;
  ids: TaskIds;
  /** the current README.md, whose hand-written prose is kept */
  readme: string | undefined;
  /** images/icon.png, also each task's icon in the task picker */
  icon: Uint8Array;
  /** package-lock.json's text: the onnxruntime-node pin the bundles fetch at run time */
  lockfile: string;
}

export const iconFile = "images/icon.png";
export const runtimePinFile = "src/core/model/runtime/pinned.json";

/** Reads the sources from the repository; `mintIds` gives new tasks their GUID (generate, never check). */
export function readSources(root: string, { mintIds }: { mintIds: boolean }): Sources {
  const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as {
    version: string;
    description: string;
  };
  const stored = readTaskIds(root);
  const tasks = taskSpecs.map((spec) => spec.name);
  const readmeFile = path.join(root, "README.md");
  return {
    specs: taskSpecs,
    version: pkg.version,
    description: pkg.description,
    ids: mintIds ? mintTaskIds(stored, tasks) : stored,
    readme: existsSync(readmeFile) ? readFileSync(readmeFile, "utf8") : undefined,
    icon: readFileSync(path.join(root, iconFile)),
    lockfile: readFileSync(path.join(root, "package-lock.json"), "utf8"),
  };
}

export function generatedFiles(sources: Sources): FileSet {
  const { specs, version, description, ids } = sources;
  const files = new Map<string, Content>([
    ["action.yml", renderRootActionYml(specs, description)],
    [rootEntry, renderRootEntry()],
    [cliEntry, renderCliEntry()],
    ["vss-extension.json", renderVssExtension(specs, version, description)],
    [taskIdsFile, renderTaskIds(ids)],
    ["README.md", spliceReadme(sources.readme ?? minimalReadme, renderReadmeTables(specs))],
    ["schema/mlgate.schema.json", `${JSON.stringify(buildConfigSchema(specs), null, 2)}\n`],
    [runtimePinFile, `${JSON.stringify(runtimePinFromLockfile(sources.lockfile), null, 2)}\n`],
  ]);
  for (const spec of specs) {
    const id = ids[spec.name];
    if (!id) throw new Error(`${taskIdsFile} has no id for task '${spec.name}': run npm run generate`);
    files.set(`actions/${spec.name}/action.yml`, renderActionYml(spec));
    files.set(actionEntry(spec.name), renderActionEntry(spec.name));
    files.set(`${taskDir(spec.name)}/task.json`, renderTaskJson(spec, id, version));
    files.set(`${taskDir(spec.name)}/icon.png`, sources.icon);
  }
  return { files, folders: ["actions", "tasks"] };
}

/** The committed bundles; dist/ holds nothing else but the action entries generated beside them. */
export async function bundledFiles(root: string): Promise<FileSet> {
  const files = new Map<string, Content>();
  for (const [name, content] of await bundle(root, hostsBundle)) files.set(`dist/${name}`, content);
  return { files, folders: ["dist"] };
}
