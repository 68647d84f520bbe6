/** Generated files that Biome also checks (root *.json) are written exactly as Biome formats them. */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { repoRoot } from "./root.js";

export function formatLikeBiome(file: string, text: string): string {
  const biome = path.join(repoRoot, "node_modules/@biomejs/biome/bin/biome");
  const result = spawnSync(process.execPath, [biome, "format", `--stdin-file-path=${file}`], {
    cwd: repoRoot,
    input: text,
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`biome could not format ${file}: ${result.stderr}`);
  return result.stdout;
}
