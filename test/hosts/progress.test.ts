/** How long reads show progress: a bar redrawn in place on a terminal, a throttled line in CI logs. */
import { describe, expect, it } from "vitest";
import { progressBar } from "../../src/hosts/cli/progress-bar.js";
import { progressLines } from "../../src/hosts/progress-lines.js";
import { describeProgress } from "../../src/tasks/read-data.js";

describe("progress", () => {
  it("prints a CI line at most once per interval, and always the last one", () => {
    const lines: string[] = [];
    const show = progressLines((line) => lines.push(line), 60_000);
    show({ text: "1.0 MB", fraction: 0.1 });
    show({ text: "2.0 MB", fraction: 0.2 });
    show({ text: "3.0 MB", fraction: 1, done: true });
    expect(lines).toEqual(["reading: 1.0 MB", "read: 3.0 MB"]);
  });

  it("redraws one terminal line with a bar when the total is known, ending it when done", () => {
    let written = "";
    const show = progressBar({ write: (text: string) => (written += text) } as unknown as NodeJS.WriteStream);
    show({ text: "half", fraction: 0.5 });
    show({ text: "unknown total" });
    show({ text: "all", fraction: 1, done: true });
    expect(written).toBe(
      `\r\x1b[2K[${"#".repeat(12)}${".".repeat(12)}] half\r\x1b[2Kunknown total\r\x1b[2K[${"#".repeat(24)}] all\n`,
    );
  });

  it("says bytes of the total, rows and the rate", () => {
    expect(describeProgress({ bytesRead: 45_200_000, totalBytes: 121_000_000, rows: 372_000 }, 2000)).toBe(
      "45.2 MB of 121.0 MB, 372,000 rows, 22.6 MB/s",
    );
  });
});
