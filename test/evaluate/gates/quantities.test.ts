import { describe, expect, it } from "vitest";
import { InputError, type Where } from "../../../src/core/errors.js";
import {
  parseBytes,
  parseLatencyBar,
  parseMetricBar,
  parseMilliseconds,
  resolveBar,
} from "../../../src/core/evaluate/gates/quantities.js";

const where: Where = { file: "mlgate.yml", line: 7, column: 24, key: "gates.max-model-size" };
const regression = { negative: false, example: '0.01 or "2%"' };
const improvement = { negative: true, example: '0.005 or "1%"' };

function refusal(parse: () => unknown): InputError {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error("expected the quantity to be refused");
}

describe("parseMetricBar", () => {
  it("reads a number as an absolute bar in the metric's units", () => {
    expect(parseMetricBar(0.005, where, regression)).toEqual({ kind: "absolute", value: 0.005, text: "0.005" });
    expect(parseMetricBar("0.005", where, regression)).toEqual({ kind: "absolute", value: 0.005, text: "0.005" });
    expect(parseMetricBar(0, where, regression)).toMatchObject({ kind: "absolute", value: 0 });
  });

  it("reads a percentage as a fraction of the champion's value", () => {
    expect(parseMetricBar("2%", where, regression)).toEqual({ kind: "relative", fraction: 0.02, text: "2%" });
    expect(parseMetricBar("0.5%", where, regression)).toMatchObject({ fraction: 0.005 });
    expect(parseMetricBar(".5%", where, regression)).toMatchObject({ fraction: 0.005 });
    expect(parseMetricBar("150%", where, regression)).toMatchObject({ fraction: 1.5 });
  });

  it("lets min-improvement be negative (a non-inferiority margin), not a regression", () => {
    expect(parseMetricBar(-0.01, where, improvement)).toMatchObject({ kind: "absolute", value: -0.01 });
    expect(parseMetricBar("-1%", where, improvement)).toMatchObject({ kind: "relative", fraction: -0.01 });
    const error = refusal(() => parseMetricBar(-0.01, where, regression));
    expect(error.message).toBe(
      `mlgate.yml:7:24 'gates.max-model-size': must not be negative — write the largest change allowed, e.g. 0.01 or "2%"`,
    );
  });

  it("refuses a space before the percent sign, saying how to write it", () => {
    const error = refusal(() => parseMetricBar("2 %", where, regression));
    expect(error.where).toEqual(where);
    expect(error.problem).toBe("'2 %' is not a number or a percentage of the champion's value");
    expect(error.fix).toBe("write it without spaces: 2%");
  });

  it("refuses words, units and other types with an example", () => {
    for (const value of ["fast", "2pct", "%", "2%%", "1e-3%", true, null]) {
      const error = refusal(() => parseMetricBar(value, where, regression));
      expect(error.fix).toBe('write e.g. 0.01 or "2%"');
      expect(error.where).toEqual(where);
    }
    expect(refusal(() => parseMetricBar(Number.POSITIVE_INFINITY, where, regression)).problem).toBe(
      "must be a finite number",
    );
  });
});

describe("resolveBar", () => {
  it("is the absolute value, or the fraction of the champion's magnitude", () => {
    expect(resolveBar({ kind: "absolute", value: 0.01, text: "0.01" }, 0.8)).toBe(0.01);
    expect(resolveBar({ kind: "relative", fraction: 0.02, text: "2%" }, 0.5)).toBeCloseTo(0.01, 15);
    // r2 can be negative: the bar is still a positive amount
    expect(resolveBar({ kind: "relative", fraction: 0.1, text: "10%" }, -2)).toBeCloseTo(0.2, 15);
  });
});

describe("parseBytes", () => {
  it("reads a number as bytes and decimal or binary units in any case", () => {
    expect(parseBytes(1234, where)).toBe(1234);
    expect(parseBytes("500KB", where)).toBe(500_000);
    expect(parseBytes("50MB", where)).toBe(50_000_000);
    expect(parseBytes("1.5GB", where)).toBe(1_500_000_000);
    expect(parseBytes("2TB", where)).toBe(2e12);
    expect(parseBytes("20MiB", where)).toBe(20 * 1024 * 1024);
    expect(parseBytes("1KiB", where)).toBe(1024);
    expect(parseBytes("1GiB", where)).toBe(2 ** 30);
    expect(parseBytes("50mb", where)).toBe(50_000_000);
    expect(parseBytes("100B", where)).toBe(100);
    expect(parseBytes("100", where)).toBe(100);
  });

  it("refuses unknown units, spaces, zero and negatives", () => {
    expect(refusal(() => parseBytes("50 MB", where)).fix).toBe("write it without spaces: 50MB");
    const unknown = refusal(() => parseBytes("50Mbit", where));
    expect(unknown.message).toBe(
      "mlgate.yml:7:24 'gates.max-model-size': '50Mbit' is not a size — write e.g. 50MB, 500KB, 1.5GB or 20MiB (or a number of bytes)",
    );
    expect(refusal(() => parseBytes("big", where)).problem).toBe("'big' is not a size");
    expect(refusal(() => parseBytes(0, where)).problem).toBe("must be more than zero");
    expect(refusal(() => parseBytes("-1MB", where)).problem).toBe("must be more than zero");
    expect(refusal(() => parseBytes(Number.POSITIVE_INFINITY, where)).problem).toBe("must be a finite number");
  });
});

describe("parseMilliseconds", () => {
  it("reads a number as milliseconds, and ms or s", () => {
    expect(parseMilliseconds(250, where)).toBe(250);
    expect(parseMilliseconds("250ms", where)).toBe(250);
    expect(parseMilliseconds("1.5s", where)).toBe(1500);
    expect(parseMilliseconds("2S", where)).toBe(2000);
  });

  it("refuses words, other units and spaces", () => {
    const error = refusal(() => parseMilliseconds("fast", where));
    expect(error.message).toBe(
      "mlgate.yml:7:24 'gates.max-model-size': 'fast' is not a duration — write e.g. 250ms or 1.5s (or a number of milliseconds)",
    );
    expect(refusal(() => parseMilliseconds("1min", where)).problem).toBe("'1min' is not a duration");
    expect(refusal(() => parseMilliseconds("250 ms", where)).fix).toBe("write it without spaces: 250ms");
    expect(refusal(() => parseMilliseconds(0, where)).problem).toBe("must be more than zero");
  });
});

describe("parseLatencyBar", () => {
  it("reads a percentage of the champion's latency, or milliseconds", () => {
    expect(parseLatencyBar("20%", where)).toEqual({ kind: "relative", fraction: 0.2, text: "20%" });
    expect(parseLatencyBar("30ms", where)).toEqual({ kind: "absolute", value: 30, text: "30ms" });
    expect(parseLatencyBar("0.1s", where)).toEqual({ kind: "absolute", value: 100, text: "0.1s" });
    expect(parseLatencyBar(30, where)).toEqual({ kind: "absolute", value: 30, text: "30" });
    expect(parseLatencyBar(0, where)).toMatchObject({ value: 0 });
  });

  it("refuses words, spaces and negatives", () => {
    expect(refusal(() => parseLatencyBar("slow", where)).problem).toBe(
      "'slow' is not a duration or a percentage of the champion's latency",
    );
    expect(refusal(() => parseLatencyBar("20 %", where)).fix).toBe("write it without spaces: 20%");
    expect(refusal(() => parseLatencyBar("30 ms", where)).fix).toBe("write it without spaces: 30ms");
    expect(refusal(() => parseLatencyBar("-5%", where)).problem).toBe("must not be negative");
    expect(refusal(() => parseLatencyBar(-5, where)).problem).toBe("must not be negative");
  });
});
