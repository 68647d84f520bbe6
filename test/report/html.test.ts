import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderHtml } from "../../src/core/report/html.js";
import { code, type Inline, link, md, type Report, type Section } from "../../src/core/report/model.js";
import { readHtml } from "./html-check.js";

const HOSTILE = [
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  "](javascript:alert(1))",
  "[click](javascript:alert(1))",
  "``` fence ` tick ``",
  "| a | b |",
  "**bold** _em_ ~~s~~",
  "&lt;entity&gt; &amp; &#8203; &#x3C;script&#x3E;",
  "@octocat #12",
  "back\\slash \\` \\* \\",
  "</details></svg></main><details open>",
  "<!-- comment --> ]]> <![CDATA[",
  "%%{init: {}}%% #quot; <style>@import url(https://evil.example/x.css)</style>",
];

/** Any text, with the characters and sequences that mean something in Markdown, HTML or URLs often. */
const DATA = fc.string({
  unit: fc.oneof(
    fc.constantFrom(
      ..."<>&\"'\\`*_[]()|#@~$:/.-+=!1 \n\r\t",
      "&lt;",
      "&#8203;",
      "**",
      "```",
      "www.",
      "https://",
      "javascript:",
    ),
    fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
  ),
});

/** `<`, `>`, `&` and quotes as entities: how text from data must appear in the file. */
function shown(text: string): string {
  const entities: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
  return text.replace(/[&<>"']/g, (char) => entities[char] as string);
}

function hostileReport(hostile: string): Report {
  return {
    title: hostile,
    verdict: { status: "fail", text: md`column **${hostile}** drifted, see ${link(hostile, "https://ci.example/1")}` },
    sections: [
      { kind: "paragraph", text: hostile },
      { kind: "paragraph", text: md`in ${code(hostile)} and ${link("run", `javascript:${hostile}`)}` },
      { kind: "keyValue", title: hostile, rows: [{ label: hostile, value: md`**${hostile}**` }] },
      { kind: "table", title: hostile, headers: [hostile, md`${hostile}`], rows: [[hostile, code(hostile)]] },
      {
        kind: "details",
        summary: hostile,
        sections: [{ kind: "code", title: hostile, language: hostile, code: `${hostile}\n${hostile}` }],
      },
      {
        kind: "chart",
        title: hostile,
        labels: [hostile, `${hostile} and a long tail to cut`],
        series: [
          { name: hostile, values: [1, 2] },
          { name: "current", values: [2, 1] },
        ],
        valueLabel: hostile,
      },
      {
        kind: "curve",
        title: hostile,
        xLabel: hostile,
        yLabel: hostile,
        series: [{ name: hostile, x: [0, 0.5, 1], y: [0, 0.8, 1] }],
        reference: { y: 0.3, label: hostile },
      },
      {
        kind: "line",
        title: hostile,
        labels: [hostile, "v2"],
        series: [{ name: hostile, values: [0.8, null] }],
        valueLabel: hostile,
      },
    ],
  };
}

const ATTRIBUTES = new Set(
  "lang charset http-equiv content name class href viewBox role aria-label x y x1 x2 y1 y2 width height transform text-anchor dominant-baseline points cx cy r".split(
    " ",
  ),
);
const ELEMENTS = new Set(
  "html head meta title style body main h1 h2 p span strong code a pre section dl dt dd div table thead tbody tr th td details summary figure figcaption ul li svg g line text rect polyline circle".split(
    " ",
  ),
);

/**
 * Only the elements and attributes renderHtml writes, whatever the data: no scripts, no event
 * handlers, no inline styles, and no URL but the http(s) href of a link, so nothing is loaded.
 */
function expectOnlyInertMarkup(html: string): void {
  const { tags, problems } = readHtml(html);
  expect(problems).toEqual([]);
  for (const { name, attributes } of tags) {
    expect(ELEMENTS).toContain(name);
    for (const [attribute, value] of attributes) {
      expect(ATTRIBUTES).toContain(attribute);
      if (attribute === "href") {
        expect(name).toBe("a");
        expect(value).toMatch(/^https?:\/\/[^\s"<>]+$/);
      }
    }
  }
  expect(html).not.toMatch(/<script/i);
  expect(/<style>([\s\S]*)<\/style>/.exec(html)?.[1]).not.toMatch(/url\(|@import|<|expression/i);
}

describe("renderHtml", () => {
  it("writes one self-contained page: inline style, a policy that allows nothing else, no scripts", () => {
    const html = renderHtml({ title: "drift: churn", sections: [{ kind: "paragraph", text: "All good." }] });
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n/);
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">`,
    );
    expect(html).toContain("<title>drift: churn</title>");
    expect(html).toContain("@media screen and (prefers-color-scheme: dark)");
    expect(html).toContain("@media print");
    expect(html).toContain("<main>\n<h1>drift: churn</h1>\n<p>All good.</p>\n</main>");
    expectOnlyInertMarkup(html);
  });

  it("renders every kind of section", () => {
    const sections: Section[] = [
      { kind: "keyValue", title: "Version", rows: [{ label: "run", value: link("run 42", "https://ci.example/42") }] },
      {
        kind: "table",
        headers: ["metric", "value", "note"],
        align: ["left", "right", "center"],
        rows: [["auc", "0.91"]],
      },
      { kind: "details", summary: "Log", sections: [{ kind: "code", language: "json", code: '{"a": 1}\r\n' }] },
      { kind: "chart", title: "plan", labels: ["basic"], series: [{ name: "reference", values: [1] }] },
      {
        kind: "curve",
        title: "ROC",
        xLabel: "false positive rate",
        yLabel: "true positive rate",
        series: [{ name: "challenger", x: [0, 0.2, 1], y: [0, 0.7, 1] }],
        reference: "diagonal",
      },
      { kind: "line", title: "AUC by version", labels: ["v1", "v2"], series: [{ name: "auc", values: [0.8, 0.85] }] },
    ];
    const html = renderHtml({ title: "t", verdict: { status: "pass", text: md`version **${3}**` }, sections });
    expect(html).toContain('<p class="verdict"><span class="badge pass">Pass</span> version <strong>3</strong></p>');
    expect(html).toContain(
      '<section>\n<h2>Version</h2>\n<dl>\n<dt>run</dt><dd><a href="https://ci.example/42">run 42</a></dd>\n</dl>\n</section>',
    );
    expect(html).toContain(
      '<thead><tr><th>metric</th><th class="right">value</th><th class="center">note</th></tr></thead>\n<tbody>\n' +
        '<tr><td>auc</td><td class="right">0.91</td><td class="center"></td></tr>\n</tbody>',
    );
    expect(html).toContain(
      '<details>\n<summary>Log</summary>\n<section>\n<pre><code class="language-json">{&quot;a&quot;: 1}</code></pre>\n</section>\n</details>',
    );
    expect(html).toContain('<figure class="chart">\n<figcaption>plan</figcaption>\n<ul class="legend">');
    expect(html).toContain('<figure class="chart curve">\n<figcaption>ROC</figcaption>\n<ul class="legend">');
    expect(html).toContain('<line class="reference"');
    expect(html).toContain('<figure class="chart">\n<figcaption>AUC by version</figcaption>\n<ul class="legend">');
    expect(html.match(/<polyline /g)).toHaveLength(2);
    expectOnlyInertMarkup(html);
  });

  it.each(HOSTILE)("shows %j as text in every kind of section", (hostile) => {
    const html = renderHtml(hostileReport(hostile));
    expectOnlyInertMarkup(html);
    const { text } = readHtml(html);
    // plain strings, md interpolations, link texts, summaries, SVG labels and tooltips alike
    expect(text.split(shown(hostile)).length - 1).toBeGreaterThanOrEqual(12);
    expect(html).toContain(`<code>${shown(hostile)}</code>`);
    expect(html).toContain(`>${shown(hostile)}\n${shown(hostile)}</code></pre>`);
  });

  it("keeps any data inert (property)", () => {
    fc.assert(
      fc.property(DATA, (text) => {
        expectOnlyInertMarkup(renderHtml(hostileReport(text)));
      }),
      { numRuns: 200 },
    );
  });
});

describe("inline Markdown in HTML", () => {
  function paragraph(text: Inline): string {
    const html = renderHtml({ title: "t", sections: [{ kind: "paragraph", text }] });
    return /<h1>t<\/h1>\n<p>(.*)<\/p>\n<\/main>/s.exec(html)?.[1] as string;
  }

  it("undoes exactly the escaping md applies, so text shows as it was (property)", () => {
    fc.assert(
      fc.property(DATA, (text) => {
        // biome-ignore lint/suspicious/noControlCharactersInRegex: as escapeMarkdown replaces them
        const oneLine = text.replace(/\r\n|[\r\n\u2028\u2029\0-\x08\x0b\x0c\x0e-\x1f\x7f]/g, " ");
        expect(paragraph(md`${text}`)).toBe(shown(oneLine));
      }),
      { numRuns: 500 },
    );
  });

  it("shows a code span's text literally (property)", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme-ascii", minLength: 1 }).filter((text) => !/^ | $/.test(text)),
        (text) => {
          expect(paragraph(code(text))).toBe(`<code>${shown(text.replace(/\r?\n/g, " "))}</code>`);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("renders bold, code spans and http(s) links, and nothing else", () => {
    expect(paragraph(md`**${"a*b"}** in ${code("x|y")}`)).toBe("<strong>a*b</strong> in <code>x|y</code>");
    expect(paragraph(link("[run] 1", "https://ci.example/r?a=(1)&b=2"))).toBe(
      '<a href="https://ci.example/r?a=%281%29&amp;b=2">[run] 1</a>',
    );
    expect(paragraph(link("x", "javascript:alert(1)"))).toBe("x");
    expect(paragraph({ markdown: "[x](javascript:alert(1)) [y](data:text/html,1)" })).toBe(
      "[x](javascript:alert(1)) y",
    );
    expect(paragraph({ markdown: "**open <b>raw</b> `unclosed [no](link" })).toBe(
      "**open &lt;b&gt;raw&lt;/b&gt; `unclosed [no](link",
    );
    expect(paragraph({ markdown: "[**a**](https://a.example) **[b](https://b.example)**" })).toBe(
      '<a href="https://a.example/"><strong>a</strong></a> <strong><a href="https://b.example/">b</a></strong>',
    );
    expect(paragraph({ markdown: "[`]`](https://a.example)" })).toBe('<a href="https://a.example/"><code>]</code></a>');
  });
});
