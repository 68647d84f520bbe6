/** The staleness check behind `npm run check:generated`, separate from the script so tests can run it on a copy. */
import { mergeFileSets, staleFiles } from "./files.js";
import { bundledFiles, generatedFiles, readSources } from "./outputs.js";

/** Regenerates in memory (never minting task ids) and lists every file on disk that differs. */
export async function checkGenerated(root: string, { bundles }: { bundles: boolean }): Promise<string[]> {
  const generated = generatedFiles(readSources(root, { mintIds: false }));
  const expected = bundles ? mergeFileSets(generated, await bundledFiles(root)) : generated;
  return staleFiles(root, expected);
}
