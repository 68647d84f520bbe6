/** `90s`, `45m`, `2h`, `1h30m`, or a bare number of minutes, as milliseconds. */
import { InputError } from "../../core/errors.js";

const MINUTE_MS = 60_000;
const UNIT_MS: Readonly<Record<string, number>> = { s: 1000, m: MINUTE_MS, h: 60 * MINUTE_MS };

export function parseDuration(text: string, key: string): number {
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return positive(Number(trimmed) * MINUTE_MS, text, key);
  const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)\s*([smh])/gi)];
  if (parts.length === 0 || parts.map((part) => part[0]).join("") !== trimmed.replace(/\s+/g, "")) {
    throw new InputError(`'${text}' is not a duration`, { key }, "write it like 90s, 45m, 2h or 1h30m");
  }
  const ms = parts.reduce(
    (sum, part) => sum + Number(part[1]) * (UNIT_MS[(part[2] as string).toLowerCase()] as number),
    0,
  );
  return positive(ms, text, key);
}

function positive(ms: number, text: string, key: string): number {
  if (!(ms > 0)) throw new InputError(`'${text}' is not a positive duration`, { key }, "give a time above zero");
  return ms;
}
