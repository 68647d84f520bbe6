/** The params a builtin trainer reads, checked by name and value (a typo is an error, not a default). */
import { closest } from "../../core/config/closest.js";
import { InputError } from "../../core/errors.js";

export interface BuiltinParams {
  C?: number;
  alpha?: number;
  maxIterations?: number;
  tolerance?: number;
  /** share of the rows held out for validation metrics, 0 to train on every row */
  validationFraction: number;
  /** seed of the validation split */
  seed: number;
}

const DEFAULT_VALIDATION_FRACTION = 0.2;

const KNOWN = ["C", "alpha", "max-iterations", "tolerance", "validation-fraction", "seed"] as const;

export function readBuiltinParams(params: Readonly<Record<string, unknown>>): BuiltinParams {
  for (const name of Object.keys(params)) {
    if ((KNOWN as readonly string[]).includes(name)) continue;
    const near = closest(name, KNOWN);
    throw new InputError(
      `'${name}' is not a builtin trainer param${near ? ` — did you mean '${near}'?` : ""}`,
      { key: "params" },
      `use ${KNOWN.join(", ")}`,
    );
  }
  const fraction = number(params, "validation-fraction") ?? DEFAULT_VALIDATION_FRACTION;
  if (!(fraction >= 0 && fraction < 1)) {
    throw new InputError(
      `validation-fraction ${fraction} is outside [0, 1)`,
      { key: "params" },
      "give a share such as 0.2, or 0 to train on every row",
    );
  }
  const seed = number(params, "seed") ?? 0;
  return {
    ...optional("C", number(params, "C")),
    ...optional("alpha", number(params, "alpha")),
    ...optional("maxIterations", number(params, "max-iterations")),
    ...optional("tolerance", number(params, "tolerance")),
    validationFraction: fraction,
    seed,
  };
}

function number(params: Readonly<Record<string, unknown>>, name: string): number | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new InputError(
      `'${name}' must be a number, got ${JSON.stringify(value)}`,
      { key: "params" },
      `set ${name} to a number`,
    );
  }
  return value;
}

function optional<K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, number>);
}
