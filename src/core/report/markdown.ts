/** Renders the report model to GitHub-flavoured Markdown (PR comments, job summaries). */
import { renderMermaidChart, renderMermaidLineChart } from "./chart-mermaid.js";
import { escapeHtml, escapeMarkdown } from "./escape.js";
import { type Inline, type Report, renderInline, type Section } from "./model.js";

const VERDICT_BADGES = { pass: "✅ Pass", fail: "❌ Fail", info: "ℹ️ Info" } as const;

export interface MarkdownOptions {
  /**
   * "mermaid" draws bar and line charts as Mermaid blocks, for platforms that render them (GitHub);
   * "none" (the default) leaves them out, and the tables carry the numbers. Curves are always left out.
   */
  charts?: "mermaid" | "none";
}

type Charts = NonNullable<MarkdownOptions["charts"]>;

/** Blocks are separated by a blank line; the sticky-comment truncation cuts at those boundaries. */
export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const blocks = [`## ${escapeMarkdown(report.title)}`];
  if (report.verdict) {
    blocks.push(`**${VERDICT_BADGES[report.verdict.status]}** — ${renderInline(report.verdict.text)}`);
  }
  blocks.push(...renderSections(report.sections, options.charts ?? "none"));
  return `${blocks.join("\n\n")}\n`;
}

/** Sections that render to nothing (a left-out chart) leave no block behind. */
function renderSections(sections: Section[], charts: Charts): string[] {
  return sections.flatMap((section) => renderSection(section, charts) ?? []);
}

function renderSection(section: Section, charts: Charts): string | undefined {
  switch (section.kind) {
    case "paragraph":
      return renderInline(section.text);
    case "keyValue":
      return withTitle(
        section.title,
        section.rows.map((row) => `- **${cell(row.label)}**: ${cell(row.value)}`),
      );
    case "table":
      return withTitle(section.title, renderTable(section.headers, section.rows, section.align));
    case "details": {
      const inner = renderSections(section.sections, charts);
      // a collapsed block that held only left-out charts would open onto nothing
      if (inner.length === 0 && section.sections.length > 0) return undefined;
      return [`<details><summary>${escapeHtml(section.summary)}</summary>`, ...inner, "</details>"].join("\n\n");
    }
    case "code":
      return withTitle(section.title, renderCode(section.code, section.language));
    case "chart": {
      const lines = charts === "mermaid" ? renderMermaidChart(section) : undefined;
      return lines && withTitle(section.title, lines);
    }
    case "line": {
      const lines = charts === "mermaid" ? renderMermaidLineChart(section) : undefined;
      return lines && withTitle(section.title, lines);
    }
    case "curve":
      // hundreds of points are not for a PR comment: the caller says so in a sentence
      return undefined;
  }
}

function withTitle(title: string | undefined, lines: string[]): string {
  return [...(title === undefined ? [] : [`#### ${escapeMarkdown(title)}`, ""]), ...lines].join("\n");
}

function renderTable(headers: Inline[], rows: Inline[][], align: ("left" | "center" | "right")[] = []): string[] {
  const width = Math.max(headers.length, ...rows.map((row) => row.length));
  const pad = (row: Inline[]) => Array.from({ length: width }, (_, index) => cell(row[index] ?? ""));
  const rule = Array.from({ length: width }, (_, index) => {
    const side = align[index];
    return side === "right" ? "---:" : side === "center" ? ":---:" : "---";
  });
  return [pad(headers), rule, ...rows.map(pad)].map((cells) => `| ${cells.join(" | ")} |`);
}

/** Inline content is already single-line and pipe-escaped; empty cells still need a space to keep the table. */
function cell(value: Inline): string {
  return renderInline(value) || " ";
}

/** A fence longer than any backtick run in the code, so the code cannot close it. */
function renderCode(code: string, language = ""): string[] {
  const longestRun = Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(Math.max(3, longestRun + 1));
  const info = language.replace(/[^\w+-]/g, "");
  return [`${fence}${info}`, ...code.replace(/\r\n?/g, "\n").replace(/\n$/, "").split("\n"), fence];
}
