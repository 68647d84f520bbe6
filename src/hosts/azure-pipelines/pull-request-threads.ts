/**
 * A pull request's comment threads through the Azure DevOps REST API (Git › Pull Request Threads,
 * api-version 7.1): the sticky comment is the first comment of the thread that carries the marker.
 */
import type { PullRequestComments } from "../sticky-comment.js";

/** Azure DevOps rejects longer comments: "A discussion comment cannot be longer than 150000 characters". */
const azureDevOpsCommentLimit = 150_000;

const apiVersion = "7.1";
const requestTimeoutMs = 30_000;
/** CommentType.text and CommentThreadStatus.active */
const textComment = 1;
const activeThread = 1;

export interface PullRequestRef {
  /** System.CollectionUri, e.g. `https://dev.azure.com/fabrikam/` */
  collectionUri: string;
  project: string;
  repositoryId: string;
  pullRequestId: number;
  accessToken: string;
}

interface Thread {
  id: number;
  comments?: { id: number; content?: string }[];
}

export function pullRequestThreads(pr: PullRequestRef): PullRequestComments {
  const threads = `${pr.collectionUri}${encodeURIComponent(pr.project)}/_apis/git/repositories/${encodeURIComponent(pr.repositoryId)}/pullRequests/${pr.pullRequestId}/threads`;
  const call = async (method: string, url: string, body?: unknown): Promise<unknown> => {
    const response = await fetch(`${url}?api-version=${apiVersion}`, {
      method,
      headers: {
        Authorization: `Bearer ${pr.accessToken}`,
        Accept: "application/json",
        "Content-Type": "application/json",
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(requestTimeoutMs),
    });
    if (!response.ok)
      throw new Error(`Azure DevOps answered ${response.status} to ${method} threads${hint(response.status)}`);
    return response.json();
  };
  return {
    limit: azureDevOpsCommentLimit,
    upsert: async (marker, content) => {
      const { value } = (await call("GET", threads)) as { value: Thread[] };
      const sticky = value
        .map((thread) => ({ thread, first: thread.comments?.[0] }))
        .find(({ first }) => first?.content?.startsWith(marker));
      if (sticky?.first) {
        await call("PATCH", `${threads}/${sticky.thread.id}/comments/${sticky.first.id}`, { content });
      } else {
        await call("POST", threads, {
          comments: [{ parentCommentId: 0, content, commentType: textComment }],
          status: activeThread,
        });
      }
    },
  };
}

function hint(status: number): string {
  return status === 401 || status === 403
    ? ": the build service may not comment; allow it 'Contribute to pull requests' on the repository"
    : "";
}
