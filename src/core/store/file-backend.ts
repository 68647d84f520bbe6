/**
 * The file-system backend: a folder, no locks, no daemon. Both primitives reduce to `link(2)`, which
 * creates a name only if it is absent and cannot half-succeed:
 * - createIfAbsent writes a temporary file beside the target (fsynced), links it to the final name
 *   (EEXIST: someone was first) and removes the temporary name. A crash leaves at most a stray
 *   `.tmp-*` file, which list and read never see.
 * - a mutable key is a directory of generation files `<key>/0000000001`, `0000000002`, …, each created
 *   the same way. read returns the highest generation (its number is the etag);
 *   compareAndSwap(expected) creates generation expected+1, so of two writers starting from the same
 *   generation exactly one wins the link. Generations are dense and their names are never removed,
 *   so a link on a stale generation always fails; old generations are emptied (an atomic rename of
 *   an empty file over them) to bound disk use, and a reader that finds its generation emptied
 *   reads again.
 */
import { randomBytes } from "node:crypto";
import type { Dirent } from "node:fs";
import { link, mkdir, open, readdir, readFile, rename, stat, unlink } from "node:fs/promises";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { assertValidKey, type ListedKey, type StoreBackend, type StoredEntry } from "./backend.js";
import { decodeEntry, encodeEntry, readEntryMetadata } from "./file-entry.js";
import { mapLimit } from "./limit.js";

const GENERATION = /^\d{10}$/;
const TEMP_PREFIX = ".tmp-";
/** Generations kept intact below the newest one; older ones are emptied. */
const KEEP_GENERATIONS = 4;

export class FileBackend implements StoreBackend {
  readonly location: string;

  constructor(readonly root: string) {
    this.location = pathToFileURL(root).href;
  }

  async read(key: string): Promise<StoredEntry | undefined> {
    const path = this.path(key);
    let file: Buffer;
    try {
      file = await readFile(path);
    } catch (error) {
      if (isMissing(error)) return undefined;
      if (await isDirectory(path)) return this.readNewestGeneration(path);
      throw error;
    }
    return { data: decodeEntry(file).data, etag: "0" };
  }

  async exists(key: string): Promise<boolean> {
    const path = this.path(key);
    try {
      const stats = await stat(path);
      return stats.isFile() || (await newestGeneration(path)) > 0;
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  async createIfAbsent(key: string, data: Buffer, metadata?: Record<string, string>): Promise<boolean> {
    const path = this.path(key);
    if (GENERATION.test(key.slice(key.lastIndexOf("/") + 1))) {
      throw new Error(`store key '${key}': ten-digit names are reserved for generations`);
    }
    await mkdir(dirname(path), { recursive: true });
    return linkNew(path, encodeEntry(data, metadata));
  }

  async compareAndSwap(key: string, data: Buffer, expected: string | null): Promise<string | undefined> {
    const dir = this.path(key);
    let next = 1;
    if (expected !== null) {
      if (!/^[1-9]\d{0,9}$/.test(expected)) return undefined;
      // Generations are dense and never unlinked: if `expected` exists and expected+1 can be
      // created, `expected` was the newest at the instant of the link.
      if (!(await fileExists(join(dir, generationName(Number(expected)))))) return undefined;
      next = Number(expected) + 1;
    }
    await mkdir(dir, { recursive: true });
    // Always with a header, so that an empty file unambiguously means "emptied generation".
    if (!(await linkNew(join(dir, generationName(next)), encodeEntry(data, undefined, true)))) return undefined;
    await emptyGeneration(dir, next - KEEP_GENERATIONS);
    return String(next);
  }

  async list(prefix: string, options: { metadata?: boolean } = {}): Promise<ListedKey[]> {
    const base = prefix.slice(0, Math.max(0, prefix.lastIndexOf("/")));
    if (base) assertValidKey(base);
    const keys: { key: string; mutable: boolean }[] = [];
    await this.walk(base, prefix, keys);
    const matching = keys.filter(({ key }) => key.startsWith(prefix));
    matching.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    if (!options.metadata) return matching.map(({ key }) => ({ key }));
    // an unreadable header lists as no metadata: readers fall back to the entry itself
    return mapLimit(matching, 64, async ({ key, mutable }) => ({
      key,
      metadata: mutable ? {} : await readEntryMetadata(this.path(key)).catch(() => ({})),
    }));
  }

  async children(prefix: string): Promise<string[]> {
    const dir = prefix.replace(/\/$/, "");
    const entries = await readEntries(dir ? this.path(dir) : this.root);
    return entries
      .map(({ name }) => name)
      .filter((name) => !name.startsWith("."))
      .sort();
  }

  async leftovers(): Promise<string[]> {
    const found: string[] = [];
    const visit = async (dir: string): Promise<void> => {
      for (const entry of await readEntries(join(this.root, dir))) {
        const key = dir ? `${dir}/${entry.name}` : entry.name;
        if (entry.isDirectory()) await visit(key);
        else if (entry.name.startsWith(TEMP_PREFIX)) found.push(key);
      }
    };
    await visit("");
    return found.sort();
  }

  private async walk(dir: string, prefix: string, out: { key: string; mutable: boolean }[]): Promise<void> {
    const entries = await readEntries(join(this.root, dir));
    if (dir && entries.some((entry) => entry.isFile() && GENERATION.test(entry.name))) {
      out.push({ key: dir, mutable: true });
      return;
    }
    await Promise.all(
      entries.map(async (entry) => {
        if (entry.name.startsWith(".")) return;
        const key = dir ? `${dir}/${entry.name}` : entry.name;
        if (!key.startsWith(prefix) && !prefix.startsWith(`${key}/`)) return;
        if (entry.isDirectory()) await this.walk(key, prefix, out);
        else if (entry.isFile()) out.push({ key, mutable: false });
      }),
    );
  }

  private async readNewestGeneration(dir: string): Promise<StoredEntry | undefined> {
    for (;;) {
      const generation = await newestGeneration(dir);
      if (generation === 0) return undefined;
      const file = await readFile(join(dir, generationName(generation)));
      if (file.length > 0) return { data: decodeEntry(file).data, etag: String(generation) };
      // emptied by a writer far ahead of this reader: there is a newer generation now
    }
  }

  private path(key: string): string {
    assertValidKey(key);
    return join(this.root, ...key.split("/"));
  }
}

async function linkNew(target: string, bytes: Buffer): Promise<boolean> {
  const temp = tempPath(dirname(target));
  await writeDurably(temp, bytes);
  try {
    await link(temp, target);
    return true;
  } catch (error) {
    if (errorCode(error) === "EEXIST") return false;
    throw error;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

/** Best effort: a failure only leaves an old generation's bytes on disk. */
async function emptyGeneration(dir: string, generation: number): Promise<void> {
  if (generation < 1) return;
  const temp = tempPath(dir);
  try {
    await writeDurably(temp, Buffer.alloc(0));
    await rename(temp, join(dir, generationName(generation)));
  } catch {
    await unlink(temp).catch(() => undefined);
  }
}

async function writeDurably(path: string, bytes: Buffer): Promise<void> {
  const handle = await open(path, "wx");
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function newestGeneration(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readEntries(dir)) {
    if (entry.isFile() && GENERATION.test(entry.name)) newest = Math.max(newest, Number(entry.name));
  }
  return newest;
}

function generationName(generation: number): string {
  return String(generation).padStart(10, "0");
}

function tempPath(dir: string): string {
  return join(dir, `${TEMP_PREFIX}${process.pid}-${randomBytes(6).toString("hex")}`);
}

async function readEntries(dir: string): Promise<Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
}

async function fileExists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
}

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then(
    (stats) => stats.isDirectory(),
    () => false,
  );
}

function isMissing(error: unknown): boolean {
  const code = errorCode(error);
  return code === "ENOENT" || code === "ENOTDIR";
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}
