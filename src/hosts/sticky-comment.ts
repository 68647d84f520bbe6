/**
 * The sticky pull-request comment as both CI hosts post it: one per key, found again by its hidden
 * marker and updated in place, kept under the platform's size limit and free of masked secrets.
 * When the platform cannot take it (no pull request, a fork, no token, a read-only token, any API
 * failure) the comment goes to the job summary instead, with a single warning: a comment never fails
 * the job.
 */
import { describeError } from "../core/errors.js";
import { fitCommentBody, stickyMarker } from "../core/report/comment.js";
import type { Logger, StickyComment } from "../tasks/context.js";

/** A pull request's comments on one platform. */
export interface PullRequestComments {
  /** the platform's largest comment, in characters */
  limit: number;
  /** Replace the body of the comment that carries `marker`, or create one. */
  upsert(marker: string, body: string): Promise<void>;
}

export interface StickyCommentOptions {
  /** where comments go, or why there is nowhere to put them (`this run has no pull request`) */
  target: PullRequestComments | string;
  log: Logger;
  summary: (markdown: string) => Promise<void>;
  /** hides every masked secret */
  redact: (text: string) => string;
  /** linked from a truncated comment when the comment names no full report */
  runUrl?: string;
}

export function stickyCommenter(options: StickyCommentOptions): (comment: StickyComment) => Promise<void> {
  let target = options.target;
  let warned = false;
  return async (comment) => {
    if (typeof target !== "string") {
      try {
        const marker = stickyMarker(comment.key);
        const body = fitCommentBody(options.redact(comment.markdown), {
          limit: target.limit,
          marker,
          fullReportUrl: comment.fullReportUrl ?? options.runUrl,
        });
        await target.upsert(marker, body);
        return;
      } catch (error) {
        target = `could not post the pull request comment (${describeError(error)})`;
      }
    }
    if (!warned) {
      options.log.warning(`${target}: the report is in the job summary instead`);
      warned = true;
    }
    await options.summary(comment.markdown);
  };
}
