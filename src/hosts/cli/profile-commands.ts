/** `mlgate profile merge`: combine shard profiles (CI matrix jobs) into the profile of the whole data. */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { ExitCode, InputError } from "../../core/errors.js";
import { parseStructured, readInputFile } from "../../core/files.js";
import { mergeProfiles, readProfileDocument, toProfileDocument } from "../../core/profile/index.js";
import { parseArgs } from "./args.js";

export const profileUsage = "mlgate profile merge <profile.json> <profile.json> … --out <merged.json>";

export async function runProfileCommand(argv: readonly string[]): Promise<number> {
  const { positionals, options } = parseArgs(argv, new Set(["help"]));
  const [command, ...files] = positionals;
  if (options.has("help")) {
    process.stdout.write(`${profileUsage}\n`);
    return ExitCode.ok;
  }
  if (command !== "merge") throw new InputError(`unknown profile command '${command ?? ""}'`, {}, profileUsage);
  const out = options.get("out");
  if (!out) throw new InputError("no output file", { key: "out" }, profileUsage);
  if (files.length === 0) throw new InputError("no profiles to merge", {}, profileUsage);
  const shards = [];
  for (const file of files) {
    const text = (await readInputFile(file, "profile")).toString("utf8");
    shards.push({ file, profile: readProfileDocument(parseStructured(text, file, "profile"), file) });
  }
  const merged = mergeProfiles(shards);
  await writeFile(path.resolve(out), `${JSON.stringify(toProfileDocument(merged))}\n`);
  process.stderr.write(
    `merged ${files.length} profiles: ${merged.rows} rows, ${merged.sources.length} sources → ${out}\n`,
  );
  return ExitCode.ok;
}
