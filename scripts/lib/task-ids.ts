/**
 * Each Azure Pipelines task keeps its GUID forever (agents and pipelines refer to it), so the ids
 * live in a committed file: minted once by `npm run generate`, never regenerated, never removed.
 */
import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

export const taskIdsFile = "tasks/ids.json";
export type TaskIds = Readonly<Record<string, string>>;

export function readTaskIds(root: string): TaskIds {
  const file = path.join(root, taskIdsFile);
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as TaskIds) : {};
}

/** The ids with one minted for each task that has none yet. */
export function mintTaskIds(ids: TaskIds, tasks: readonly string[]): TaskIds {
  const minted = Object.fromEntries(tasks.filter((task) => !ids[task]).map((task) => [task, randomUUID()]));
  return { ...ids, ...minted };
}

export function renderTaskIds(ids: TaskIds): string {
  return `${JSON.stringify(ids, null, 2)}\n`;
}
