/**
 * A chart section as a Mermaid `xychart-beta` block, which GitHub draws in comments and job
 * summaries. Bars of several series would overlap there, so the first series is the bars and the
 * others are lines, and a legend line under the chart says which is which.
 */
import { truncate, valueScale } from "./chart-scale.js";
import { escapeMarkdown } from "./escape.js";
import type { ChartSection } from "./model.js";

/** Mermaid does not wrap or rotate category labels much: longer ones collide. */
const LABEL_CHARS = 24;

/** The block's lines (fence, chart, fence, legend), or undefined when there is nothing to draw. */
export function renderMermaidChart(chart: ChartSection): string[] | undefined {
  const [bars, ...lines] = chart.series;
  if (bars === undefined || chart.labels.length === 0) return undefined;
  const scale = valueScale(chart.series.flatMap((series) => series.values.slice(0, chart.labels.length)));
  const categories = distinct(chart.labels.map((label) => mermaidText(truncate(label, LABEL_CHARS))));
  const axisTitle = chart.valueLabel ? `"${mermaidText(chart.valueLabel)}" ` : "";
  const data = (values: number[]) => `[${chart.labels.map((_, index) => plainNumber(values[index])).join(", ")}]`;
  const missing = chart.series.some((series) =>
    chart.labels.some((_, index) => !Number.isFinite(series.values[index] ?? Number.NaN)),
  );
  const legend = [
    `bars: ${escapeMarkdown(bars.name)}`,
    ...(lines.length === 0
      ? []
      : [`${lines.length === 1 ? "line" : "lines"}: ${lines.map((series) => escapeMarkdown(series.name)).join(", ")}`]),
    ...(missing ? ["missing values drawn as 0"] : []),
  ];
  return [
    "```mermaid",
    "xychart-beta",
    `  x-axis [${categories.map((category) => `"${category}"`).join(", ")}]`,
    `  y-axis ${axisTitle}${plainNumber(scale.min)} --> ${plainNumber(scale.max)}`,
    `  bar ${data(bars.values)}`,
    ...lines.map((series) => `  line ${data(series.values)}`),
    "```",
    legend.join(" · "),
  ];
}

/**
 * Text for inside a quoted Mermaid string: one line, and nothing Mermaid reads before or inside
 * the string. `"` would end the string and "` start a Markdown string; `%%` starts a comment or an
 * `%%{init}%%` directive anywhere; `#name;` is an entity; `<tag …="…">` has its quotes rewritten.
 * Brackets, commas and semicolons are plain text inside the quotes.
 */
function mermaidText(text: string): string {
  const safe = text
    // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, " ")
    .replace(/["`]/g, "'")
    .replace(/%+/g, "%")
    .replace(/#(?=\w+;)/g, "# ")
    .replace(/<(?=\w)/g, "< ")
    .trim();
  return safe || "(empty)";
}

/** Mermaid places categories by name: a repeated one (after cutting) would share a slot. */
function distinct(categories: string[]): string[] {
  const seen = new Set<string>();
  return categories.map((category) => {
    let unique = category;
    for (let count = 2; seen.has(unique); count++) unique = `${category} (${count})`;
    seen.add(unique);
    return unique;
  });
}

/** Mermaid's numbers have no exponent; a missing or non-finite value is drawn as 0. */
function plainNumber(value: number | undefined): string {
  return value !== undefined && Number.isFinite(value)
    ? value.toLocaleString("en-US", { useGrouping: false, maximumFractionDigits: 6 })
    : "0";
}
