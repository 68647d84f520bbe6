/** `npm run build`: the generated files plus the committed GitHub Actions and CLI bundles (no type check). */
import { statSync } from "node:fs";
import path from "node:path";
import { mergeFileSets, writeFileSet } from "./lib/files.js";
import { bundledFiles, generatedFiles, readSources } from "./lib/outputs.js";
import { repoRoot } from "./lib/root.js";

const generated = generatedFiles(readSources(repoRoot, { mintIds: true }));
const bundles = await bundledFiles(repoRoot);
const { written, removed } = writeFileSet(repoRoot, mergeFileSets(generated, bundles));
for (const file of written) console.log(`wrote ${file}`);
for (const file of removed) console.log(`removed ${file}`);
for (const file of bundles.files.keys()) {
  console.log(`${file.padEnd(32)} ${(statSync(path.join(repoRoot, file)).size / 1024).toFixed(0).padStart(6)} KiB`);
}
