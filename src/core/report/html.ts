/**
 * Renders the report model to one self-contained HTML file (a build artifact): inline CSS and SVG,
 * no scripts, no external resources, light and dark, printable. A Content-Security-Policy that
 * allows nothing but the inline style backs up the escaping.
 */
import { renderCurveFigure, renderLineChartFigure } from "./chart-lines.js";
import { escapeXml, renderChartFigure, SERIES_COLOURS } from "./chart-svg.js";
import { type Inline, type Report, type Section, safeUrl } from "./model.js";

const VERDICT_BADGES = { pass: "Pass", fail: "Fail", info: "Info" } as const;
const CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

export function renderHtml(report: Report): string {
  const title = escapeXml(report.title);
  const verdict = report.verdict
    ? [
        `<p class="verdict"><span class="badge ${report.verdict.status}">${VERDICT_BADGES[report.verdict.status]}</span> ${inlineHtml(report.verdict.text)}</p>`,
      ]
    : [];
  return [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    `<title>${title}</title>`,
    `<style>${STYLE}</style>`,
    "</head>",
    "<body>",
    "<main>",
    `<h1>${title}</h1>`,
    ...verdict,
    ...report.sections.map(renderSection),
    "</main>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

function renderSection(section: Section): string {
  switch (section.kind) {
    case "paragraph":
      return `<p>${inlineHtml(section.text)}</p>`;
    case "keyValue":
      return withTitle(section.title, [
        "<dl>",
        ...section.rows.map((row) => `<dt>${inlineHtml(row.label)}</dt><dd>${inlineHtml(row.value)}</dd>`),
        "</dl>",
      ]);
    case "table":
      return withTitle(section.title, renderTable(section.headers, section.rows, section.align));
    case "details":
      return [
        "<details>",
        `<summary>${escapeXml(section.summary)}</summary>`,
        ...section.sections.map(renderSection),
        "</details>",
      ].join("\n");
    case "code": {
      const language = section.language?.replace(/[^\w+-]/g, "");
      const attribute = language ? ` class="language-${language}"` : "";
      const code = section.code.replace(/\r\n?/g, "\n").replace(/\n$/, "");
      return withTitle(section.title, [`<pre><code${attribute}>${escapeXml(code)}</code></pre>`]);
    }
    case "chart":
      return renderChartFigure(section);
    case "curve":
      return renderCurveFigure(section);
    case "line":
      return renderLineChartFigure(section);
  }
}

function withTitle(title: string | undefined, lines: string[]): string {
  return ["<section>", ...(title === undefined ? [] : [`<h2>${escapeXml(title)}</h2>`]), ...lines, "</section>"].join(
    "\n",
  );
}

function renderTable(headers: Inline[], rows: Inline[][], align: ("left" | "center" | "right")[] = []): string[] {
  const width = Math.max(headers.length, ...rows.map((row) => row.length));
  const cells = (row: Inline[], tag: "th" | "td") =>
    Array.from({ length: width }, (_, index) => {
      const side = align[index];
      const attribute = side === "right" || side === "center" ? ` class="${side}"` : "";
      return `<${tag}${attribute}>${inlineHtml(row[index] ?? "")}</${tag}>`;
    }).join("");
  return [
    '<div class="scroll"><table>',
    `<thead><tr>${cells(headers, "th")}</tr></thead>`,
    "<tbody>",
    ...rows.map((row) => `<tr>${cells(row, "td")}</tr>`),
    "</tbody>",
    "</table></div>",
  ];
}

function inlineHtml(value: Inline): string {
  return typeof value === "string" ? escapeXml(value) : markdownHtml(value.markdown, true);
}

interface Token {
  html: string;
  end: number;
}

/** Runs without a character that can start a token below. */
const TEXT = /[^\\&`*[]+/y;
const ASCII_PUNCTUATION = /^[!-/:-@[-`{-~]$/;
/**
 * The entities escapeMarkdown writes. The zero-width space after `@` and `#` only stops GitHub
 * linking mentions and issues, so it goes.
 */
const ENTITIES: Record<string, string> = {
  "&amp;": "&",
  "&lt;": "<",
  "&gt;": ">",
  "&quot;": '"',
  "&#39;": "'",
  "&#8203;": "",
};
const ENTITY = /&(?:amp|lt|gt|quot|#39|#8203);/y;
const BACKTICKS = /`+/y;
/** safeUrl percent-encodes parentheses, spaces and angle brackets, so none can be in a destination. */
const LINK_DESTINATION = /\(([^()\s<>]*)\)/y;

/**
 * The inline Markdown that `md`, `code` and `link` build, as HTML: text with backslash escapes and
 * entities, code spans, `**bold**` and http(s) links (not inside a link's text). Anything else,
 * including raw HTML in a trusted literal, shows as text.
 */
function markdownHtml(markdown: string, links: boolean): string {
  const parts: string[] = [];
  let openBold: number | undefined;
  for (let at = 0; at < markdown.length; ) {
    if (markdown.startsWith("**", at)) {
      if (openBold === undefined) {
        openBold = parts.length;
        parts.push("**"); // shown as is unless a closing ** follows
      } else {
        parts[openBold] = "<strong>";
        parts.push("</strong>");
        openBold = undefined;
      }
      at += 2;
      continue;
    }
    const token =
      textAt(markdown, at) ??
      backslashEscapeAt(markdown, at) ??
      entityAt(markdown, at) ??
      codeSpanAt(markdown, at) ??
      (links ? linkAt(markdown, at) : undefined) ??
      characterAt(markdown, at);
    parts.push(token.html);
    at = token.end;
  }
  return parts.join("");
}

/** A character that starts no token here, such as a lone `*` or `&`, is text. */
function characterAt(markdown: string, at: number): Token {
  return { html: escapeXml(markdown.charAt(at)), end: at + 1 };
}

function textAt(markdown: string, at: number): Token | undefined {
  TEXT.lastIndex = at;
  const text = TEXT.exec(markdown)?.[0];
  return text === undefined ? undefined : { html: escapeXml(text), end: at + text.length };
}

function backslashEscapeAt(markdown: string, at: number): Token | undefined {
  const escaped = markdown.charAt(at + 1);
  return markdown[at] === "\\" && ASCII_PUNCTUATION.test(escaped)
    ? { html: escapeXml(escaped), end: at + 2 }
    : undefined;
}

function entityAt(markdown: string, at: number): Token | undefined {
  ENTITY.lastIndex = at;
  const entity = ENTITY.exec(markdown)?.[0];
  return entity === undefined ? undefined : { html: escapeXml(ENTITIES[entity] as string), end: at + entity.length };
}

/**
 * A code span as CommonMark reads it: the opening backtick run closes at the next run of the same
 * length, and one space each side is padding. `code` escapes `|` for tables; here it is a `|` again.
 */
function codeSpanAt(markdown: string, at: number): Token | undefined {
  BACKTICKS.lastIndex = at;
  const fence = BACKTICKS.exec(markdown)?.[0];
  if (fence === undefined) return undefined;
  const closing = new RegExp(`(?<!\`)${fence}(?!\`)`, "g");
  closing.lastIndex = at + fence.length;
  const close = closing.exec(markdown);
  if (close === null) return { html: fence, end: at + fence.length };
  let content = markdown.slice(at + fence.length, close.index).replace(/\r?\n/g, " ");
  if (/^ .*[^ ].* $/.test(content)) content = content.slice(1, -1);
  return { html: `<code>${escapeXml(content.replaceAll("\\|", "|"))}</code>`, end: close.index + fence.length };
}

/** `[text](url)` with an http(s) URL; any other destination leaves the text alone. */
function linkAt(markdown: string, at: number): Token | undefined {
  if (markdown[at] !== "[") return undefined;
  let end = at + 1;
  while (end < markdown.length && markdown[end] !== "]") {
    if (markdown[end] === "[") return undefined;
    end = markdown[end] === "\\" ? end + 2 : (codeSpanAt(markdown, end)?.end ?? end + 1);
  }
  LINK_DESTINATION.lastIndex = end + 1;
  const destination = LINK_DESTINATION.exec(markdown)?.[1];
  if (end >= markdown.length || destination === undefined) return undefined;
  const text = markdownHtml(markdown.slice(at + 1, end), false);
  const url = safeUrl(destination.replace(/\\([!-/:-@[-`{-~])/g, "$1"));
  return { html: url ? `<a href="${escapeXml(url)}">${text}</a>` : text, end: LINK_DESTINATION.lastIndex };
}

const SERIES_CLASSES = Array.from(
  { length: SERIES_COLOURS },
  (_, index) => `.series-${index} { --series: var(--series-${index}); }`,
).join("\n");

const STYLE = `
:root {
  color-scheme: light dark;
  --background: #ffffff; --text: #1f2328; --muted: #59636e; --border: #d1d9e0; --subtle: #f6f8fa;
  --link: #0969da; --pass: #1a7f37; --fail: #cf222e; --info: #0969da;
  --series-0: #0072b2; --series-1: #e69f00; --series-2: #009e73; --series-3: #cc79a7; --series-4: #56b4e9; --series-5: #d55e00;
}
@media screen and (prefers-color-scheme: dark) {
  :root {
    --background: #0d1117; --text: #e6edf3; --muted: #9198a1; --border: #3d444d; --subtle: #151b23;
    --link: #4493f8; --pass: #3fb950; --fail: #f85149; --info: #4493f8;
    --series-0: #56b4e9; --series-1: #f0c05a; --series-2: #2fc09a; --series-3: #e2a3c7; --series-4: #a3d4f5; --series-5: #f08a4b;
  }
}
${SERIES_CLASSES}
body { margin: 0; background: var(--background); color: var(--text);
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 980px; margin: 0 auto; padding: 24px; }
h1 { font-size: 1.6em; margin: 0 0 12px; }
h2 { font-size: 1.15em; margin: 24px 0 8px; }
a { color: var(--link); }
code, pre { font: 0.9em/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
code { background: var(--subtle); border-radius: 4px; padding: 0.1em 0.3em; }
pre { background: var(--subtle); border: 1px solid var(--border); border-radius: 6px; padding: 12px; overflow-x: auto; }
pre code { background: none; padding: 0; }
.verdict { font-size: 1.1em; }
.badge { display: inline-block; border-radius: 999px; padding: 0 10px; font-weight: 600; color: var(--background); }
.badge.pass { background: var(--pass); }
.badge.fail { background: var(--fail); }
.badge.info { background: var(--info); }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 8px 0; }
dt { font-weight: 600; }
dd { margin: 0; overflow-wrap: anywhere; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; margin: 8px 0; }
th, td { border: 1px solid var(--border); padding: 4px 10px; text-align: left; vertical-align: top; }
th { background: var(--subtle); }
.right { text-align: right; font-variant-numeric: tabular-nums; }
.center { text-align: center; }
details { border: 1px solid var(--border); border-radius: 6px; padding: 6px 12px; margin: 12px 0; }
summary { cursor: pointer; font-weight: 600; }
figure.chart { margin: 16px 0; }
figcaption { font-weight: 600; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 16px; list-style: none; margin: 4px 0; padding: 0; color: var(--muted); }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; background: var(--series); }
svg.chart { display: block; width: 100%; height: auto; }
svg.chart text { font-size: 11px; fill: var(--muted); }
svg.chart .axis-label { font-size: 12px; fill: var(--text); }
svg.chart .grid { stroke: var(--border); stroke-width: 1; }
svg.chart .axis { stroke: var(--muted); stroke-width: 1; }
svg.chart .bar { fill: var(--series); }
svg.chart .line { fill: none; stroke: var(--series); stroke-width: 2; stroke-linejoin: round; stroke-linecap: round; }
svg.chart .marker { fill: var(--series); stroke: var(--background); stroke-width: 1; }
svg.chart .reference { fill: none; stroke: var(--muted); stroke-width: 1.5; stroke-dasharray: 5 4; }
figure.chart.curve { display: inline-block; vertical-align: top; width: 100%; max-width: 440px; margin-right: 24px; }
.swatch.reference { width: 14px; height: 0; border-radius: 0; border-top: 2px dashed var(--muted); background: none; vertical-align: middle; }
.empty { color: var(--muted); }
@media print {
  main { max-width: none; padding: 0; }
  a { color: inherit; }
  .swatch, .badge { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  pre { white-space: pre-wrap; }
  figure.chart, table, pre { break-inside: avoid; }
  /* closed details print their content too, where the browser supports ::details-content */
  details::details-content { content-visibility: visible; }
}
`;
