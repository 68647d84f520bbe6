/**
 * The error contract (DESIGN.md "Results and errors"): exit 2 for bad input, configuration or
 * environment, always as one line that names where (file, line/column, key) and what to do.
 */
export const ExitCode = { ok: 0, no: 1, badInput: 2 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export interface Where {
  file?: string;
  line?: number;
  column?: number;
  /** An input name, a config key path (`gates.auc.min`) or a store key. */
  key?: string;
}

/** Bad input, configuration or environment: exit code 2, nothing written to the store. */
export class InputError extends Error {
  readonly exitCode = ExitCode.badInput;
  constructor(
    readonly problem: string,
    readonly where: Where = {},
    readonly fix?: string,
  ) {
    super(formatInputError(problem, where, fix));
    this.name = "InputError";
  }
}

/**
 * A compare-and-swap or create-if-absent lost to a concurrent writer. Callers that can retry do;
 * the rest surface it as a clear "someone else moved X first" line (exit 2: the state changed
 * under you, re-run).
 */
export class ConflictError extends Error {
  readonly exitCode = ExitCode.badInput;
  constructor(message: string) {
    super(message);
    this.name = "ConflictError";
  }
}

/** A stored object does not match its digest, or a manifest points at a missing object. */
export class IntegrityError extends Error {
  readonly exitCode = ExitCode.badInput;
  constructor(message: string) {
    super(message);
    this.name = "IntegrityError";
  }
}

export function formatInputError(problem: string, where: Where, fix?: string): string {
  let place = "";
  if (where.file) {
    place = where.file;
    if (where.line !== undefined) place += `:${where.line}`;
    if (where.line !== undefined && where.column !== undefined) place += `:${where.column}`;
  }
  const key = where.key ? `${place ? " " : ""}'${where.key}'` : "";
  const head = place || key ? `${place}${key}: ` : "";
  return `${head}${problem}${fix ? ` — ${fix}` : ""}`;
}

/** The single line a user sees for an error; stack traces only when debug is on. */
export function describeError(error: unknown, debug = false): string {
  if (debug && error instanceof Error && error.stack) return error.stack;
  if (error instanceof Error) return error.message.split("\n")[0] ?? String(error);
  return String(error);
}
