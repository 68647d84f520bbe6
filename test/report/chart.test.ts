import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderMermaidChart } from "../../src/core/report/chart-mermaid.js";
import { truncate, valueScale } from "../../src/core/report/chart-scale.js";
import { renderChartFigure } from "../../src/core/report/chart-svg.js";
import type { ChartSection } from "../../src/core/report/model.js";
import { readHtml } from "./html-check.js";

function chart(labels: string[], ...values: number[][]): ChartSection {
  const names = ["reference", "current", "baseline"];
  return {
    kind: "chart",
    title: "age",
    labels,
    series: values.map((series, index) => ({ name: names[index] ?? `series ${index}`, values: series })),
    valueLabel: "share of rows",
  };
}

const numbers = (svg: string, attribute: string) =>
  [...svg.matchAll(new RegExp(`<rect [^>]*\\b${attribute}="([^"]+)"`, "g"))].map((match) => Number(match[1]));

describe("valueScale", () => {
  it("starts at 0 and ends on a round tick", () => {
    expect(valueScale([0.12, 0.25, 0.07])).toEqual({
      min: 0,
      max: 0.25,
      ticks: [0, 0.05, 0.1, 0.15, 0.2, 0.25],
      decimals: 2,
    });
    expect(valueScale([130, 870])).toEqual({ min: 0, max: 1000, ticks: [0, 200, 400, 600, 800, 1000], decimals: 0 });
  });

  it("reaches below 0 for negative values, and skips NaN and infinities", () => {
    const scale = valueScale([0.5, -0.05, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]);
    expect(scale).toEqual({ min: -0.2, max: 0.6, ticks: [-0.2, 0, 0.2, 0.4, 0.6], decimals: 1 });
  });

  it("gives 0 to 1 when there is nothing to scale", () => {
    expect(valueScale([0, 0]).max).toBe(1);
    expect(valueScale([Number.NaN]).ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });
});

describe("truncate", () => {
  it("cuts in the middle, keeping both ends and whole characters", () => {
    expect(truncate("customer_segment_a", 9)).toBe("cust…nt_a");
    expect(truncate("[0.125, 0.25)", 8)).toBe("[0.1…25)");
    expect(truncate("😀😀😀😀😀😀", 3)).toBe("😀…😀");
    expect(truncate("short", 5)).toBe("short");
  });
});

describe("renderChartFigure", () => {
  it.each([1, 2, 5, 12, 30])("draws %i groups inside the view, with a rect per finite value", (count) => {
    const labels = Array.from({ length: count }, (_, index) => `bin ${index} of a rather long label`);
    const reference = labels.map((_, index) => (index % 3) / 10);
    const current = labels.map((_, index) =>
      index === 0 ? Number.NaN : index === 1 ? Number.POSITIVE_INFINITY : 0.05,
    );
    const figure = renderChartFigure(chart(labels, reference, current.slice(0, -1)));
    expect(readHtml(figure).problems).toEqual([]);
    expect(figure).not.toMatch(/NaN|Infinity/);
    const finite = reference.length + current.slice(0, -1).filter(Number.isFinite).length;
    expect(figure.match(/<rect /g)).toHaveLength(finite);
    expect(figure.match(/<text class="label"/g)).toHaveLength(count);

    const [minX, minY, width, height] = (/viewBox="([^"]+)"/.exec(figure)?.[1] ?? "")
      .split(" ")
      .map(Number) as number[];
    const xs = numbers(figure, "x");
    const widths = numbers(figure, "width");
    const ys = numbers(figure, "y");
    const heights = numbers(figure, "height");
    xs.forEach((x, index) => {
      expect(x).toBeGreaterThanOrEqual(minX as number);
      expect(x + (widths[index] as number)).toBeLessThanOrEqual((minX as number) + (width as number));
      expect(ys[index]).toBeGreaterThanOrEqual(minY as number);
      expect((ys[index] as number) + (heights[index] as number)).toBeLessThanOrEqual(height as number);
    });
    // every label is cut to what its layout allows, the full text kept as a tooltip
    for (const match of figure.matchAll(/<text class="label"[^>]*><title>([^<]*)<\/title>([^<]*)<\/text>/g)) {
      expect(match[1]).toMatch(/^bin \d+ of a rather long label$/);
      expect(Array.from(match[2] as string).length).toBeLessThanOrEqual(30);
    }
  });

  it("rotates labels that do not fit under their group", () => {
    const labels = Array.from({ length: 30 }, (_, index) => `category_${index}_with_a_long_name`);
    const figure = renderChartFigure(
      chart(
        labels,
        labels.map(() => 1),
      ),
    );
    expect(figure).toContain("rotate(-45)");
    expect(figure).toContain("<title>category_0_with_a_long_name</title>category_0…long_name</text>");
    expect(renderChartFigure(chart(["a", "b"], [1, 2]))).not.toContain("rotate(-45)");
  });

  it("draws all-zero values as flat bars on a 0 to 1 axis", () => {
    const figure = renderChartFigure(chart(["a", "b"], [0, 0], [0, 0]));
    expect(numbers(figure, "height")).toEqual([0, 0, 0, 0]);
    expect([...figure.matchAll(/<text class="tick"[^>]*>([^<]*)</g)].map((tick) => tick[1])).toEqual([
      "0.0",
      "0.2",
      "0.4",
      "0.6",
      "0.8",
      "1.0",
    ]);
  });

  it("draws a negative value down from the zero line", () => {
    const figure = renderChartFigure(chart(["a", "b"], [0.5, -0.1]));
    const zero = Number(/<line class="axis"[^>]*y1="([^"]+)"/.exec(figure)?.[1]);
    const [positive, negative] = numbers(figure, "y");
    expect(positive).toBeLessThan(zero);
    expect(negative).toBe(zero);
  });

  it("gives each series its colour, a legend entry and tooltips with the value", () => {
    const figure = renderChartFigure(chart(["a"], [0.25], [0.125]));
    expect(figure).toContain(
      '<ul class="legend"><li><span class="swatch series-0"></span>reference</li><li><span class="swatch series-1"></span>current</li></ul>',
    );
    expect(figure).toMatch(/<rect class="bar series-0"[^>]*><title>a · reference: 0.25<\/title><\/rect>/);
    expect(figure).toMatch(/<rect class="bar series-1"[^>]*><title>a · current: 0.125<\/title><\/rect>/);
    expect(figure).toContain(">share of rows</text>");
  });

  it("says there is no data rather than drawing an empty chart", () => {
    expect(renderChartFigure(chart([], [1]))).toContain('<p class="empty">No data.</p>');
    expect(renderChartFigure(chart(["a"]))).toContain('<p class="empty">No data.</p>');
  });
});

describe("renderMermaidChart", () => {
  it("draws the first series as bars and the others as lines, on a y-axis from 0", () => {
    expect(renderMermaidChart(chart(["[0, 1)", "[1, 2)"], [0.25, 0.75], [0.5, 0.5]))).toEqual([
      "```mermaid",
      "xychart-beta",
      '  x-axis ["[0, 1)", "[1, 2)"]',
      '  y-axis "share of rows" 0 --> 0.8',
      "  bar [0.25, 0.75]",
      "  line [0.5, 0.5]",
      "```",
      "bars: reference · line: current",
    ]);
  });

  it("draws missing and non-finite values as 0 and says so", () => {
    const lines = renderMermaidChart(chart(["a", "b", "c"], [1, Number.NaN], [1e-7, 1e21, -0.5], [1, 2, 3]));
    expect(lines).toContain("  bar [1, 0, 0]");
    expect(lines).toContain("  line [0, 1000000000000000000000, -0.5]");
    expect(lines?.at(-1)).toBe("bars: reference · lines: current, baseline · missing values drawn as 0");
  });

  it("leaves out a chart with nothing to draw", () => {
    expect(renderMermaidChart(chart([], [1]))).toBeUndefined();
    expect(renderMermaidChart(chart(["a"]))).toBeUndefined();
  });

  it("keeps categories distinct after cutting and cleaning them", () => {
    const lines = renderMermaidChart(chart(['a"', "a'", "", " ", "x".repeat(40)], [1, 2, 3, 4, 5]));
    expect(lines?.[2]).toBe(
      `  x-axis ["a'", "a' (2)", "(empty)", "(empty) (2)", "${"x".repeat(12)}…${"x".repeat(11)}"]`,
    );
  });

  it("keeps any label, axis title or series name from breaking the chart or the fence (property)", () => {
    const data = fc.string({
      unit: fc.oneof(
        fc.constantFrom(..."\"'`[]{}%#;:<>=,\n\r\u2028|\\", "%%{init: {}}%%", "#quot;", '<a b="c">', "```", "-->"),
        fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
      ),
    });
    fc.assert(
      fc.property(fc.array(data, { minLength: 1, maxLength: 30 }), data, data, (labels, valueLabel, name) => {
        const section: ChartSection = {
          kind: "chart",
          title: "t",
          labels,
          valueLabel,
          series: [
            { name, values: labels.map(() => 1) },
            { name: "current", values: [] },
          ],
        };
        const lines = renderMermaidChart(section) as string[];
        expect(lines).toHaveLength(8);
        expect(lines.filter((line) => line.startsWith("```"))).toEqual(["```mermaid", "```"]);
        const block = lines.slice(1, -2).join("\n");
        expect(block).not.toMatch(/`|%%|#\w+;|<\w/);
        const axis = /^ {2}x-axis \[("[^"\n]+"(?:, "[^"\n]+")*)\]$/.exec(lines[2] as string);
        expect(axis?.[1]?.split(/", "/)).toHaveLength(labels.length);
        expect(lines[3]).toMatch(/^ {2}y-axis (?:"[^"\n]+" )?0 --> 1$/);
      }),
      { numRuns: 300 },
    );
  });
});
