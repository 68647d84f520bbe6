/** `npm run check:generated`: fails when a generated file or a committed bundle is not what the sources produce. */
import { checkGenerated } from "./lib/check.js";
import { repoRoot } from "./lib/root.js";

try {
  const stale = await checkGenerated(repoRoot, { bundles: true });
  if (stale.length > 0) {
    const list = stale.map((line) => `  ${line}`).join("\n");
    console.error(`Stale generated files:\n${list}\nRun npm run build and commit the result.`);
    process.exitCode = 1;
  } else {
    console.log("Generated files and bundles are current.");
  }
} catch (error) {
  console.error(`Cannot regenerate: ${(error as Error).message}`);
  process.exitCode = 1;
}
