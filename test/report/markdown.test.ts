import { describe, expect, it } from "vitest";
import { fitCommentBody } from "../../src/core/report/comment.js";
import { renderMarkdown } from "../../src/core/report/markdown.js";
import { link, md, type Report, type Section } from "../../src/core/report/model.js";
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

describe("renderMarkdown charts", () => {
  const chart: Section = {
    kind: "chart",
    title: "age <b>",
    labels: ["[0, 1)", "[1, 2)"],
    series: [
      { name: "reference", values: [0.25, 0.75] },
      { name: "current", values: [0.5, 0.5] },
    ],
    valueLabel: "share of rows",
  };
  const table: Section = { kind: "table", headers: ["bin", "share"], rows: [["[0, 1)", "0.25"]] };
  const withCharts: Report = {
    title: "drift",
    sections: [
      { kind: "paragraph", text: "before" },
      chart,
      { kind: "details", summary: "age", sections: [chart, table] },
      { kind: "details", summary: "only charts", sections: [chart] },
      { kind: "paragraph", text: "after" },
    ],
  };

  it("leaves charts out by default, with no empty block or empty details behind", () => {
    const expected = renderMarkdown({
      title: "drift",
      sections: [
        { kind: "paragraph", text: "before" },
        { kind: "details", summary: "age", sections: [table] },
        { kind: "paragraph", text: "after" },
      ],
    });
    expect(renderMarkdown(withCharts)).toBe(expected);
    expect(renderMarkdown(withCharts, { charts: "none" })).toBe(expected);
    expect(expected).not.toMatch(/\n{3}/);
  });

  it("draws charts as Mermaid blocks under a heading, with a legend line", () => {
    const markdown = renderMarkdown(
      { title: "drift", sections: [chart, { kind: "paragraph", text: "after" }] },
      {
        charts: "mermaid",
      },
    );
    expect(markdown).toBe(
      [
        "## drift",
        "",
        "#### age &lt;b&gt;",
        "",
        "```mermaid",
        "xychart-beta",
        '  x-axis ["[0, 1)", "[1, 2)"]',
        '  y-axis "share of rows" 0 --> 0.8',
        "  bar [0.25, 0.75]",
        "  line [0.5, 0.5]",
        "```",
        "bars: reference · line: current",
        "",
        "after",
        "",
      ].join("\n"),
    );
  });

  it("renders as GitHub would: one mermaid code block per chart, data kept inside it", () => {
    const hostile = "```\n</details><img src=x onerror=alert(1)>";
    const report: Report = {
      title: "drift",
      sections: [
        { kind: "details", summary: "age", sections: [{ ...chart, title: hostile, labels: [hostile, "b"] }] },
        { kind: "paragraph", text: "after" },
      ],
    };
    const html = toHtml(renderMarkdown(report, { charts: "mermaid" }));
    expect(html.match(/<pre><code class="language-mermaid">/g)).toHaveLength(1);
    expect(html).not.toMatch(/<img/);
    expect(html).toMatch(/<\/details>\n<p>after<\/p>\n$/);
  });

  const curve: Section = {
    kind: "curve",
    title: "ROC",
    xLabel: "false positive rate",
    yLabel: "true positive rate",
    series: [{ name: "challenger", x: [0, 0.5, 1], y: [0, 0.9, 1] }],
    reference: "diagonal",
  };
  const history: Section = {
    kind: "line",
    title: "AUC by version",
    labels: ["v1", "v2", "v3"],
    series: [
      { name: "auc", values: [0.81, 0.85, 0.87] },
      { name: "auc (holdout)", values: [null, 0.83, 0.86] },
    ],
    valueLabel: "ROC AUC",
  };

  it("leaves curves out whatever the charts option, with no empty block or empty details behind", () => {
    const expected = renderMarkdown({ title: "eval", sections: [{ kind: "paragraph", text: "after" }] });
    const withCurves: Report = {
      title: "eval",
      sections: [
        curve,
        { kind: "details", summary: "curves", sections: [curve] },
        { kind: "paragraph", text: "after" },
      ],
    };
    expect(renderMarkdown(withCurves)).toBe(expected);
    expect(renderMarkdown(withCurves, { charts: "mermaid" })).toBe(expected);
  });

  it("draws a line chart as a Mermaid block of lines, leaving out series with gaps and saying so", () => {
    const report: Report = { title: "eval", sections: [history] };
    expect(renderMarkdown(report)).toBe("## eval\n");
    expect(renderMarkdown(report, { charts: "mermaid" })).toBe(
      [
        "## eval",
        "",
        "#### AUC by version",
        "",
        "```mermaid",
        "xychart-beta",
        '  x-axis ["v1", "v2", "v3"]',
        '  y-axis "ROC AUC" 0.8 --> 0.88',
        "  line [0.81, 0.85, 0.87]",
        "```",
        "line: auc · not drawn (missing values): auc (holdout)",
        "",
      ].join("\n"),
    );
    const html = toHtml(renderMarkdown(report, { charts: "mermaid" }));
    expect(html.match(/<pre><code class="language-mermaid">/g)).toHaveLength(1);
  });

  it("keeps a truncated comment's mermaid fence closed", () => {
    const markdown = renderMarkdown({ title: "drift", sections: [chart] }, { charts: "mermaid" });
    const cut = markdown.indexOf("  bar") + 30;
    const body = fitCommentBody(markdown, { marker: "<!-- m -->", limit: cut });
    expect(body.match(/^```/gm)).toHaveLength(2);
  });
});
