import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../../src/core/report/markdown.js";
import { link, md, type Report } from "../../src/core/report/model.js";
import { toHtml } from "./render.js";

const report: Report = {
  title: "register: churn",
  verdict: { status: "pass", text: md`version **${"3"}** registered` },
  sections: [
    { kind: "paragraph", text: "Registered from main." },
    {
      kind: "keyValue",
      title: "Version",
      rows: [
        { label: "digest", value: "sha256:abc" },
        { label: "run", value: link("run 42", "https://ci.example/runs/42") },
      ],
    },
    {
      kind: "table",
      title: "Metrics",
      headers: ["metric", "value"],
      align: ["left", "right"],
      rows: [
        ["auc", "0.91"],
        ["f1", ""],
      ],
    },
    {
      kind: "details",
      summary: "Inputs & outputs",
      sections: [{ kind: "code", language: "json", code: '{"a": "```"}\n' }],
    },
  ],
};

describe("renderMarkdown", () => {
  it("renders every kind of section", () => {
    expect(renderMarkdown(report)).toBe(
      [
        "## register: churn",
        "",
        "**✅ Pass** — version **3** registered",
        "",
        "Registered from main.",
        "",
        "#### Version",
        "",
        "- **digest**: sha256:abc",
        "- **run**: [run 42](https://ci.example/runs/42)",
        "",
        "#### Metrics",
        "",
        "| metric | value |",
        "| --- | ---: |",
        "| auc | 0.91 |",
        "| f1 |   |",
        "",
        "<details><summary>Inputs &amp; outputs</summary>",
        "",
        "````json",
        '{"a": "```"}',
        "````",
        "",
        "</details>",
        "",
      ].join("\n"),
    );
  });

  it("renders as GitHub would: a table, a collapsed block, a code block that the code cannot close", () => {
    const html = toHtml(renderMarkdown(report));
    expect(html).toContain('<td align="right">0.91</td>');
    expect(html).toContain("<details><summary>Inputs &amp; outputs</summary>");
    expect(html).toContain('<pre><code class="language-json">{&quot;a&quot;: &quot;```&quot;}\n</code></pre>');
    expect(html).toContain('<a href="https://ci.example/runs/42">run 42</a>');
  });

  it("escapes what md interpolates, and keeps even its literal pipes out of table syntax", () => {
    expect(md`**${"*x*"}** | ${2}`.markdown).toBe("**\\*x\\*** \\| 2");
  });

  it("links only http(s) URLs", () => {
    expect(link("click", "javascript:alert(1)").markdown).toBe("click");
    expect(link("[x]", "https://a.example/p?q=(1)").markdown).toBe("[\\[x\\]](https://a.example/p?q=%281%29)");
  });

  it("pads short rows so the table keeps its columns", () => {
    const markdown = renderMarkdown({ title: "t", sections: [{ kind: "table", headers: ["a", "b"], rows: [["1"]] }] });
    expect(markdown).toContain("| 1 |   |");
  });
});
