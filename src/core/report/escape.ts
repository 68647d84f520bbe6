/**
 * Strings that came from data or users (column names, category values, tags, paths) are rendered
 * through these, so they show literally and cannot inject Markdown, HTML, mentions or links.
 */

const LINE_BREAKS = /\r\n|[\r\n\u2028\u2029]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const HTML_SPECIAL: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
/** Everything that starts emphasis, code, links, tables, headings, strikethrough or math inline. */
const MARKDOWN_PUNCTUATION = /[\\`*_[\]|#~$]/g;
/** At the start of a line these would make a list, a heading underline or (`1. `) an ordered list. */
const BLOCK_START = /^([-+=]|\d{1,9}[.)](?=\s|$))/;
/** GFM turns bare `https://…` and `www.…` into links; escaping the `:` or the `.` stops it. */
const AUTOLINK_TRIGGER = /:(?=\/\/)|(?<=\bwww)\./gi;
const ZERO_WIDTH_SPACE = "&#8203;";

/** One line of inert Markdown text. */
export function escapeMarkdown(text: string): string {
  const escaped = singleLine(text)
    .replace(/[&<>]/g, (char) => HTML_SPECIAL[char] as string)
    .replace(MARKDOWN_PUNCTUATION, "\\$&")
    .replace(BLOCK_START, (start) => `${start.slice(0, -1)}\\${start.slice(-1)}`)
    .replace(AUTOLINK_TRIGGER, "\\$&");
  return neutraliseReferences(escaped);
}

/** Text inside raw HTML (a `<summary>`), where Markdown is not interpreted but entities are. */
export function escapeHtml(text: string): string {
  return neutraliseReferences(singleLine(text).replace(/[&<>"']/g, (char) => HTML_SPECIAL[char] as string));
}

function singleLine(text: string): string {
  return text.replace(LINE_BREAKS, " ").replace(CONTROL_CHARACTERS, " ");
}

/** `@user` would notify someone and `#12` would link an issue: a zero-width space breaks both. */
function neutraliseReferences(text: string): string {
  // (?<!&): leave numeric entities such as &#39; alone.
  return text.replace(/@(?=[\w-])/g, `@${ZERO_WIDTH_SPACE}`).replace(/(?<!&)#(?=\d)/g, `#${ZERO_WIDTH_SPACE}`);
}
