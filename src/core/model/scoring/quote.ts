/** Names in messages come from the data or the model file: keep each to one short line. */
const MAX_NAME = 80;
const MAX_LISTED = 20;

/** `'name'`, with control characters escaped and long names cut. */
export function quote(name: string): string {
  return `'${clip(name)}'`;
}

/** `a, b, c`, or the first names and `… (N more)`. */
export function nameList(names: readonly string[]): string {
  const listed = names.slice(0, MAX_LISTED).map(clip).join(", ");
  return names.length > MAX_LISTED ? `${listed}, … (${names.length - MAX_LISTED} more)` : listed;
}

function clip(name: string): string {
  const escaped = JSON.stringify(name).slice(1, -1);
  return escaped.length > MAX_NAME ? `${escaped.slice(0, MAX_NAME)}…` : escaped;
}
