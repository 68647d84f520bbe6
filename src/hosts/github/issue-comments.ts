/** A pull request's comments through the GitHub REST API (issue comments: a pull request is an issue). */
import { GITHUB_COMMENT_LIMIT } from "../../core/report/comment.js";
import type { PullRequestComments } from "../sticky-comment.js";

export interface IssueRef {
  owner: string;
  repo: string;
  issue_number: number;
}

export function issueComments(token: string, issue: IssueRef): PullRequestComments {
  const { owner, repo } = issue;
  return {
    limit: GITHUB_COMMENT_LIMIT,
    upsert: async (marker, body) => {
      try {
        // Octokit loads only when a comment is actually posted
        const octokit = (await import("@actions/github")).getOctokit(token);
        const [existing] = await octokit.paginate(
          octokit.rest.issues.listComments,
          { ...issue, per_page: 100 },
          (response, done) => {
            const found = response.data.filter((comment) => comment.body?.startsWith(marker));
            if (found.length > 0) done();
            return found;
          },
        );
        if (existing) await octokit.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body });
        else await octokit.rest.issues.createComment({ ...issue, body });
      } catch (error) {
        throw explainRefusal(error);
      }
    },
  };
}

/** A read-only token gets 403 (or 404 on a private repository): say how to grant the permission. */
function explainRefusal(error: unknown): unknown {
  const status = (error as { status?: unknown }).status;
  if (status !== 403 && status !== 404) return error;
  return new Error(
    `GitHub answered ${status}: the token may not comment on this pull request; give the job \`permissions: pull-requests: write\``,
  );
}
