/**
 * `npm run package`: the Azure DevOps extension (.vsix). tfx packages each task folder alone, so
 * each gets its own copy of the one Azure Pipelines bundle (tasks/<task>/dist/, gitignored) and an
 * entry that runs its task.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, statSync } from "node:fs";
import path from "node:path";
import { taskDir, taskEntry } from "./lib/azure.js";
import { azurePipelinesBundle, bundle } from "./lib/bundle.js";
import { type Content, writeFileSet } from "./lib/files.js";
import { generatedFiles, readSources } from "./lib/outputs.js";
import { repoRoot } from "./lib/root.js";

/** The Marketplace refuses larger extensions. */
const sizeLimit = 25 * 1024 * 1024;

const sources = readSources(repoRoot, { mintIds: true });
writeFileSet(repoRoot, generatedFiles(sources));

const bundleFiles = await bundle(repoRoot, azurePipelinesBundle);
for (const spec of sources.specs) {
  const dist = path.posix.join(taskDir(spec.name), path.posix.dirname(taskEntry));
  const files = new Map<string, Content>();
  for (const [name, content] of bundleFiles) files.set(`${dist}/${name}`, content);
  files.set(`${taskDir(spec.name)}/${taskEntry}`, taskEntryModule(spec.name));
  writeFileSet(repoRoot, { files, folders: [dist] });
}

const vsix = path.join(repoRoot, "build", `mlgate-${sources.version}.vsix`);
mkdirSync(path.dirname(vsix), { recursive: true });
const tfx = path.join(repoRoot, "node_modules/tfx-cli/_build/tfx-cli.js");
const args = ["extension", "create", "--root", repoRoot, "--manifest-globs", "vss-extension.json"];
const result = spawnSync(process.execPath, [tfx, ...args, "--output-path", vsix, "--no-prompt", "--no-color"], {
  stdio: "inherit",
});
if (result.status !== 0) throw new Error(`tfx extension create failed (exit ${result.status})`);

const size = statSync(vsix).size;
console.log(
  `${path.relative(repoRoot, vsix)}: ${(size / 1024 / 1024).toFixed(2)} MiB (limit ${sizeLimit / 1024 / 1024} MiB)`,
);
if (size >= sizeLimit) {
  console.error("The extension is over the Marketplace's size limit.");
  process.exitCode = 1;
}

function taskEntryModule(task: string): string {
  const from = `./${azurePipelinesBundle.filename}`;
  return `// built by npm run package — do not edit\nimport { runAzurePipelinesTask } from "${from}";\n\nawait runAzurePipelinesTask(${JSON.stringify(task)});\n`;
}
