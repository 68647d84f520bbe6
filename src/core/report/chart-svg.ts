/**
 * A chart section as a figure for the HTML report: caption, legend and an inline SVG of grouped
 * bars (one group per label, one bar per series) on a value axis with round ticks. Colours and
 * fonts come from the page's CSS (`.series-N`), so the chart follows light, dark and print.
 */
import { truncate, valueScale } from "./chart-scale.js";
import type { ChartSection } from "./model.js";

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text or an attribute value in HTML or inline SVG: shows literally, whatever it contains. */
export function escapeXml(text: string): string {
  return text.replace(CONTROL_CHARACTERS, " ").replace(/[&<>"']/g, (char) => ENTITIES[char] as string);
}

/** The page's CSS defines this many series colours; more series reuse them. */
export const SERIES_COLOURS = 6;

export const PLOT_HEIGHT = 220;
export const MIN_PLOT_WIDTH = 640;
/** room for the rotated value-axis label, left of the tick labels */
export const AXIS_LABEL_WIDTH = 24;
export const RIGHT = 16;
/** room for the top tick label */
export const TOP = 12;
const MAX_BAR_WIDTH = 40;
/** of an 11px label, on the generous side so neighbouring labels do not touch */
export const CHAR_WIDTH = 6.5;
/** horizontal labels cut shorter than this are hard to read: rotate them instead */
const MIN_HORIZONTAL_CHARS = 10;
const ROTATED_CHARS = 20;

export function renderChartFigure(chart: ChartSection): string {
  const legend = chart.series
    .map(
      (series, index) =>
        `<li><span class="swatch series-${index % SERIES_COLOURS}"></span>${escapeXml(series.name)}</li>`,
    )
    .join("");
  const body =
    chart.labels.length === 0 || chart.series.length === 0
      ? '<p class="empty">No data.</p>'
      : `<ul class="legend">${legend}</ul>\n${renderSvg(chart)}`;
  return `<figure class="chart">\n<figcaption>${escapeXml(chart.title)}</figcaption>\n${body}\n</figure>`;
}

function renderSvg({ title, labels, series, valueLabel }: ChartSection): string {
  const scale = valueScale(series.flatMap((one) => one.values.slice(0, labels.length)));
  const tickFormat = new Intl.NumberFormat("en-US", {
    minimumFractionDigits: scale.decimals,
    maximumFractionDigits: scale.decimals,
  });
  const tickLabels = scale.ticks.map((tick) => tickFormat.format(tick));
  const longestTick = Math.max(...tickLabels.map((tick) => tick.length));
  const plotLeft = Math.round((valueLabel === undefined ? 4 : AXIS_LABEL_WIDTH) + longestTick * CHAR_WIDTH + 8);
  const plotWidth = Math.max(MIN_PLOT_WIDTH, labels.length * (series.length * 4 + 4));
  const groupWidth = plotWidth / labels.length;
  const xLabels = layOutLabels(labels, groupWidth);
  // rotated labels of the first groups can reach left of the value axis: widen the view to the left
  const left = Math.min(0, round(plotLeft + groupWidth / 2 - xLabels.reach));
  const width = plotLeft + plotWidth + RIGHT - left;
  const height = TOP + PLOT_HEIGHT + xLabels.height;
  const y = (value: number) => round(TOP + (PLOT_HEIGHT * (scale.max - value)) / (scale.max - scale.min));
  const barWidth = Math.min(MAX_BAR_WIDTH, (groupWidth * 0.8) / series.length);
  const valueFormat = new Intl.NumberFormat("en-US", { maximumSignificantDigits: 6 });

  const { ticks, axisLabel } = valueAxis({ ticks: scale.ticks, tickLabels, plotLeft, plotWidth, y, valueLabel });
  const groups = labels.map((label, group) => {
    const groupStart = plotLeft + group * groupWidth;
    const barsStart = groupStart + (groupWidth - barWidth * series.length) / 2;
    const bars = series.flatMap(({ name, values }, index) => {
      const value = values[group];
      if (value === undefined || !Number.isFinite(value)) return [];
      const top = y(Math.max(value, 0));
      const tooltip = `${label} · ${name}: ${valueFormat.format(value)}`;
      return [
        `<rect class="bar series-${index % SERIES_COLOURS}" x="${round(barsStart + index * barWidth)}" y="${top}" ` +
          `width="${round(Math.max(barWidth - 1, 1))}" height="${round(y(Math.min(value, 0)) - top)}">` +
          `<title>${escapeXml(tooltip)}</title></rect>`,
      ];
    });
    return ["<g>", ...bars, xLabels.render(label, round(groupStart + groupWidth / 2), TOP + PLOT_HEIGHT), "</g>"].join(
      "",
    );
  });
  return [
    `<svg class="chart" viewBox="${left} 0 ${width} ${height}" role="img" aria-label="${escapeXml(title)}">`,
    ...ticks,
    ...axisLabel,
    ...groups,
    `<line class="axis" x1="${plotLeft}" x2="${plotLeft + plotWidth}" y1="${y(0)}" y2="${y(0)}"/>`,
    "</svg>",
  ].join("\n");
}

/**
 * Labels sit horizontally under their group when they fit (or fit well enough, cut in the
 * middle); otherwise they are rotated and cut at ROTATED_CHARS. The full text is the tooltip.
 */
/** The value axis of a vertical chart: a grid line and label per tick, and the rotated axis title. */
export function valueAxis(axis: {
  ticks: readonly number[];
  tickLabels: readonly string[];
  plotLeft: number;
  plotWidth: number;
  y: (value: number) => number;
  valueLabel: string | undefined;
}): { ticks: string[]; axisLabel: string[] } {
  const { plotLeft, plotWidth, y, valueLabel } = axis;
  const ticks = axis.ticks.map(
    (tick, index) =>
      `<line class="grid" x1="${plotLeft}" x2="${plotLeft + plotWidth}" y1="${y(tick)}" y2="${y(tick)}"/>` +
      `<text class="tick" x="${plotLeft - 6}" y="${y(tick)}" text-anchor="end" dominant-baseline="middle">${axis.tickLabels[index]}</text>`,
  );
  const axisLabel =
    valueLabel === undefined
      ? []
      : [
          `<text class="axis-label" transform="translate(14 ${TOP + PLOT_HEIGHT / 2}) rotate(-90)" text-anchor="middle">${escapeXml(valueLabel)}</text>`,
        ];
  return { ticks, axisLabel };
}

export function layOutLabels(labels: string[], groupWidth: number) {
  const fit = Math.floor((groupWidth - 4) / CHAR_WIDTH);
  const longest = Math.max(...labels.map((label) => Array.from(label).length));
  const rotated = longest > fit && fit < MIN_HORIZONTAL_CHARS;
  const chars = rotated ? ROTATED_CHARS : fit;
  const text = (label: string) => `<title>${escapeXml(label)}</title>${escapeXml(truncate(label, chars))}`;
  /** how far the longest label reaches down, and left of its anchor */
  const reach = rotated ? Math.min(longest, chars) * CHAR_WIDTH * Math.SQRT1_2 : 0;
  return {
    height: Math.ceil(rotated ? 16 + reach : 28),
    reach,
    render: (label: string, x: number, baseline: number) =>
      rotated
        ? `<text class="label" text-anchor="end" transform="translate(${x} ${baseline + 10}) rotate(-45)">${text(label)}</text>`
        : `<text class="label" x="${x}" y="${baseline + 16}" text-anchor="middle">${text(label)}</text>`,
  };
}

export function round(value: number): number {
  return Math.round(value * 10) / 10;
}
