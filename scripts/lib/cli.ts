/** dist/cli.js, package.json's `bin.mlgate`: the shared bundle's CLI, behind a shebang. */
import { generatedNotice } from "./describe.js";

export const cliEntry = "dist/cli.js";

export function renderCliEntry(): string {
  return `#!/usr/bin/env node\n// ${generatedNotice}\nimport { runCli } from "./index.js";\n\nprocess.exitCode = await runCli(process.argv.slice(2));\n`;
}
