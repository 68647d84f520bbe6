/**
 * The code a training run used, as one digest: by default every file git tracks under the working
 * directory (what a commit would reproduce), or the files the `code` globs name. Each file counts
 * by its path and content, so renaming or editing anything tracked changes the digest, and build
 * output or caches that git ignores do not. Also whether the checkout had uncommitted changes.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { globToRegExp } from "../../data/glob.js";
import { InputError } from "../../errors.js";

const run = promisify(execFile);

export interface CodeDigest {
  digest: string;
  files: number;
  /** uncommitted changes to tracked files (git only) */
  dirty?: boolean;
}

/** `exclude`: paths relative to `cwd` that are not code (mlgate.yml: what it decides is keyed on its own). */
export async function codeDigest(
  cwd: string,
  globs?: readonly string[],
  exclude: readonly string[] = [],
): Promise<CodeDigest> {
  const listed = globs && globs.length > 0 ? await matchingFiles(cwd, globs) : await trackedFiles(cwd);
  const files = listed.filter((file) => !exclude.includes(file));
  const hash = createHash("sha256");
  for (const file of files.sort()) hash.update(`${file}\0${await contentDigest(path.join(cwd, file))}\n`);
  const result: CodeDigest = { digest: `sha256:${hash.digest("hex")}`, files: files.length };
  if (!globs || globs.length === 0) result.dirty = await isDirty(cwd);
  return result;
}

/** A tracked file deleted from the working tree counts as deleted, not as an error. */
async function contentDigest(file: string): Promise<string> {
  try {
    return createHash("sha256")
      .update(await readFile(file))
      .digest("hex");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "deleted";
    throw error;
  }
}

async function trackedFiles(cwd: string): Promise<string[]> {
  try {
    const { stdout } = await run("git", ["ls-files", "-z", "--cached", "--", "."], { cwd, maxBuffer: 64 << 20 });
    return stdout.split("\0").filter((file) => file !== "");
  } catch {
    throw new InputError(
      "is not in a git checkout, so the code cannot be identified",
      { key: "code" },
      "run inside a git checkout, or name the code files with 'code' globs",
    );
  }
}

async function isDirty(cwd: string): Promise<boolean> {
  const { stdout } = await run("git", ["status", "--porcelain", "--untracked-files=no", "--", "."], { cwd });
  return stdout.trim() !== "";
}

async function matchingFiles(cwd: string, globs: readonly string[]): Promise<string[]> {
  const patterns = globs.map((glob) => globToRegExp(glob));
  const found: string[] = [];
  const visit = async (dir: string): Promise<void> => {
    for (const entry of await readdir(path.join(cwd, dir), { withFileTypes: true })) {
      const relative = dir === "" ? entry.name : `${dir}/${entry.name}`;
      if (entry.isDirectory() && entry.name !== ".git" && entry.name !== "node_modules") await visit(relative);
      else if (entry.isFile() && patterns.some((pattern) => pattern.test(relative))) found.push(relative);
    }
  };
  await visit("");
  return found;
}
