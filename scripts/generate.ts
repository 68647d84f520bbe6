/** `npm run generate`: writes every file generated from the task specs (not the bundles: `npm run build`). */
import { writeFileSet } from "./lib/files.js";
import { generatedFiles, readSources } from "./lib/outputs.js";
import { repoRoot } from "./lib/root.js";

const { written, removed } = writeFileSet(repoRoot, generatedFiles(readSources(repoRoot, { mintIds: true })));
for (const file of written) console.log(`wrote ${file}`);
for (const file of removed) console.log(`removed ${file}`);
if (written.length + removed.length === 0) console.log("generated files are current");
