import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatCount } from "../../src/core/report/numbers.js";

describe("formatCount", () => {
  it.each([
    [0, "0"],
    [999, "999"],
    [1000, "1,000"],
    [372_000, "372,000"],
    [1_234_567, "1,234,567"],
  ])("%d → %s", (value, text) => {
    expect(formatCount(value)).toBe(text);
  });

  it("groups every count as en-US does", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (value) => {
        expect(formatCount(value)).toBe(value.toLocaleString("en-US"));
      }),
    );
  });
});
