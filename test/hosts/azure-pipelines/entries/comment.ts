// Posts the sticky comments listed in $MLGATE_TEST_COMMENTS through the real Azure Pipelines host port.
import { readFile } from "node:fs/promises";
import { createAzurePipelinesContext } from "../../../../src/hosts/azure-pipelines/context.js";
import type { StickyComment } from "../../../../src/tasks/context.js";

async function postComments(): Promise<void> {
  const comments = JSON.parse(await readFile(process.env.MLGATE_TEST_COMMENTS ?? "", "utf8")) as StickyComment[];
  const ctx = await createAzurePipelinesContext("register");
  for (const comment of comments) await ctx.comment(comment);
}

void postComments();
