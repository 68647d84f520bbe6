import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderCurveFigure, renderLineChartFigure } from "../../src/core/report/chart-lines.js";
import { renderMermaidLineChart } from "../../src/core/report/chart-mermaid.js";
import { lineScale } from "../../src/core/report/chart-scale.js";
import type { CurveSection, LineChartSection } from "../../src/core/report/model.js";
import { readHtml } from "./html-check.js";

const HOSTILE = "<script>alert(1)</script> \"quoted\" & 'single'";
const SHOWN = "&lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot; &amp; &#39;single&#39;";

function roc(...series: { name: string; x: number[]; y: number[] }[]): CurveSection {
  return {
    kind: "curve",
    title: "ROC",
    xLabel: "false positive rate",
    yLabel: "true positive rate",
    series,
    reference: "diagonal",
  };
}

function history(labels: string[], ...values: (number | null)[][]): LineChartSection {
  const names = ["auc", "f1", "log loss"];
  return {
    kind: "line",
    title: "metrics by version",
    labels,
    series: values.map((series, index) => ({ name: names[index] ?? `series ${index}`, values: series })),
    valueLabel: "score",
  };
}

function viewBox(svg: string): { minX: number; minY: number; width: number; height: number } {
  const [minX, minY, width, height] = (/viewBox="([^"]+)"/.exec(svg)?.[1] ?? "").split(" ").map(Number) as number[];
  return { minX: minX as number, minY: minY as number, width: width as number, height: height as number };
}

/** Every polyline's points, as [x, y] pairs. */
function polylines(svg: string): [number, number][][] {
  return [...svg.matchAll(/<polyline [^>]*points="([^"]*)"/g)].map((match) =>
    (match[1] as string).split(" ").map((pair) => pair.split(",").map(Number) as [number, number]),
  );
}

function expectInside(svg: string): void {
  const box = viewBox(svg);
  for (const line of polylines(svg)) {
    for (const [x, y] of line) {
      expect(x).toBeGreaterThanOrEqual(box.minX);
      expect(x).toBeLessThanOrEqual(box.minX + box.width);
      expect(y).toBeGreaterThanOrEqual(box.minY);
      expect(y).toBeLessThanOrEqual(box.minY + box.height);
    }
  }
}

describe("renderCurveFigure", () => {
  it("draws one polyline per series in its colour, a legend, the diagonal, ticks 0 to 1 on both axes", () => {
    const figure = renderCurveFigure(
      roc(
        { name: "challenger", x: [0, 0.1, 0.4, 1], y: [0, 0.6, 0.9, 1] },
        { name: "champion", x: [0, 0.2, 1], y: [0, 0.5, 1] },
      ),
    );
    expect(readHtml(figure).problems).toEqual([]);
    expect(figure).toMatch(/^<figure class="chart curve">\n<figcaption>ROC<\/figcaption>\n<ul class="legend">/);
    expect(figure).toContain(
      '<ul class="legend"><li><span class="swatch series-0"></span>challenger</li><li><span class="swatch series-1"></span>champion</li></ul>',
    );
    expect(figure.match(/<polyline class="line series-0"/g)).toHaveLength(1);
    expect(figure.match(/<polyline class="line series-1"/g)).toHaveLength(1);
    expect(figure.match(/<line class="reference"/g)).toHaveLength(1);
    const ticks = [...figure.matchAll(/<text class="tick"[^>]*>([^<]*)</g)].map((tick) => tick[1]);
    expect(ticks).toEqual(["0.0", "0.0", "0.2", "0.2", "0.4", "0.4", "0.6", "0.6", "0.8", "0.8", "1.0", "1.0"]);
    expect(figure).toContain(">false positive rate</text>");
    expect(figure).toContain(">true positive rate</text>");
    expectInside(figure);
  });

  it("maps the unit square onto the plot: (0, 0) bottom left, (1, 1) top right, the diagonal between", () => {
    const figure = renderCurveFigure(roc({ name: "a", x: [0, 1], y: [0, 1] }));
    const [[start, end]] = polylines(figure) as [[number, number][]];
    const diagonal = /<line class="reference" x1="([^"]+)" x2="([^"]+)" y1="([^"]+)" y2="([^"]+)"/.exec(figure);
    expect(diagonal?.slice(1).map(Number)).toEqual([start?.[0], end?.[0], start?.[1], end?.[1]]);
    expect((end as number[])[0]).toBeGreaterThan((start as number[])[0] as number);
    expect((end as number[])[1]).toBeLessThan((start as number[])[1] as number);
  });

  it("marks short curves' points, not long ones", () => {
    const short = renderCurveFigure(roc({ name: "calibration", x: [0.05, 0.15, 0.5], y: [0.1, 0.1, 0.6] }));
    expect(short.match(/<circle class="marker series-0"/g)).toHaveLength(3);
    expect(short).toContain("<title>calibration: (0.05, 0.1)</title>");
    const xs = Array.from({ length: 100 }, (_, index) => index / 99);
    expect(renderCurveFigure(roc({ name: "long", x: xs, y: xs }))).not.toContain("<circle");
  });

  it("draws steps-post when asked: across at each point's y, then up or down to the next", () => {
    const figure = renderCurveFigure({
      ...roc({ name: "pr", x: [1, 0.5, 0], y: [0.4, 0.8, 1] }),
      step: true,
      reference: { y: 0.4, label: "prevalence" },
    });
    const [line] = polylines(figure);
    expect(line).toHaveLength(5);
    expect(line?.[1]?.[1]).toBe(line?.[0]?.[1]);
    expect(line?.[2]?.[0]).toBe(line?.[1]?.[0]);
    expect(figure).toContain('<li><span class="swatch reference"></span>prevalence</li>');
    const reference = /<line class="reference" x1="[^"]+" x2="[^"]+" y1="([^"]+)" y2="([^"]+)"/.exec(figure);
    expect(Number(reference?.[1])).toBe(line?.[0]?.[1]);
    expect(reference?.[1]).toBe(reference?.[2]);
  });

  it("splits a series at non-finite points and clamps values outside [0, 1] to the border", () => {
    const figure = renderCurveFigure(
      roc({ name: "a", x: [0, 0.2, Number.NaN, 0.6, 0.8, 1.5], y: [0, 0.5, 0.6, 0.7, -0.2, 1] }),
    );
    expect(polylines(figure).map((line) => line.length)).toEqual([2, 3]);
    expectInside(figure);
    expect(figure).not.toMatch(/NaN|Infinity/);
  });

  it("escapes every text that came from data", () => {
    const figure = renderCurveFigure({
      kind: "curve",
      title: HOSTILE,
      xLabel: HOSTILE,
      yLabel: HOSTILE,
      series: [{ name: HOSTILE, x: [0, 1], y: [0, 1] }],
      reference: { y: 0.5, label: HOSTILE },
    });
    const { problems, text } = readHtml(figure);
    expect(problems).toEqual([]);
    expect(figure).not.toContain("<script");
    expect(figure).toContain(`aria-label="${SHOWN}"`);
    // caption, legend (series and reference), both axis labels, the polyline, two marker and the reference tooltips
    expect(text.split(SHOWN).length - 1).toBe(9);
  });

  it("says there is no data rather than drawing an empty chart", () => {
    expect(renderCurveFigure(roc())).toContain('<p class="empty">No data.</p>');
    expect(renderCurveFigure(roc({ name: "undefined rates", x: [Number.NaN], y: [0] }))).toContain(
      '<p class="empty">No data.</p>',
    );
  });
});

describe("renderLineChartFigure", () => {
  it("draws a polyline per run of values and a marker per value, a gap at null", () => {
    const figure = renderLineChartFigure(history(["v1", "v2", "v3", "v4", "v5"], [0.8, 0.82, null, 0.85, 0.86]));
    expect(readHtml(figure).problems).toEqual([]);
    expect(polylines(figure).map((line) => line.length)).toEqual([2, 2]);
    expect(figure.match(/<circle class="marker series-0"/g)).toHaveLength(4);
    expect(figure).toContain("<title>v4 · auc: 0.85</title>");
    expect(figure.match(/<text class="label"/g)).toHaveLength(5);
    expect(figure).toContain(">score</text>");
    expectInside(figure);
  });

  it("shows a lone value between gaps as a marker only, and gives each series its colour and legend entry", () => {
    const figure = renderLineChartFigure(history(["v1", "v2", "v3"], [null, 0.5, null], [0.4, 0.45, 0.5]));
    expect(figure.match(/<polyline class="line series-0"/g)).toBeNull();
    expect(figure.match(/<circle class="marker series-0"/g)).toHaveLength(1);
    expect(figure.match(/<polyline class="line series-1"/g)).toHaveLength(1);
    expect(figure).toContain(
      '<ul class="legend"><li><span class="swatch series-0"></span>auc</li><li><span class="swatch series-1"></span>f1</li></ul>',
    );
  });

  it("puts higher values higher, on a padded axis that does not start at 0", () => {
    const figure = renderLineChartFigure(history(["v1", "v2"], [0.91, 0.93]));
    const [[first, second]] = polylines(figure) as [[number, number][]];
    expect(second?.[1]).toBeLessThan(first?.[1] as number);
    const ticks = [...figure.matchAll(/<text class="tick"[^>]*>([^<]*)</g)].map((tick) => tick[1]);
    expect(ticks[0]).toBe("0.905");
    expect(ticks.at(-1)).toBe("0.935");
  });

  it.each([1, 2, 12, 60])("keeps %i versions' points and labels inside the view", (count) => {
    const labels = Array.from({ length: count }, (_, index) => `model-version-${index + 1}`);
    const figure = renderLineChartFigure(
      history(
        labels,
        labels.map((_, index) => Math.sin(index) * 100),
      ),
    );
    expect(readHtml(figure).problems).toEqual([]);
    expect(figure.match(/<circle /g)).toHaveLength(count);
    const box = viewBox(figure);
    for (const match of figure.matchAll(/<circle [^>]*cx="([^"]+)" cy="([^"]+)"/g)) {
      expect(Number(match[1])).toBeGreaterThanOrEqual(box.minX);
      expect(Number(match[1])).toBeLessThanOrEqual(box.minX + box.width);
      expect(Number(match[2])).toBeGreaterThanOrEqual(box.minY);
      expect(Number(match[2])).toBeLessThanOrEqual(box.minY + box.height);
    }
  });

  it("escapes labels, names and the axis title", () => {
    const figure = renderLineChartFigure({
      kind: "line",
      title: HOSTILE,
      labels: [HOSTILE, "v2"],
      series: [{ name: HOSTILE, values: [1, 2] }],
      valueLabel: HOSTILE,
    });
    expect(readHtml(figure).problems).toEqual([]);
    expect(figure).not.toContain("<script");
    expect(figure).toContain(`<li><span class="swatch series-0"></span>${SHOWN}</li>`);
    expect(figure).toContain(`<title>${SHOWN} · ${SHOWN}: 1</title>`);
  });

  it("says there is no data rather than drawing an empty chart", () => {
    expect(renderLineChartFigure(history([], [1]))).toContain('<p class="empty">No data.</p>');
    expect(renderLineChartFigure(history(["v1"], [null]))).toContain('<p class="empty">No data.</p>');
  });
});

describe("lineScale", () => {
  it("pads the values' range without reaching to 0, and stops at 0 and 1 for shares", () => {
    expect(lineScale([0.81, 0.85, 0.87])).toEqual({
      min: 0.8,
      max: 0.88,
      ticks: [0.8, 0.82, 0.84, 0.86, 0.88],
      decimals: 2,
    });
    expect(lineScale([0.5, 0.99])).toMatchObject({ min: 0.4, max: 1 });
    expect(lineScale([0.01, 0.3])).toMatchObject({ min: 0 });
    expect(lineScale([1200, 1500])).toMatchObject({ min: 1100, max: 1600 });
    expect(lineScale([-3, 2])).toMatchObject({ min: -4, max: 4 });
  });

  it("gives one value room around it, and 0 to 1 for none", () => {
    expect(lineScale([0.9])).toMatchObject({ min: 0.8, max: 1 });
    expect(lineScale([0])).toMatchObject({ min: 0, max: 0.5 });
    expect(lineScale([Number.NaN])).toEqual({ min: 0, max: 1, ticks: [0, 0.2, 0.4, 0.6, 0.8, 1], decimals: 1 });
  });

  it("always spans every finite value on round ticks (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 20 }),
        (values) => {
          const scale = lineScale(values);
          expect(scale.min).toBeLessThan(scale.max);
          for (const value of values) {
            expect(value).toBeGreaterThanOrEqual(scale.min - 1e-9 * Math.abs(scale.min));
            expect(value).toBeLessThanOrEqual(scale.max + 1e-9 * Math.abs(scale.max));
          }
          expect(scale.ticks.length).toBeGreaterThanOrEqual(2);
          expect(scale.ticks.length).toBeLessThanOrEqual(12);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("renderMermaidLineChart", () => {
  it("draws every complete series as a line on a padded y-axis, with a legend line", () => {
    expect(renderMermaidLineChart(history(["v1", "v2", "v3"], [0.81, 0.85, 0.87], [0.7, 0.72, 0.8]))).toEqual([
      "```mermaid",
      "xychart-beta",
      '  x-axis ["v1", "v2", "v3"]',
      '  y-axis "score" 0.65 --> 0.9',
      "  line [0.81, 0.85, 0.87]",
      "  line [0.7, 0.72, 0.8]",
      "```",
      "lines: auc, f1",
    ]);
  });

  it("leaves out series with gaps (Mermaid cannot draw one) and names them; nothing when none is complete", () => {
    const lines = renderMermaidLineChart(history(["v1", "v2"], [0.5, 0.6], [null, 0.7], [0.1, Number.NaN]));
    expect(lines?.filter((line) => line.startsWith("  line"))).toEqual(["  line [0.5, 0.6]"]);
    expect(lines?.at(-1)).toBe("line: auc · not drawn (missing values): f1, log loss");
    // the axis fits the drawn series only
    expect(lines?.[3]).toBe('  y-axis "score" 0.45 --> 0.65');
    expect(renderMermaidLineChart(history(["v1", "v2"], [null, 1]))).toBeUndefined();
    expect(renderMermaidLineChart(history([], [1]))).toBeUndefined();
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
        const lines = renderMermaidLineChart({
          kind: "line",
          title: "t",
          labels,
          valueLabel,
          series: [{ name, values: labels.map((_, index) => index / 10) }],
        }) as string[];
        expect(lines).toHaveLength(7);
        expect(lines.filter((line) => line.startsWith("```"))).toEqual(["```mermaid", "```"]);
        const block = lines.slice(1, -2).join("\n");
        expect(block).not.toMatch(/`|%%|#\w+;|<\w/);
        const axis = /^ {2}x-axis \[("[^"\n]+"(?:, "[^"\n]+")*)\]$/.exec(lines[2] as string);
        expect(axis?.[1]?.split(/", "/)).toHaveLength(labels.length);
        expect(lines[3]).toMatch(/^ {2}y-axis (?:"[^"\n]+" )?-?[\d.]+ --> [\d.]+$/);
        expect(lines.at(-1)).not.toMatch(/\n/);
      }),
      { numRuns: 300 },
    );
  });
});
