/**
 * Curve and line-chart sections as figures for the HTML report: caption, legend and an inline SVG of
 * polylines. Curves (ROC, precision-recall, calibration) are drawn in the unit square with ticks at
 * 0, 0.2, …, 1; line charts (a metric across model versions) put one point per label on a padded value
 * axis. Colours and fonts come from the page's CSS (`.series-N`), like the bar charts in chart-svg.ts.
 */
import { lineScale } from "./chart-scale.js";
import {
  AXIS_LABEL_WIDTH,
  CHAR_WIDTH,
  escapeXml,
  layOutLabels,
  MIN_PLOT_WIDTH,
  PLOT_HEIGHT,
  RIGHT,
  round,
  SERIES_COLOURS,
  TOP,
  valueAxis,
} from "./chart-svg.js";
import type { CurveSection, LineChartSection } from "./model.js";

/** side of a curve's square plot */
const CURVE_SIZE = 300;
const CURVE_TICKS = [0, 0.2, 0.4, 0.6, 0.8, 1];
/** "0.0" … "1.0", three characters */
const CURVE_LEFT = Math.round(AXIS_LABEL_WIDTH + 3 * CHAR_WIDTH + 8);
/** tick labels, then the axis label, under the plot */
const CURVE_BOTTOM = 42;
/** a curve with at most this many points shows them as markers too (a calibration curve's bins) */
const MAX_MARKED_POINTS = 20;
const MARKER_RADIUS = 3;
/** the least room a line chart's label gets, for its point marker and tooltip */
const MIN_LABEL_WIDTH = 24;

const valueFormat = new Intl.NumberFormat("en-US", { maximumSignificantDigits: 6 });

type Point = [x: number, y: number];

export function renderCurveFigure(curve: CurveSection): string {
  const legend = curve.series.map((series, index) => legendItem(`series-${index % SERIES_COLOURS}`, series.name));
  if (typeof curve.reference === "object") legend.push(legendItem("reference", curve.reference.label));
  const drawn = curve.series.some(({ x, y }) => x.some((value, index) => finitePair(value, y[index])));
  const body = drawn
    ? `<ul class="legend">${legend.join("")}</ul>\n${renderCurveSvg(curve)}`
    : '<p class="empty">No data.</p>';
  return `<figure class="chart curve">\n<figcaption>${escapeXml(curve.title)}</figcaption>\n${body}\n</figure>`;
}

export function renderLineChartFigure(chart: LineChartSection): string {
  const legend = chart.series.map((series, index) => legendItem(`series-${index % SERIES_COLOURS}`, series.name));
  const drawn = chart.series.some(({ values }) =>
    chart.labels.some((_, index) => Number.isFinite(values[index] ?? Number.NaN)),
  );
  const body = drawn
    ? `<ul class="legend">${legend.join("")}</ul>\n${renderLineSvg(chart)}`
    : '<p class="empty">No data.</p>';
  return `<figure class="chart">\n<figcaption>${escapeXml(chart.title)}</figcaption>\n${body}\n</figure>`;
}

function legendItem(swatch: string, name: string): string {
  return `<li><span class="swatch ${swatch}"></span>${escapeXml(name)}</li>`;
}

function finitePair(x: number | undefined, y: number | undefined): boolean {
  return x !== undefined && y !== undefined && Number.isFinite(x) && Number.isFinite(y);
}

function renderCurveSvg({ title, xLabel, yLabel, series, reference, step }: CurveSection): string {
  const width = CURVE_LEFT + CURVE_SIZE + RIGHT;
  const bottom = TOP + CURVE_SIZE;
  const height = bottom + CURVE_BOTTOM;
  const clamp = (value: number) => Math.min(1, Math.max(0, value));
  const x = (value: number) => round(CURVE_LEFT + CURVE_SIZE * clamp(value));
  const y = (value: number) => round(TOP + CURVE_SIZE * (1 - clamp(value)));

  const grid = CURVE_TICKS.flatMap((tick) => {
    const label = tick.toFixed(1);
    return [
      `<line class="grid" x1="${x(tick)}" x2="${x(tick)}" y1="${TOP}" y2="${bottom}"/>`,
      `<line class="grid" x1="${CURVE_LEFT}" x2="${CURVE_LEFT + CURVE_SIZE}" y1="${y(tick)}" y2="${y(tick)}"/>`,
      `<text class="tick" x="${x(tick)}" y="${bottom + 16}" text-anchor="middle">${label}</text>`,
      `<text class="tick" x="${CURVE_LEFT - 6}" y="${y(tick)}" text-anchor="end" dominant-baseline="middle">${label}</text>`,
    ];
  });
  const axes = [
    `<line class="axis" x1="${CURVE_LEFT}" x2="${CURVE_LEFT + CURVE_SIZE}" y1="${bottom}" y2="${bottom}"/>`,
    `<line class="axis" x1="${CURVE_LEFT}" x2="${CURVE_LEFT}" y1="${TOP}" y2="${bottom}"/>`,
    `<text class="axis-label" x="${CURVE_LEFT + CURVE_SIZE / 2}" y="${bottom + 36}" text-anchor="middle">${escapeXml(xLabel)}</text>`,
    `<text class="axis-label" transform="translate(14 ${TOP + CURVE_SIZE / 2}) rotate(-90)" text-anchor="middle">${escapeXml(yLabel)}</text>`,
  ];
  const referenceLine =
    reference === undefined
      ? []
      : reference === "diagonal"
        ? [`<line class="reference" x1="${x(0)}" x2="${x(1)}" y1="${y(0)}" y2="${y(1)}"/>`]
        : Number.isFinite(reference.y)
          ? [
              `<line class="reference" x1="${x(0)}" x2="${x(1)}" y1="${y(reference.y)}" y2="${y(reference.y)}">` +
                `<title>${escapeXml(`${reference.label}: ${valueFormat.format(reference.y)}`)}</title></line>`,
            ]
          : [];
  const lines = series.map(({ name, x: xs, y: ys }, index) => {
    const colour = `series-${index % SERIES_COLOURS}`;
    const points: (Point | undefined)[] = xs.map((value, at) =>
      finitePair(value, ys[at]) ? [value, ys[at] as number] : undefined,
    );
    const runs = splitRuns(points)
      .filter((run) => run.length > 1)
      .map((run) => (step ? stepsPost(run) : run));
    const polylines = runs.map(
      (run) =>
        `<polyline class="line ${colour}" points="${run.map(([px, py]) => `${x(px)},${y(py)}`).join(" ")}">` +
        `<title>${escapeXml(name)}</title></polyline>`,
    );
    const finite = points.filter((point) => point !== undefined);
    const markers =
      finite.length > MAX_MARKED_POINTS
        ? []
        : finite.map(
            ([px, py]) =>
              `<circle class="marker ${colour}" cx="${x(px)}" cy="${y(py)}" r="${MARKER_RADIUS}">` +
              `<title>${escapeXml(`${name}: (${valueFormat.format(px)}, ${valueFormat.format(py)})`)}</title></circle>`,
          );
    return ["<g>", ...polylines, ...markers, "</g>"].join("");
  });
  return [
    `<svg class="chart curve" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(title)}">`,
    ...grid,
    ...axes,
    ...referenceLine,
    ...lines,
    "</svg>",
  ].join("\n");
}

function renderLineSvg({ title, labels, series, valueLabel }: LineChartSection): string {
  const scale = lineScale(
    series.flatMap((one) => one.values.slice(0, labels.length).map((value) => value ?? Number.NaN)),
  );
  const tickFormat = new Intl.NumberFormat("en-US", {
    minimumFractionDigits: scale.decimals,
    maximumFractionDigits: scale.decimals,
  });
  const tickLabels = scale.ticks.map((tick) => tickFormat.format(tick));
  const longestTick = Math.max(...tickLabels.map((tick) => tick.length));
  const plotLeft = Math.round((valueLabel === undefined ? 4 : AXIS_LABEL_WIDTH) + longestTick * CHAR_WIDTH + 8);
  const plotWidth = Math.max(MIN_PLOT_WIDTH, labels.length * MIN_LABEL_WIDTH);
  const groupWidth = plotWidth / labels.length;
  const xLabels = layOutLabels(labels, groupWidth);
  const left = Math.min(0, round(plotLeft + groupWidth / 2 - xLabels.reach));
  const width = plotLeft + plotWidth + RIGHT - left;
  const height = TOP + PLOT_HEIGHT + xLabels.height;
  const x = (index: number) => round(plotLeft + (index + 0.5) * groupWidth);
  const y = (value: number) => round(TOP + (PLOT_HEIGHT * (scale.max - value)) / (scale.max - scale.min));

  const { ticks, axisLabel } = valueAxis({ ticks: scale.ticks, tickLabels, plotLeft, plotWidth, y, valueLabel });
  const xAxis = labels.map((label, index) => xLabels.render(label, x(index), TOP + PLOT_HEIGHT));
  const lines = series.map(({ name, values }, index) => {
    const colour = `series-${index % SERIES_COLOURS}`;
    const points = labels.map((_, at): Point | undefined => {
      const value = values[at];
      return value !== null && value !== undefined && Number.isFinite(value) ? [at, value] : undefined;
    });
    const polylines = splitRuns(points)
      .filter((run) => run.length > 1)
      .map(
        (run) =>
          `<polyline class="line ${colour}" points="${run.map(([at, value]) => `${x(at)},${y(value)}`).join(" ")}">` +
          `<title>${escapeXml(name)}</title></polyline>`,
      );
    const markers = points.flatMap((point) =>
      point === undefined
        ? []
        : [
            `<circle class="marker ${colour}" cx="${x(point[0])}" cy="${y(point[1])}" r="${MARKER_RADIUS}">` +
              `<title>${escapeXml(`${labels[point[0]]} · ${name}: ${valueFormat.format(point[1])}`)}</title></circle>`,
          ],
    );
    return ["<g>", ...polylines, ...markers, "</g>"].join("");
  });
  return [
    `<svg class="chart" viewBox="${left} 0 ${width} ${height}" role="img" aria-label="${escapeXml(title)}">`,
    ...ticks,
    ...axisLabel,
    `<line class="axis" x1="${plotLeft}" x2="${plotLeft + plotWidth}" y1="${TOP + PLOT_HEIGHT}" y2="${TOP + PLOT_HEIGHT}"/>`,
    ...xAxis,
    ...lines,
    "</svg>",
  ].join("\n");
}

/** The runs of consecutive defined points: a missing one is a gap in the line. */
function splitRuns(points: (Point | undefined)[]): Point[][] {
  const runs: Point[][] = [];
  let run: Point[] = [];
  for (const point of points) {
    if (point === undefined) {
      if (run.length > 0) runs.push(run);
      run = [];
    } else run.push(point);
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/** Matplotlib's "steps-post": from each point, across at its y to the next point's x, then to that point. */
function stepsPost(run: Point[]): Point[] {
  return run.flatMap((point, index) => {
    const previous = run[index - 1];
    return previous === undefined ? [point] : [[point[0], previous[1]] as Point, point];
  });
}
