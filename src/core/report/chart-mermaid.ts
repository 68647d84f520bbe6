/**
 * A chart section as a Mermaid `xychart-beta` block, which GitHub draws in comments and job
 * summaries. Bars of several series would overlap there, so the first series is the bars and the
 * others are lines, and a legend line under the chart says which is which.
 */
import { lineScale, truncate, valueScale } from "./chart-scale.js";
import { escapeMarkdown } from "./escape.js";
import type { ChartSection, LineChartSection } from "./model.js";

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
 * A line chart section as a Mermaid `xychart-beta` block of lines on a padded value axis (see lineScale),
 * with a legend line naming the series in drawing order. Mermaid's lines have no gaps, so a series with a
 * missing value (null or non-finite) is left out rather than drawn through a value it does not have (a
 * carried-forward or zero value would show a metric the version never had); the legend line names it, and
 * the tables carry its numbers. Undefined when no series is complete or there are no labels.
 */
export function renderMermaidLineChart(chart: LineChartSection): string[] | undefined {
  if (chart.labels.length === 0) return undefined;
  const complete = (series: LineChartSection["series"][number]) =>
    chart.labels.every((_, index) => Number.isFinite(series.values[index] ?? Number.NaN));
  const drawn = chart.series.filter(complete);
  const gapped = chart.series.filter((series) => !complete(series));
  if (drawn.length === 0) return undefined;
  const values = drawn.flatMap((series) => series.values.slice(0, chart.labels.length) as number[]);
  const scale = lineScale(values);
  const categories = distinct(chart.labels.map((label) => mermaidText(truncate(label, LABEL_CHARS))));
  const axisTitle = chart.valueLabel ? `"${mermaidText(chart.valueLabel)}" ` : "";
  const names = (list: typeof drawn) => list.map((series) => escapeMarkdown(series.name)).join(", ");
  const legend = [
    `${drawn.length === 1 ? "line" : "lines"}: ${names(drawn)}`,
    ...(gapped.length === 0 ? [] : [`not drawn (missing values): ${names(gapped)}`]),
  ];
  return [
    "```mermaid",
    "xychart-beta",
    `  x-axis [${categories.map((category) => `"${category}"`).join(", ")}]`,
    `  y-axis ${axisTitle}${plainNumber(scale.min)} --> ${plainNumber(scale.max)}`,
    ...drawn.map(
      (series) =>
        `  line [${chart.labels.map((_, index) => plainNumber(series.values[index] ?? undefined)).join(", ")}]`,
    ),
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
