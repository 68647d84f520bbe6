/**
 * Sticky PR comments: one per key (model + task), found again by a hidden marker on its first line
 * and kept under the platform's size limit (GitHub: 65,536 characters).
 */
import { safeUrl } from "./model.js";

export const GITHUB_COMMENT_LIMIT = 65_536;

/** `<!-- mlgate:sticky:register:churn -->`; the key is reduced to characters that cannot end the comment. */
export function stickyMarker(key: string): string {
  const safeKey = key
    .replace(/[^\w.:/@-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .slice(0, 200);
  return `<!-- mlgate:sticky:${safeKey} -->`;
}

export interface FitOptions {
  /** in UTF-16 code units, which never undercounts the characters a platform counts */
  limit?: number;
  marker: string;
  /** linked from the truncation note */
  fullReportUrl?: string;
}

/**
 * The comment body: the marker on the first line, then as much of the Markdown as fits, cut at a
 * line boundary. A cut inside a code fence or a `<details>` block closes them, and the truncation
 * note says where the full report is.
 */
export function fitCommentBody(markdown: string, options: FitOptions): string {
  const limit = options.limit ?? GITHUB_COMMENT_LIMIT;
  const head = `${options.marker}\n`;
  if (head.length + markdown.length <= limit) return head + markdown;

  const url = options.fullReportUrl === undefined ? undefined : safeUrl(options.fullReportUrl);
  const note = `\n\n_… truncated — ${url ? `full report: <${url}>` : "the full report is too long for a comment"}_\n`;
  const lines = markdown.split("\n");
  const blocks = new OpenBlocks();
  let fit = { lineCount: 0, closing: "" };
  let keptLength = head.length;
  for (const [index, line] of lines.entries()) {
    keptLength += line.length + 1;
    blocks.after(line);
    const closing = blocks.closing();
    // keptLength counts a newline after the line; the closing text and the note bring their own
    if (keptLength - 1 + closing.length + note.length > limit) break;
    fit = { lineCount: index + 1, closing };
  }
  const kept = lines.slice(0, fit.lineCount).join("\n");
  const body = fit.lineCount === 0 ? `${head}${note.trimStart()}` : `${head}${kept}${fit.closing}${note}`;
  if (body.length > limit) throw new Error(`a comment limit of ${limit} characters cannot hold the truncation note`);
  return body;
}

/** The code fence and `<details>` blocks left open at a line, so a cut there can close them. */
class OpenBlocks {
  private fence: string | undefined;
  private details = 0;

  after(line: string): void {
    const fence = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (this.fence !== undefined) {
      const closes =
        fence !== undefined && fence[0] === this.fence[0] && fence.length >= this.fence.length && line.trim() === fence;
      if (closes) this.fence = undefined;
    } else if (fence !== undefined) {
      this.fence = fence;
    } else {
      this.details += (line.match(/<details[\s>]/g) ?? []).length - (line.match(/<\/details>/g) ?? []).length;
      this.details = Math.max(0, this.details);
    }
  }

  closing(): string {
    return (this.fence === undefined ? "" : `\n${this.fence}`) + "\n\n</details>".repeat(this.details);
  }
}
