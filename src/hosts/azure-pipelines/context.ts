/**
 * The Azure Pipelines host port: logging commands for logs, groups, masks and issues, a summary
 * Markdown file uploaded to the run's Extensions tab, pull-request threads through the REST API, and
 * the Azure credential of the optional service connection.
 */
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import * as tl from "azure-pipelines-task-lib/task.js";
import type { Logger, RunIdentity, SourceLocation, TaskContext } from "../../tasks/context.js";
import { mlgateVersion } from "../../version.js";
import { annotationPath } from "../annotation-path.js";
import { defaultGitHubApiUrl } from "../github-api-url.js";
import { azureAccessTokenVariable, azureSubscriptionInput } from "../host-inputs.js";
import { inertForAzurePipelines } from "../inert-log.js";
import { progressLines } from "../progress-lines.js";
import { secretKeeper } from "../secrets.js";
import { type PullRequestComments, stickyCommenter } from "../sticky-comment.js";
import { systemAccessToken } from "./access-token.js";
import { serviceConnectionCredential } from "./credential.js";
import { azurePipelinesIdentity, type PipelineVariables, withSlash } from "./identity.js";
import { pullRequestThreads } from "./pull-request-threads.js";

export async function createAzurePipelinesContext(taskName: string): Promise<TaskContext> {
  const variable: PipelineVariables = (name) => tl.getVariable(name) || undefined;
  const workspace = variable("System.DefaultWorkingDirectory") ?? process.cwd();
  const identity = azurePipelinesIdentity(variable);
  const { mask, redact } = secretKeeper(tl.setSecret);
  const log = azurePipelinesLogger(workspace);
  const summary = summaryUploader(taskName, variable("Agent.TempDirectory") ?? os.tmpdir(), redact);
  const accessToken = systemAccessToken();
  if (accessToken) mask(accessToken);
  const connection = tl.getInput(azureSubscriptionInput.name);
  return {
    log,
    identity,
    workspace,
    env: process.env,
    azureCredential: connection ? serviceConnectionCredential(connection, accessToken, mask) : undefined,
    mask,
    summary,
    comment: stickyCommenter({
      target: commentTarget(identity, variable, accessToken),
      log,
      summary,
      redact,
      runUrl: identity.runUrl,
    }),
    trigger: {
      branch: identity.branch,
      githubApiUrl: defaultGitHubApiUrl,
      azureCollectionUri: variable("System.CollectionUri"),
      azureProject: variable("System.TeamProject"),
      azureToken: accessToken,
    },
    version: mlgateVersion,
    now: () => new Date(),
  };
}

function azurePipelinesLogger(workspace: string): Logger {
  const write = (line: string) => process.stdout.write(`${line}\n`);
  const issue = (type: tl.IssueType, message: string, location: SourceLocation) =>
    tl.logIssue(type, message, annotationPath(location.file, workspace), location.line, location.column);
  return {
    info: (message) => write(inertForAzurePipelines(message)),
    warning: (message, location) => (location ? issue(tl.IssueType.Warning, message, location) : tl.warning(message)),
    error: (message, location) => (location ? issue(tl.IssueType.Error, message, location) : tl.error(message)),
    debug: (message) => tl.debug(message),
    group: async (title, body) => {
      write(`##[group]${title}`);
      try {
        return await body();
      } finally {
        write("##[endgroup]");
      }
    },
    progress: progressLines((line) => write(inertForAzurePipelines(line))),
  };
}

/** Each summary becomes its own Markdown file, uploaded to the run's Extensions tab. */
function summaryUploader(taskName: string, tempDirectory: string, redact: (text: string) => string) {
  let folder: Promise<string> | undefined;
  let count = 0;
  return async (markdown: string) => {
    folder ??= mkdtemp(path.join(tempDirectory, "mlgate-"));
    count += 1;
    const file = path.join(await folder, `mlgate-${taskName}${count > 1 ? `-${count}` : ""}.md`);
    await writeFile(file, redact(markdown), "utf8");
    tl.uploadSummary(file);
  };
}

function commentTarget(
  identity: RunIdentity,
  variable: PipelineVariables,
  accessToken: string | undefined,
): PullRequestComments | string {
  const collectionUri = variable("System.CollectionUri");
  const project = variable("System.TeamProject");
  const repositoryId = variable("Build.Repository.ID");
  const pullRequestId = variable("System.PullRequest.PullRequestId");
  if (!pullRequestId) return "this run has no pull request to comment on";
  if (variable("Build.Repository.Provider") !== "TfsGit")
    return "the pull request is not in Azure Repos, so no comment thread";
  if (identity.fromFork) return "this pull request comes from a fork, whose token may not comment";
  if (!accessToken) return `the job's ${azureAccessTokenVariable} is not available, so no pull request comment`;
  if (!collectionUri || !project || !repositoryId) return "the pipeline variables name no repository to comment on";
  return pullRequestThreads({
    collectionUri: withSlash(collectionUri),
    project,
    repositoryId,
    pullRequestId: Number(pullRequestId),
    accessToken,
  });
}
