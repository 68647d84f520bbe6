import type { Bounds } from "./schema.js";
import type { Path, YamlFields } from "./yaml-fields.js";

/** `{ min, max }`, each optional, each read by `read`; min must not exceed max. */
export function readBounds(
  fields: YamlFields,
  value: unknown,
  path: Path,
  read: (value: unknown, path: Path) => number,
): Bounds {
  const entries = fields.mapping(value, path, ["min", "max"]);
  const bounds: Bounds = {};
  if (entries.min !== undefined) bounds.min = read(entries.min, [...path, "min"]);
  if (entries.max !== undefined) bounds.max = read(entries.max, [...path, "max"]);
  if (bounds.min === undefined && bounds.max === undefined) {
    fields.fail(path, "needs a min, a max or both", "write e.g. `{ min: 0, max: 100 }`");
  }
  if (bounds.min !== undefined && bounds.max !== undefined && bounds.min > bounds.max) {
    fields.fail(path, `min (${String(entries.min)}) is greater than max (${String(entries.max)})`, "swap them");
  }
  return bounds;
}
