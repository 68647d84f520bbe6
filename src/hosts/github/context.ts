/**
 * The GitHub Actions host port: workflow commands for logs, groups, masks and annotations, the step
 * summary file, and the sticky pull-request comment through the REST API.
 */
import type { Logger, RunIdentity, SourceLocation, TaskContext } from "../../tasks/context.js";
import { mlgateVersion } from "../../version.js";
import { annotationPath } from "../annotation-path.js";
import { defaultGitHubApiUrl } from "../github-api-url.js";
import { githubTokenInput } from "../host-inputs.js";
import { inertForGitHub } from "../inert-log.js";
import { progressLines } from "../progress-lines.js";
import { secretKeeper } from "../secrets.js";
import { type PullRequestComments, stickyCommenter } from "../sticky-comment.js";
import { gitHubIdentity } from "./identity.js";
import { issueComments } from "./issue-comments.js";
import { type Annotation, appendSummary, command, getInput } from "./runner.js";

export function createGitHubContext(): TaskContext {
  const env = process.env;
  const workspace = env.GITHUB_WORKSPACE || process.cwd();
  const identity = gitHubIdentity(env);
  const { mask, redact } = secretKeeper(command.mask);
  const log = gitHubLogger(workspace);
  const summary = async (markdown: string) => {
    // without a summary file (an old or local runner) the report goes to the log
    if (!appendSummary(env, redact(markdown))) log.info(redact(markdown));
  };
  const token = getInput(env, githubTokenInput.name);
  mask(token);
  return {
    log,
    identity,
    workspace,
    env,
    mask,
    summary,
    comment: stickyCommenter({ target: commentTarget(identity, token), log, summary, redact, runUrl: identity.runUrl }),
    trigger: {
      repository: identity.repository,
      branch: identity.branch,
      githubApiUrl: env.GITHUB_API_URL || defaultGitHubApiUrl,
      githubToken: token || undefined,
    },
    version: mlgateVersion,
    now: () => new Date(),
  };
}

function gitHubLogger(workspace: string): Logger {
  const annotation = (location?: SourceLocation): Annotation | undefined =>
    location && { file: annotationPath(location.file, workspace), line: location.line, column: location.column };
  return {
    info: (message) => process.stdout.write(`${inertForGitHub(message)}\n`),
    warning: (message, location) => command.warning(message, annotation(location)),
    error: (message, location) => command.error(message, annotation(location)),
    debug: (message) => command.debug(message),
    group: async (title, body) => {
      command.startGroup(title);
      try {
        return await body();
      } finally {
        command.endGroup();
      }
    },
    progress: progressLines((line) => process.stdout.write(`${inertForGitHub(line)}\n`)),
  };
}

function commentTarget(identity: RunIdentity, token: string): PullRequestComments | string {
  if (identity.pullRequest === undefined || !identity.repository) return "this run has no pull request to comment on";
  if (identity.fromFork) return "this pull request comes from a fork, whose token may not comment";
  if (!token) return `no ${githubTokenInput.name} was given, so no pull request comment`;
  const [owner = "", repo = ""] = identity.repository.split("/");
  return issueComments(token, { owner, repo, issue_number: identity.pullRequest });
}
