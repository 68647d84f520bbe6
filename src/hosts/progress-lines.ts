/** Progress in a CI log: one line every few seconds (and the last one always), not one per second. */
import type { ProgressUpdate } from "../tasks/context.js";

export const CI_PROGRESS_INTERVAL_MS = 5000;

export function progressLines(write: (line: string) => void, intervalMs = CI_PROGRESS_INTERVAL_MS) {
  let last = Number.NEGATIVE_INFINITY;
  return (update: ProgressUpdate): void => {
    const now = performance.now();
    if (!update.done && now - last < intervalMs) return;
    last = now;
    write(`${update.done ? "read" : "reading"}: ${update.text}`);
  };
}
