// Posts the sticky comments listed in $MLGATE_TEST_COMMENTS through the real GitHub host port.
import { readFile } from "node:fs/promises";
import { createGitHubContext } from "../../../../src/hosts/github/context.js";
import type { StickyComment } from "../../../../src/tasks/context.js";

const comments = JSON.parse(await readFile(process.env.MLGATE_TEST_COMMENTS ?? "", "utf8")) as StickyComment[];
const ctx = createGitHubContext();
for (const comment of comments) await ctx.comment(comment);
