import { describe, expect, it } from "vitest";
import { parseDuration } from "../../../src/tasks/train/duration.js";

describe("parseDuration", () => {
  it.each([
    ["90s", 90_000],
    ["45m", 2_700_000],
    ["2h", 7_200_000],
    ["1h30m", 5_400_000],
    ["1h 30m 15s", 5_415_000],
    ["2", 120_000],
    ["0.5", 30_000],
    ["1.5H", 5_400_000],
  ])("reads %s as %d ms", (text, ms) => {
    expect(parseDuration(text, "timeout")).toBe(ms);
  });

  it.each(["", "soon", "10 minutes", "5d", "m", "-5m", "0s", "0"])("refuses %j naming the input", (text) => {
    expect(() => parseDuration(text, "timeout")).toThrow(/^'timeout': '.*' is not a (positive )?duration/);
  });
});
