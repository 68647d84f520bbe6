/**
 * Globs over '/'-separated paths, for local files and blob names alike: `*` and `?` stay inside one
 * segment, `**` spans segments, `[abc]`/`[!abc]` and `{a,b}` as in shells. Like shells, wildcards do
 * not match names that start with a dot.
 */
const GLOB_CHARS = /[*?[\]{}]/;

export function hasGlob(pattern: string): boolean {
  return GLOB_CHARS.test(pattern);
}

/** The leading segments free of wildcards (`data/raw`), and the rest from the first wildcard on. */
export function splitGlob(pattern: string): { base: string; glob: string } {
  const segments = pattern.split("/");
  const firstWild = segments.findIndex((segment) => hasGlob(segment));
  if (firstWild < 0) return { base: pattern, glob: "" };
  return { base: segments.slice(0, firstWild).join("/"), glob: segments.slice(firstWild).join("/") };
}

/** A RegExp that matches whole relative paths the glob names. */
export function globToRegExp(glob: string): RegExp {
  const segments = glob.split("/");
  let source = "";
  segments.forEach((segment, index) => {
    const last = index === segments.length - 1;
    if (segment === "**") {
      source += last ? "(?:(?!\\.)[^/]+(?:/(?!\\.)[^/]+)*)?" : "(?:(?!\\.)[^/]+/)*";
    } else {
      source += segmentSource(segment) + (last ? "" : "/");
    }
  });
  return new RegExp(`^${source}$`);
}

function segmentSource(segment: string): string {
  let source = segment.startsWith("*") || segment.startsWith("?") ? "(?!\\.)" : "";
  let braces = 0;
  for (let i = 0; i < segment.length; i++) {
    const char = segment.charAt(i);
    if (char === "*") {
      source += "[^/]*";
    } else if (char === "?") {
      source += "[^/]";
    } else if (char === "[") {
      const close = segment.indexOf("]", i + 2);
      if (close < 0) {
        source += "\\[";
        continue;
      }
      const body = segment.slice(i + 1, close).replace(/\\/g, "\\\\");
      source += body.startsWith("!") ? `[^/${body.slice(1)}]` : `[${body}]`;
      i = close;
    } else if (char === "{") {
      braces++;
      source += "(?:";
    } else if (char === "}" && braces > 0) {
      braces--;
      source += ")";
    } else if (char === "," && braces > 0) {
      source += "|";
    } else {
      source += char.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
    }
  }
  return source + ")".repeat(braces);
}
