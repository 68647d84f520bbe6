/** Progress on a terminal: one line redrawn in place, with a bar when the total is known. */
import type { ProgressUpdate } from "../../tasks/context.js";

const BAR_WIDTH = 24;

export function progressBar(stream: NodeJS.WriteStream) {
  return (update: ProgressUpdate): void => {
    const bar =
      update.fraction === undefined
        ? ""
        : `[${"#".repeat(Math.round(update.fraction * BAR_WIDTH)).padEnd(BAR_WIDTH, ".")}] `;
    stream.write(`\r\x1b[2K${bar}${update.text}${update.done ? "\n" : ""}`);
  };
}
