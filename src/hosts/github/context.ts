/**
 * The GitHub Actions host port: workflow commands for logs, groups, masks and annotations, the step
 * summary file, and the sticky pull-request comment through the REST API.
 */
import * as core from "@actions/core";
import { redactSecrets } from "../../core/report/redact.js";
import type { Logger, RunIdentity, SourceLocation, TaskContext } from "../../tasks/context.js";
import { mlgateVersion } from "../../version.js";
import { annotationPath } from "../annotation-path.js";
import { githubTokenInput } from "../host-inputs.js";
import { inertForGitHub } from "../inert-log.js";
import { type PullRequestComments, stickyCommenter } from "../sticky-comment.js";
import { gitHubIdentity } from "./identity.js";
import { issueComments } from "./issue-comments.js";

export function createGitHubContext(): TaskContext {
  const env = process.env;
  const workspace = env.GITHUB_WORKSPACE || process.cwd();
  const identity = gitHubIdentity(env);
  const secrets: string[] = [];
  const redact = (text: string) => redactSecrets(text, secrets);
  const mask = (secret: string) => {
    if (!secret) return;
    core.setSecret(secret);
    secrets.push(secret);
  };
  const log = gitHubLogger(workspace);
  const summary = async (markdown: string) => {
    // without a summary file (an old or local runner) the report goes to the log
    if (env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(redact(markdown), true).write();
    else core.info(inertForGitHub(redact(markdown)));
  };
  const token = core.getInput(githubTokenInput.name);
  mask(token);
  return {
    log,
    identity,
    workspace,
    env,
    mask,
    summary,
    comment: stickyCommenter({ target: commentTarget(identity, token), log, summary, redact, runUrl: identity.runUrl }),
    version: mlgateVersion,
    now: () => new Date(),
  };
}

function gitHubLogger(workspace: string): Logger {
  const annotation = (location?: SourceLocation): core.AnnotationProperties | undefined =>
    location && {
      file: annotationPath(location.file, workspace),
      startLine: location.line,
      startColumn: location.column,
    };
  return {
    info: (message) => core.info(inertForGitHub(message)),
    warning: (message, location) => core.warning(message, annotation(location)),
    error: (message, location) => core.error(message, annotation(location)),
    debug: (message) => core.debug(message),
    group: (title, body) => core.group(title, body),
  };
}

function commentTarget(identity: RunIdentity, token: string): PullRequestComments | string {
  if (identity.pullRequest === undefined || !identity.repository) return "this run has no pull request to comment on";
  if (identity.fromFork) return "this pull request comes from a fork, whose token may not comment";
  if (!token) return `no ${githubTokenInput.name} was given, so no pull request comment`;
  const [owner = "", repo = ""] = identity.repository.split("/");
  return issueComments(token, { owner, repo, issue_number: identity.pullRequest });
}
