/** Local data sources: a path or a glob relative to the workspace, expanded in a deterministic order. */
import { createReadStream, type Stats } from "node:fs";
import { open, readdir, stat } from "node:fs/promises";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { InputError } from "../errors.js";
import type { ByteSource } from "./byte-source.js";
import { globToRegExp, hasGlob, splitGlob } from "./glob.js";

export async function findLocalSources(pattern: string, workspace: string): Promise<ByteSource[]> {
  const absolute = toSlashes(isAbsolute(pattern) ? resolve(pattern) : resolve(workspace, pattern));
  if (!hasGlob(pattern)) return [await singleFile(absolute, pattern, workspace)];
  const { base, glob } = splitGlob(absolute);
  const matcher = globToRegExp(glob);
  const found: ByteSource[] = [];
  for (const path of await walk(base || "/", glob.includes("**") ? Number.POSITIVE_INFINITY : glob.split("/").length)) {
    if (!matcher.test(path.slice(base.length + 1))) continue;
    const stats = await stat(path);
    if (stats.isFile()) found.push(localSource(path, shownName(path, workspace), stats.size));
  }
  if (found.length === 0) {
    throw new InputError(
      "no file matches",
      { file: pattern },
      `check the pattern (relative paths start at the workspace, ${workspace})`,
    );
  }
  return found.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export function localSource(path: string, name: string, size: number): ByteSource {
  return {
    name,
    size,
    stream: () => readable(path, name),
    async read(start, end) {
      const handle = await open(path).catch((error: unknown) => {
        throw unreadable(error, name);
      });
      try {
        const buffer = Buffer.alloc(end - start);
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, start);
        return buffer.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    },
  };
}

async function* readable(path: string, name: string): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 18 })) yield chunk as Buffer;
  } catch (error) {
    throw unreadable(error, name);
  }
}

async function singleFile(path: string, pattern: string, workspace: string): Promise<ByteSource> {
  const name = shownName(path, workspace);
  let stats: Stats;
  try {
    stats = await stat(path);
  } catch (error) {
    throw unreadable(error, name, `check the path (relative paths start at the workspace, ${workspace})`);
  }
  if (stats.isDirectory()) {
    throw new InputError(
      "is a folder, not a data file",
      { file: name },
      `name the files, or a glob such as ${pattern}/*.csv`,
    );
  }
  return localSource(path, name, stats.size);
}

/** Files under `root` (absolute, '/'-separated), at most `depth` levels down, skipping dot names. */
async function walk(root: string, depth: number): Promise<string[]> {
  const files: string[] = [];
  const visit = async (dir: string, level: number): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (entry.name.startsWith(".")) continue;
      const path = dir === "/" ? `/${entry.name}` : `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (level < depth) await visit(path, level + 1);
      } else if (entry.isFile() || entry.isSymbolicLink()) {
        files.push(path);
      }
    }
  };
  await visit(root, 1);
  return files;
}

function unreadable(error: unknown, name: string, fix?: string): InputError {
  const code = (error as NodeJS.ErrnoException).code;
  const problem = code === "ENOENT" ? "not found" : `cannot be read (${code ?? String(error)})`;
  return new InputError(problem, { file: name }, fix);
}

/** Workspace-relative with '/' when inside the workspace, else absolute. */
function shownName(path: string, workspace: string): string {
  const inside = toSlashes(relative(workspace, path));
  return inside && !inside.startsWith("../") && !isAbsolute(inside) ? inside : path;
}

function toSlashes(path: string): string {
  return sep === "/" ? path : path.split(sep).join("/");
}
