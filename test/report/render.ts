/** Renders Markdown as GitHub would (GFM, raw HTML allowed), so tests can check what a reader gets. */
import { micromark } from "micromark";
import { gfm, gfmHtml } from "micromark-extension-gfm";

export function toHtml(markdown: string): string {
  return micromark(markdown, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] });
}
