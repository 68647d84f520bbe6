/** Renders the report model to GitHub-flavoured Markdown (PR comments, job summaries). */
import { escapeHtml, escapeMarkdown } from "./escape.js";
import { type Inline, type Report, renderInline, type Section } from "./model.js";

const VERDICT_BADGES = { pass: "✅ Pass", fail: "❌ Fail", info: "ℹ️ Info" } as const;

/** Blocks are separated by a blank line; the sticky-comment truncation cuts at those boundaries. */
export function renderMarkdown(report: Report): string {
  const blocks = [`## ${escapeMarkdown(report.title)}`];
  if (report.verdict) {
    blocks.push(`**${VERDICT_BADGES[report.verdict.status]}** — ${renderInline(report.verdict.text)}`);
  }
  blocks.push(...report.sections.map(renderSection));
  return `${blocks.join("\n\n")}\n`;
}

function renderSection(section: Section): string {
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
    case "details":
      return [
        `<details><summary>${escapeHtml(section.summary)}</summary>`,
        ...section.sections.map(renderSection),
        "</details>",
      ].join("\n\n");
    case "code":
      return withTitle(section.title, renderCode(section.code, section.language));
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
