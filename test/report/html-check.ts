/**
 * A strict reading of the HTML renderHtml writes: every tag is an element it may use, with
 * double-quoted attributes, every element is closed in order, and no `<` or `>` is left in text.
 */

export interface Tag {
  name: string;
  attributes: [name: string, value: string][];
}

export interface Reading {
  tags: Tag[];
  /** the text between tags, entities left as they are */
  text: string;
  problems: string[];
}

const VOID_ELEMENTS = new Set(["meta"]);
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z][a-zA-Z0-9:-]*="[^"]*")*)\s*(\/?)>/g;
const ATTRIBUTE = /\s+([a-zA-Z][a-zA-Z0-9:-]*)="([^"]*)"/g;

export function readHtml(html: string): Reading {
  const problems: string[] = [];
  const body = html.replace(/^<!doctype html>\n/, "").replace(/<style>[\s\S]*?<\/style>/, "<style></style>");
  const tags: Tag[] = [];
  const open: string[] = [];
  let text = "";
  let last = 0;
  for (const match of body.matchAll(TAG)) {
    const [whole, closing, name = "", attributes = "", selfClosing] = match;
    text += body.slice(last, match.index);
    last = match.index + whole.length;
    if (closing) {
      const expected = open.pop();
      if (expected !== name) problems.push(`</${name}> closes <${expected}>`);
      continue;
    }
    const pairs = [...attributes.matchAll(ATTRIBUTE)].map(([, key = "", value = ""]): [string, string] => [key, value]);
    tags.push({ name, attributes: pairs });
    if (!selfClosing && !VOID_ELEMENTS.has(name)) open.push(name);
  }
  text += body.slice(last);
  if (open.length > 0) problems.push(`left open: ${open.join(", ")}`);
  if (/[<>]/.test(text)) problems.push(`markup outside a tag: ${/.{0,30}[<>].{0,30}/s.exec(text)?.[0]}`);
  return { tags, text, problems };
}
