/** The CLI's host port: logs on stderr, the report on stdout (stderr with --json), lineage from git. */
import { execFile } from "node:child_process";
import os from "node:os";
import { promisify } from "node:util";
import type { Logger, RunIdentity, SourceLocation, TaskContext } from "../../tasks/context.js";
import { mlgateVersion } from "../../version.js";
import { defaultGitHubApiUrl } from "../github-api-url.js";
import { progressLines } from "../progress-lines.js";
import { secretKeeper } from "../secrets.js";
import { progressBar } from "./progress-bar.js";

const run = promisify(execFile);

export interface CliContextOptions {
  workspace: string;
  env: Readonly<Record<string, string | undefined>>;
  json: boolean;
  debug: boolean;
}

export async function createCliContext(options: CliContextOptions): Promise<TaskContext> {
  const { mask, redact: clean } = secretKeeper();
  const err = (text: string) => process.stderr.write(`${clean(text)}\n`);
  const identity = await gitIdentity(options.workspace, options.env);
  const report = (text: string) => (options.json ? process.stderr : process.stdout).write(`${clean(text)}\n`);
  return {
    log: cliLogger(err, options.debug, process.stderr.isTTY ? progressBar(process.stderr) : progressLines(err)),
    identity,
    workspace: options.workspace,
    env: options.env,
    mask,
    summary: async (markdown) => {
      report(markdown);
    },
    comment: async (comment) => {
      report(comment.markdown);
    },
    trigger: cliTrigger(options.env, identity.branch, mask),
    version: mlgateVersion,
    now: () => new Date(),
  };
}

/** On a laptop the trigger's tokens and targets come from the environment, as CI would set them. */
function cliTrigger(
  env: Readonly<Record<string, string | undefined>>,
  branch: string | undefined,
  mask: (secret: string) => void,
): TaskContext["trigger"] {
  const githubToken = env.GITHUB_TOKEN || undefined;
  const azureToken = env.SYSTEM_ACCESSTOKEN || undefined;
  for (const token of [githubToken, azureToken]) if (token) mask(token);
  return {
    repository: env.GITHUB_REPOSITORY || undefined,
    branch,
    githubApiUrl: env.GITHUB_API_URL || defaultGitHubApiUrl,
    githubToken,
    azureCollectionUri: env.SYSTEM_COLLECTIONURI || undefined,
    azureProject: env.SYSTEM_TEAMPROJECT || undefined,
    azureToken,
  };
}

function cliLogger(write: (text: string) => void, debug: boolean, progress: Logger["progress"]): Logger {
  // errors from bad input already begin with their file; a terminal needs no second copy
  const at = (location: SourceLocation | undefined, message: string) =>
    location && !message.startsWith(location.file)
      ? `${location.file}${location.line ? `:${location.line}` : ""}${location.column ? `:${location.column}` : ""}: `
      : "";
  return {
    info: (message) => write(message),
    warning: (message, location) => write(`warning: ${at(location, message)}${message}`),
    error: (message, location) => write(`error: ${at(location, message)}${message}`),
    debug: (message) => {
      if (debug) write(`debug: ${message}`);
    },
    group: async (title, body) => {
      write(`── ${title}`);
      return body();
    },
    progress,
  };
}

/** A laptop run's lineage: the checkout's commit and branch, the git user or the OS user. */
async function gitIdentity(cwd: string, env: Readonly<Record<string, string | undefined>>): Promise<RunIdentity> {
  const git = (...args: string[]) =>
    run("git", args, { cwd, timeout: 5000 }).then(
      ({ stdout }) => stdout.trim() || undefined,
      () => undefined,
    );
  const [commit, branch, actor] = await Promise.all([
    git("rev-parse", "HEAD"),
    git("rev-parse", "--abbrev-ref", "HEAD"),
    git("config", "user.name"),
  ]);
  return {
    host: "cli",
    commit,
    branch: branch === "HEAD" ? undefined : branch,
    event: "manual",
    actor: actor ?? env.USER ?? os.userInfo().username,
  };
}
