/** `mlgate pull <model>@<alias|version>`: the version's ONNX file, checked against its digest, for applications that load it themselves. */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { ExitCode, InputError } from "../../core/errors.js";
import { checkName } from "../../core/store/layout.js";
import { openRegistry } from "../../core/store/open.js";
import { parseArgs } from "./args.js";
import { registryLocation, splitReference } from "./registry-commands.js";

const usage = "mlgate pull <model>@<alias|version> [--out <file>] [--registry <location>] [--json]";

export async function runPullCommand(argv: readonly string[]): Promise<number> {
  const { positionals, options } = parseArgs(argv, new Set(["json", "debug", "help"]));
  if (options.has("help")) {
    process.stdout.write(`${usage}\n`);
    return ExitCode.ok;
  }
  for (const name of options.keys()) {
    if (!["out", "registry", "json", "debug"].includes(name))
      throw new InputError(`unknown option --${name}`, { key: name }, usage);
  }
  const [reference, ...extra] = positionals;
  if (!reference || extra.length > 0) throw new InputError("name one model version to pull", {}, usage);
  const [name, ref] = splitReference(reference);
  const registry = await openRegistry(await registryLocation(options.get("registry")), {
    workspace: process.cwd(),
    env: process.env,
  });
  const manifest = await registry.resolve(checkName(name, "name"), /^\d+$/.test(ref) ? Number(ref) : ref);
  const bytes = await registry.getObject(manifest.artifacts.model);
  const out = path.resolve(options.get("out") ?? `${manifest.model}-${manifest.version}.onnx`);
  await writeFile(out, bytes);
  const result = { model: manifest.model, version: manifest.version, digest: manifest.digest, file: out };
  process.stdout.write(
    options.get("json") === "true"
      ? `${JSON.stringify(result)}\n`
      : `${manifest.model}@${ref} is version ${manifest.version} (${manifest.digest}): wrote ${path.relative(process.cwd(), out) || out}\n`,
  );
  return ExitCode.ok;
}
