/** Finds where a key path sits in the YAML source, so every message can name a line and column. */
import { type Document, isAlias, isMap, isScalar, isSeq, type LineCounter, type Node, type Pair } from "yaml";
import type { Where } from "../errors.js";

export interface ConfigSource {
  file: string;
  doc: Document;
  lines: LineCounter;
}

/** `tasks.register.alias` for the segments `["tasks", "register", "alias"]`. */
export function keyPath(segments: readonly string[]): string {
  return segments.join(".");
}

/**
 * The position of the value at `segments` or, with `at: "key"`, of its key (where an unknown or
 * secret key is reported). Falls back to the nearest ancestor that exists.
 */
export function locate(source: ConfigSource, segments: readonly string[], at: "key" | "value" = "value"): Where {
  let node: Node | null | undefined = source.doc.contents as Node | null;
  let position = node?.range?.[0] ?? 0;
  for (const [index, segment] of segments.entries()) {
    const resolved = isAlias(node) ? node.resolve(source.doc) : node;
    const found = childOf(resolved, segment);
    if (!found) break;
    const isLast = index === segments.length - 1;
    const target = isLast && at === "key" ? found.key : found.value;
    position = target?.range?.[0] ?? position;
    node = found.value;
  }
  const { line, col } = source.lines.linePos(position);
  return { file: source.file, line, column: col, key: segments.length > 0 ? keyPath(segments) : undefined };
}

function childOf(node: unknown, segment: string): { key?: Node; value: Node | null } | undefined {
  if (isMap(node)) {
    const pair = (node.items as Pair<unknown, unknown>[]).find((item) => scalarText(item.key) === segment);
    return pair ? { key: pair.key as Node, value: pair.value as Node | null } : undefined;
  }
  if (isSeq(node)) {
    const item = node.items[Number(segment)];
    return item === undefined ? undefined : { value: item as Node };
  }
  return undefined;
}

export function scalarText(node: unknown): string | undefined {
  return isScalar(node) ? String(node.value) : undefined;
}
