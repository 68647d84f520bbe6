/** People's commands over the store: list, versions, show, history, verify. */
import { loadConfig } from "../../core/config/config.js";
import { ExitCode, InputError } from "../../core/errors.js";
import { openRegistry } from "../../core/store/open.js";
import type { Registry } from "../../core/store/registry.js";
import { registerSpec } from "../../tasks/register.spec.js";
import { parseArgs } from "./args.js";
import * as show from "./registry-render.js";

const usage =
  "mlgate registry <list | versions <model> | show <model>@<version|alias> | history <model> | verify> [--registry <location>] [--json]";

export async function runRegistryCommand(argv: readonly string[]): Promise<number> {
  const { positionals, options } = parseArgs(argv, new Set(["json", "debug", "help"]));
  const [command, target, ...extra] = positionals;
  if (options.has("help") || command === undefined) {
    process.stdout.write(`${usage}\n`);
    return command === undefined && !options.has("help") ? ExitCode.badInput : ExitCode.ok;
  }
  if (extra.length > 0) throw new InputError(`unexpected argument '${extra[0]}'`, {}, usage);
  const json = options.get("json") === "true";
  const registry = await openRegistry(await registryLocation(options.get("registry")), {
    workspace: process.cwd(),
    env: process.env,
  });
  const print = (value: unknown, text: () => string) =>
    process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : text());

  switch (command) {
    case "list": {
      const models = await Promise.all((await registry.listModels()).map((name) => modelOverview(registry, name)));
      print(models, () => show.models(models));
      return ExitCode.ok;
    }
    case "versions": {
      const model = required(target, "versions <model>");
      const [versions, aliases] = await Promise.all([registry.listVersions(model), registry.listAliases(model)]);
      print({ model, versions, aliases }, () => show.versions(model, versions, aliases));
      return ExitCode.ok;
    }
    case "show": {
      const [model, ref] = splitReference(required(target, "show <model>@<version|alias>"));
      const manifest = await registry.resolve(model, ref);
      const trainedBy = manifest.trainingRun ? await registry.getRun(manifest.trainingRun) : undefined;
      print(manifest, () => show.manifest(manifest, trainedBy));
      return ExitCode.ok;
    }
    case "history": {
      const model = required(target, "history <model>");
      const moves = await registry.history(model);
      print(moves, () => show.history(model, moves));
      return ExitCode.ok;
    }
    case "verify": {
      const result = await registry.verify();
      print(result, () => show.verification(registry.location, result));
      return result.ok ? ExitCode.ok : ExitCode.no;
    }
    default:
      throw new InputError(`unknown registry command '${command}'`, {}, usage);
  }
}

async function modelOverview(registry: Registry, name: string) {
  const [versions, aliases] = await Promise.all([registry.listVersions(name), registry.listAliases(name)]);
  return {
    name,
    versions: versions.length,
    latest: versions.at(-1)?.version,
    aliases: Object.fromEntries(aliases.map((a) => [a.alias, a.version])),
  };
}

export async function registryLocation(given: string | undefined): Promise<string> {
  if (given) return given;
  const config = await loadConfig({ workspace: process.cwd() });
  return (
    (config?.registry as string | undefined) ??
    registerSpec.inputs.find((input) => input.name === "registry")?.default ??
    ".mlgate/registry"
  );
}

function required(value: string | undefined, form: string): string {
  if (!value) throw new InputError(`missing argument`, {}, `write mlgate registry ${form}`);
  return value;
}

export function splitReference(reference: string): [string, string] {
  const at = reference.lastIndexOf("@");
  if (at <= 0 || at === reference.length - 1) {
    throw new InputError(`'${reference}' is not <model>@<version|alias>`, {}, "write e.g. churn@3 or churn@production");
  }
  return [reference.slice(0, at), reference.slice(at + 1)];
}
