/**
 * The one report model every task fills in; renderers turn it into Markdown (PR comments, job
 * summaries) and later HTML. A plain string is always text and is escaped when rendered; only
 * `Markdown` values (built with `md` or `link`) carry formatting, and they escape what they interpolate.
 */
import { escapeMarkdown } from "./escape.js";

export interface Markdown {
  readonly markdown: string;
}

/** Plain text (escaped on rendering) or trusted inline Markdown. */
export type Inline = string | Markdown;

export interface Report {
  title: string;
  verdict?: { status: "pass" | "fail" | "info"; text: Inline };
  sections: Section[];
}

export type Section =
  | ParagraphSection
  | KeyValueSection
  | TableSection
  | DetailsSection
  | CodeSection
  | ChartSection
  | CurveSection
  | LineChartSection;

export interface ParagraphSection {
  kind: "paragraph";
  text: Inline;
}

export interface KeyValueSection {
  kind: "keyValue";
  title?: string;
  rows: { label: Inline; value: Inline }[];
}

export interface TableSection {
  kind: "table";
  title?: string;
  headers: Inline[];
  rows: Inline[][];
  /** per column; numbers read best right-aligned */
  align?: ("left" | "center" | "right")[];
}

/** Collapsed by default: long or secondary content (per-column statistics, logs). */
export interface DetailsSection {
  kind: "details";
  /** plain text only: it renders inside an HTML `<summary>` */
  summary: string;
  sections: Section[];
}

/**
 * Grouped bars, one group per label (histogram bins or category values), one bar per series
 * (reference, current). Drawn as SVG in HTML; in Markdown as a Mermaid chart where the platform
 * renders Mermaid, else left out (the tables carry the numbers).
 */
export interface ChartSection {
  kind: "chart";
  /** plain text */
  title: string;
  /** plain text, one per group */
  labels: string[];
  series: { name: string; values: number[] }[];
  /** plain text for the value axis, e.g. "share of rows" */
  valueLabel?: string;
}

/**
 * Curves in the unit square (ROC, precision-recall, calibration): both axes span [0, 1]. Drawn as an
 * SVG line chart in HTML; left out of Markdown entirely (hundreds of points are not for a PR comment:
 * the caller says so in a sentence, and the tables carry the numbers). Thin long curves first
 * (`thinCurve` in core/evaluate/curves.ts): every point is written to the file.
 */
export interface CurveSection {
  kind: "curve";
  /** plain text */
  title: string;
  /** plain text, e.g. "false positive rate" */
  xLabel: string;
  /** plain text, e.g. "true positive rate" */
  yLabel: string;
  /**
   * One line each (names plain text), x and y paired by index. A pair with a non-finite coordinate is a
   * gap; coordinates outside [0, 1] are drawn on the border.
   */
  series: { name: string; x: number[]; y: number[] }[];
  /**
   * A dashed line: "diagonal" from (0, 0) to (1, 1) (a ROC curve's chance line, a calibration curve's
   * ideal), or a horizontal line at `y` shown in the legend as `label` (a precision-recall curve's
   * prevalence).
   */
  reference?: "diagonal" | { y: number; label: string };
  /**
   * Draw each series as a step function, each point's y holding until the next point's x (Matplotlib's
   * "steps-post"), as scikit-learn draws precision-recall curves.
   */
  step?: boolean;
}

/**
 * A metric's history across model versions: one point per label ("v1", "v2", …) for each series,
 * `null` where a version has no value (a gap in the line). Drawn as SVG in HTML; in Markdown as a
 * Mermaid line chart where the platform renders Mermaid (series with gaps left out, see
 * chart-mermaid.ts), else left out.
 */
export interface LineChartSection {
  kind: "line";
  /** plain text */
  title: string;
  /** plain text, one per point on the x axis */
  labels: string[];
  series: { name: string; values: (number | null)[] }[];
  /** plain text for the value axis, e.g. "ROC AUC" */
  valueLabel?: string;
}

export interface CodeSection {
  kind: "code";
  title?: string;
  code: string;
  language?: string;
}

/**
 * Inline Markdown from a template whose literal parts are trusted and whose interpolations are
 * escaped: md`**${columnName}** drifted`. Literal `|` and line breaks are escaped too, so the
 * result is safe in a table cell.
 */
export function md(literals: TemplateStringsArray, ...values: (Inline | number)[]): Markdown {
  let markdown = inlineLiteral(literals[0] ?? "");
  values.forEach((value, index) => {
    markdown += renderInline(typeof value === "number" ? String(value) : value);
    markdown += inlineLiteral(literals[index + 1] ?? "");
  });
  return { markdown };
}

/** A link with escaped text; a URL that is not http(s) yields the text alone. */
export function link(text: string, url: string): Markdown {
  const safe = safeUrl(url);
  return { markdown: safe ? `[${escapeMarkdown(text)}](${safe})` : escapeMarkdown(text) };
}

export function renderInline(value: Inline): string {
  return typeof value === "string" ? escapeMarkdown(value) : value.markdown;
}

function inlineLiteral(text: string): string {
  return text.replace(/\r?\n/g, " ").replaceAll("|", "\\|");
}

/** http(s) only (no `javascript:` or `data:`), with the characters that could end the link encoded. */
export function safeUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return undefined;
  return parsed.href.replace(
    /[()<>|\s"'`]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`,
  );
}

/** An inline code span showing `text` literally: the fence is longer than any backtick run inside. */
export function code(text: string): Markdown {
  const single = text.replace(/\r?\n/g, " ").replaceAll("|", "\\|");
  const longestRun = Math.max(0, ...(single.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  const pad = single.startsWith("`") || single.endsWith("`") ? " " : "";
  return { markdown: `${fence}${pad}${single}${pad}${fence}` };
}
