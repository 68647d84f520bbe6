import { describe, expect, it } from "vitest";
import { escapeMarkdown } from "../../src/core/report/escape.js";
import { renderMarkdown } from "../../src/core/report/markdown.js";
import { toHtml } from "./render.js";

const HOSTILE = [
  "<img src=x onerror=alert(1)>",
  "<script>alert(1)</script>",
  "| x |",
  "[a](javascript:alert(1))",
  "![pixel](https://evil.example/p.png)",
  "see www.evil.example or https://evil.example/login",
  "**bold** _em_ `code` ~~strike~~ $x^2$",
  "# heading",
  "- item",
  "+ item",
  "= underline",
  "1. ordered",
  "> quote",
  "line one\nline two\r\n\n## injected heading",
  "&lt;already&gt; &amp;",
  "<!-- mlgate:sticky:register:churn -->",
  "back\\slash \\| pipe",
  "</details><details open>",
];

describe("escapeMarkdown", () => {
  it.each(HOSTILE)("shows %j literally, as one line of text", (text) => {
    const html = toHtml(escapeMarkdown(text));
    const shown = html
      .replace(/^<p>|<\/p>\n?$/g, "")
      .replaceAll("&lt;", "<")
      .replaceAll("&gt;", ">")
      .replaceAll("&quot;", '"')
      .replaceAll("&amp;", "&");
    expect(shown).toBe(text.replace(/\r?\n/g, " ").replace(/\r/g, " "));
    expect(html).not.toMatch(/<(?!\/?p>)[a-z!/]/i);
  });

  it("neutralises @mentions and issue references without changing what is shown", () => {
    const html = toHtml(escapeMarkdown("ping @octocat about #12 and @org/team, or me@example.com"));
    expect(html).toBe("<p>ping @\u200boctocat about #\u200b12 and @\u200borg/team, or me@\u200bexample.com</p>");
  });
});

describe("data in a rendered report", () => {
  it("keeps a table's shape whatever its column names and values are", () => {
    const markdown = renderMarkdown({
      title: "Drift for <b>churn</b>",
      sections: [
        {
          kind: "table",
          headers: ["column", "value"],
          rows: HOSTILE.map((text) => [text, "ok"]),
        },
      ],
    });
    const html = toHtml(markdown);
    expect(html).not.toMatch(/<(img|script|a|b|li|code|em|strong|del|details)\b/);
    expect(html.match(/<h\d/g)).toEqual(["<h2"]);
    const rows = html.match(/<tr>[\s\S]*?<\/tr>/g) ?? [];
    expect(rows).toHaveLength(HOSTILE.length + 1);
    for (const row of rows) expect(row.match(/<t[dh]>/g)).toHaveLength(2);
  });

  it("cannot close a details block or forge the sticky marker", () => {
    const markdown = renderMarkdown({
      title: "t",
      sections: [{ kind: "details", summary: "</summary></details><!-- x -->", sections: [] }],
    });
    expect(markdown).not.toContain("<!--");
    expect(markdown.match(/<\/details>/g)).toHaveLength(1);
  });
});
