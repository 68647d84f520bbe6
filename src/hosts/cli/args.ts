/** `--name value`, `--name=value` and bare `--flag` (true) for boolean inputs; positionals kept in order. */
import { InputError } from "../../core/errors.js";

export interface ParsedArgs {
  positionals: string[];
  options: Map<string, string>;
}

export function parseArgs(argv: readonly string[], booleanFlags: ReadonlySet<string>): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string>();
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] as string;
    if (!arg.startsWith("--") || arg === "--") {
      positionals.push(arg);
      continue;
    }
    const equals = arg.indexOf("=");
    const name = arg.slice(2, equals === -1 ? undefined : equals);
    if (options.has(name)) throw new InputError(`--${name} is given twice`, { key: name }, "give each option once");
    if (equals !== -1) {
      options.set(name, arg.slice(equals + 1));
      continue;
    }
    const next = argv[index + 1];
    const takesValue =
      !booleanFlags.has(name) || (next !== undefined && /^(true|false|yes|no|1|0|on|off)$/i.test(next));
    if (!takesValue) {
      options.set(name, "true");
      continue;
    }
    if (next === undefined || next.startsWith("--")) {
      throw new InputError(`--${name} needs a value`, { key: name }, `write --${name} <value>`);
    }
    options.set(name, next);
    index++;
  }
  return { positionals, options };
}
