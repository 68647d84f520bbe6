import { describe, expect, it } from "vitest";
import {
  formatBytes,
  formatMs,
  formatPercent,
  formatSigned,
  formatValue,
  METRIC_LABELS,
  sentence,
} from "../../../src/core/evaluate/gates/format.js";
import { METRIC_NAMES } from "../../../src/core/evaluate/metrics/registry.js";

describe("gate text formatting", () => {
  it("writes metric values with four decimals, fewer when large, exponent form when tiny", () => {
    expect(formatValue(0.005)).toBe("0.0050");
    expect(formatValue(0)).toBe("0.0000");
    expect(formatValue(12.5)).toBe("12.5000");
    expect(formatValue(123456.789)).toBe("123456.8");
    expect(formatValue(0.000012)).toBe("0.000012");
    expect(formatValue(-0.000012)).toBe("-0.000012");
    expect(formatValue(Number.NaN)).toBe("NaN");
    expect(formatValue(Number.NEGATIVE_INFINITY)).toBe("-∞");
  });

  it("signs changes", () => {
    expect(formatSigned(0.0123)).toBe("+0.0123");
    expect(formatSigned(-0.002)).toBe("-0.0020");
    expect(formatSigned(0)).toBe("+0.0000");
    expect(formatSigned(Number.NaN)).toBe("NaN");
  });

  it("writes percentages, sizes and durations", () => {
    expect(formatPercent(0.95)).toBe("95%");
    expect(formatPercent(0.995)).toBe("99.5%");
    expect(formatPercent(0.02)).toBe("2%");
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(12_345_678)).toBe("12.3 MB");
    expect(formatBytes(50_000_000)).toBe("50 MB");
    expect(formatBytes(1_500_000_000)).toBe("1.5 GB");
    expect(formatBytes(2 ** 20)).toBe("1.05 MB");
    expect(formatMs(120.46)).toBe("120.5 ms");
  });

  it("labels every metric and capitalises a sentence", () => {
    expect(Object.keys(METRIC_LABELS).sort()).toEqual([...METRIC_NAMES].sort());
    expect(sentence("log loss improved")).toBe("Log loss improved");
  });
});
