/**
 * Where a task's report goes: the sticky comment on a pull request (which falls back to the job
 * summary when it cannot be posted), else the job summary — once, never both.
 */
import type { TaskContext } from "./context.js";

export async function publishReport(ctx: TaskContext, key: string, markdown: string): Promise<void> {
  if (ctx.identity.pullRequest !== undefined) await ctx.comment({ key, markdown });
  else await ctx.summary(markdown);
}
