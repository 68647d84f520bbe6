import { describe, expect, it } from "vitest";
import { fitCommentBody, GITHUB_COMMENT_LIMIT, stickyMarker } from "../../src/core/report/comment.js";
import { renderMarkdown } from "../../src/core/report/markdown.js";
import type { Section } from "../../src/core/report/model.js";
import { toHtml } from "./render.js";

const marker = stickyMarker("register:churn");

function bigReport(rows: number): string {
  const sections: Section[] = [
    { kind: "paragraph", text: "Summary first." },
    {
      kind: "table",
      headers: ["column", "mean", "nulls"],
      rows: Array.from({ length: rows }, (_, index) => [`feature_${index}`, String(index / 7), "0"]),
    },
    {
      kind: "details",
      summary: "log",
      sections: [{ kind: "code", code: Array.from({ length: rows }, (_, index) => `line ${index}`).join("\n") }],
    },
  ];
  return renderMarkdown({ title: "Data profile", sections });
}

describe("stickyMarker", () => {
  it("is a hidden HTML comment carrying the key", () => {
    expect(marker).toBe("<!-- mlgate:sticky:register:churn -->");
    expect(toHtml(marker)).toBe(marker);
  });

  it("sanitises the key so it cannot end the comment early", () => {
    const hostile = stickyMarker("x --> <img src=x onerror=alert(1)> <!--");
    expect(hostile.indexOf("-->")).toBe(hostile.length - 3);
    expect(hostile).toMatch(/^<!-- mlgate:sticky:[\w.:/@-]+ -->$/);
  });
});

describe("fitCommentBody", () => {
  it("returns a short body whole, marker first", () => {
    const markdown = bigReport(3);
    expect(fitCommentBody(markdown, { marker })).toBe(`${marker}\n${markdown}`);
  });

  it("truncates a long body under the limit at a line boundary, with the note and link last", () => {
    const markdown = bigReport(5000);
    expect(markdown.length).toBeGreaterThan(GITHUB_COMMENT_LIMIT);
    const body = fitCommentBody(markdown, { marker, fullReportUrl: "https://ci.example/runs/42" });
    expect(body.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(body.length).toBeGreaterThan(GITHUB_COMMENT_LIMIT - 200);
    expect(body.startsWith(`${marker}\n## Data profile`)).toBe(true);
    expect(body.endsWith("\n\n_… truncated — full report: <https://ci.example/runs/42>_\n")).toBe(true);
    const kept = body.slice(marker.length + 1, body.indexOf("\n\n_… truncated"));
    expect(markdown.startsWith(kept)).toBe(true);
    expect(markdown[kept.length]).toBe("\n");
  });

  it("closes a code fence and a details block it cuts through, so the note renders as text", () => {
    const markdown = bigReport(300);
    const limit = markdown.indexOf("line 150");
    const body = fitCommentBody(markdown, { marker, limit, fullReportUrl: "https://ci.example/runs/42" });
    expect(body.length).toBeLessThanOrEqual(limit);
    expect(body).toMatch(/line \d+\n```\n\n<\/details>\n\n_… truncated/);
    const html = toHtml(body);
    expect(html).toMatch(/<\/code><\/pre>\s*<\/details>\s*<p><em>… truncated — full report: <a href=/);
  });

  it("ends a cut table before the note, so the note is not read as a row", () => {
    const markdown = bigReport(300);
    const limit = markdown.indexOf("feature\\_100");
    const html = toHtml(fitCommentBody(markdown, { marker, limit }));
    expect(html).toMatch(/<\/table>\s*<p><em>… truncated — the full report is too long for a comment<\/em><\/p>/);
  });

  it("counts the marker and the note: a limit just under the whole body still truncates", () => {
    const markdown = bigReport(10);
    const limit = marker.length + 1 + markdown.length - 1;
    const body = fitCommentBody(markdown, { marker, limit });
    expect(body.length).toBeLessThanOrEqual(limit);
    expect(body).toContain("… truncated");
  });

  it("drops a link that is not http(s)", () => {
    const body = fitCommentBody(bigReport(100), { marker, limit: 500, fullReportUrl: "javascript:alert(1)" });
    expect(body).not.toContain("javascript");
    expect(body.length).toBeLessThanOrEqual(500);
  });
});
