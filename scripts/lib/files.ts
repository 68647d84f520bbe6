/**
 * A set of generated files (path relative to the repository → exact content) plus the folders it
 * owns: every file found in an owned folder must be in the set, so a removed task leaves nothing
 * behind. Files whose content starts with `#!` are executable.
 */
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

export type Content = string | Uint8Array;

export interface FileSet {
  files: ReadonlyMap<string, Content>;
  folders: readonly string[];
}

export function mergeFileSets(...sets: readonly FileSet[]): FileSet {
  return {
    files: new Map(sets.flatMap((set) => [...set.files])),
    folders: [...new Set(sets.flatMap((set) => set.folders))],
  };
}

/** Writes what changed and removes files in owned folders that are no longer generated. */
export function writeFileSet(root: string, set: FileSet): { written: string[]; removed: string[] } {
  const written: string[] = [];
  for (const [file, content] of set.files) {
    const target = path.join(root, file);
    if (!existsSync(target) || !readFileSync(target).equals(bytes(content))) {
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, content);
      written.push(file);
    }
    if (executable(content)) chmodSync(target, 0o755);
  }
  const removed = orphans(root, set);
  for (const file of removed) rmSync(path.join(root, file));
  return { written, removed };
}

/** Every difference between the set and the disk, one line each; empty when all is current. */
export function staleFiles(root: string, set: FileSet): string[] {
  const stale: string[] = [];
  for (const [file, content] of set.files) {
    const target = path.join(root, file);
    if (!existsSync(target)) stale.push(`${file} (missing)`);
    else if (!readFileSync(target).equals(bytes(content))) stale.push(`${file} (differs)`);
    else if (executable(content) && (statSync(target).mode & 0o111) === 0) stale.push(`${file} (not executable)`);
  }
  return [...stale, ...orphans(root, set).map((file) => `${file} (no longer generated)`)];
}

function orphans(root: string, set: FileSet): string[] {
  return set.folders.flatMap((folder) => listFiles(root, folder)).filter((file) => !set.files.has(file));
}

/** Build output and installs inside task folders are not generated files (they are gitignored). */
const notOwned = /^tasks\/[^/]+\/(dist|node_modules)$/;

function listFiles(root: string, folder: string): string[] {
  const dir = path.join(root, folder);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = `${folder}/${entry.name}`;
    if (entry.isDirectory()) return notOwned.test(file) ? [] : listFiles(root, file);
    return [file];
  });
}

function bytes(content: Content): Buffer {
  return typeof content === "string"
    ? Buffer.from(content)
    : Buffer.from(content.buffer, content.byteOffset, content.byteLength);
}

function executable(content: Content): boolean {
  return bytes(content).subarray(0, 2).toString() === "#!";
}
