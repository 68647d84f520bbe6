/**
 * The environment a training run used: OS and architecture, Node, the Python version when the
 * command uses Python, and the digests of the dependency lock files in the working directory.
 */
import { execFile } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { sha256Digest } from "../../digest.js";

const run = promisify(execFile);

/** Lock and requirement files whose content decides what a training run imports. */
const LOCKFILE =
  /^(requirements.*\.txt|poetry\.lock|uv\.lock|Pipfile\.lock|environment\.ya?ml|conda-lock\.ya?ml|package-lock\.json|pnpm-lock\.yaml|yarn\.lock)$/;

export interface RunEnvironment {
  os: string;
  node: string;
  python?: string;
  /** lock file (relative to the working directory) → digest */
  lockfiles: Record<string, string>;
}

export async function describeEnvironment(
  cwd: string,
  env: Readonly<Record<string, string | undefined>>,
  command?: string,
): Promise<RunEnvironment> {
  const described: RunEnvironment = {
    os: `${process.platform}-${process.arch} ${os.release()}`,
    node: process.version,
    lockfiles: await lockfileDigests(cwd),
  };
  if (command && /\bpython[0-9.]*\b|\.py\b/.test(command)) {
    const python = await pythonVersion(env);
    if (python) described.python = python;
  }
  return described;
}

async function lockfileDigests(cwd: string): Promise<Record<string, string>> {
  const digests: Record<string, string> = {};
  for (const name of (await readdir(cwd)).filter((file) => LOCKFILE.test(file)).sort()) {
    digests[name] = sha256Digest(await readFile(path.join(cwd, name)));
  }
  return digests;
}

/** `Python 3.11.4` from the python3 (else python) the command's PATH finds; undefined when there is none. */
async function pythonVersion(env: Readonly<Record<string, string | undefined>>): Promise<string | undefined> {
  for (const executable of ["python3", "python"]) {
    try {
      const { stdout, stderr } = await run(executable, ["--version"], { env: { PATH: env.PATH }, timeout: 5000 });
      const version = (stdout || stderr).trim();
      if (version) return version;
    } catch {
      // not on this PATH; try the next name
    }
  }
  return undefined;
}
