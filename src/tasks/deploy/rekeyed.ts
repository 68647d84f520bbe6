/** Core checks name their own keys (`name`, `registry`); deploy's messages name its inputs. */
import { InputError } from "../../core/errors.js";

/** Bad input `error` said to come from the input `key`; any other error unchanged. */
export function rekey(error: unknown, key: string, fix?: string): unknown {
  return error instanceof InputError ? new InputError(error.problem, { ...error.where, key }, fix ?? error.fix) : error;
}

export function rekeyed<T>(body: () => T, key: string): T {
  try {
    return body();
  } catch (error) {
    throw rekey(error, key);
  }
}
