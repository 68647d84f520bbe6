/**
 * The HTML report as a reader gets it: rendered by headless Chromium (Debian's package, installed here
 * when missing; skipped loudly only where there is no apt-get), driven by playwright-core, which never
 * downloads a browser. The report holds every kind of chart and hostile text; the page must load
 * without errors, requests or dialogs, and draw its charts.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, type TestContext } from "vitest";
import { calibrationCurve, precisionRecallCurve, rocCurve, thinCurve } from "../../src/core/evaluate/curves.js";
import { rankOrder } from "../../src/core/evaluate/metrics/index.js";
import { renderHtml } from "../../src/core/report/html.js";
import { code, md, type Report } from "../../src/core/report/model.js";
import { type ChromiumAvailability, colourCounts, ensureChromium, pixelsNear, readPng } from "./chromium-helper.js";

const SCRIPT = "<script>alert(1)</script>";
const IMG = '"><img src=x onerror=alert(2)>';
const SVG = "'><svg onload=alert(3)>";
const REMOTE =
  "<link rel=stylesheet href=https://evil.example/x.css><style>@import url(https://evil.example/y.css)</style>";
/** The light theme's first two series colours (html.ts). */
const SERIES_0 = "#0072b2";
const SERIES_1 = "#e69f00";

/** Scores of a classifier with the given separation, from a fixed-seed generator (mulberry32). */
function classifier(n: number, separation: number, seed: number) {
  let state = seed;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const labels = new Uint8Array(n);
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = random() < 0.3 ? 1 : 0;
    scores[i] = Math.min(1, Math.max(0, random() * (1 - separation) + (labels[i] as number) * separation));
  }
  return { labels, scores, order: rankOrder(scores) };
}

function report(): Report {
  const challenger = classifier(20_000, 0.35, 1);
  const champion = classifier(20_000, 0.2, 2);
  const roc = (model: typeof challenger) => {
    const curve = rocCurve(model.labels, model.scores, model.order);
    return thinCurve(curve.fpr, curve.tpr);
  };
  const pr = precisionRecallCurve(challenger.labels, challenger.scores, challenger.order);
  const thinPr = thinCurve(pr.recall, pr.precision);
  const calibration = calibrationCurve(challenger.labels, challenger.scores);
  return {
    title: `evaluate: churn ${SCRIPT}`,
    verdict: { status: "pass", text: md`challenger **${SCRIPT}** beats the champion` },
    sections: [
      { kind: "paragraph", text: `${SCRIPT} ${IMG} ${SVG} ${REMOTE}` },
      { kind: "paragraph", text: md`model ${code(IMG)} on ${SVG}` },
      {
        kind: "table",
        title: SCRIPT,
        headers: ["metric", IMG, "champion"],
        align: ["left", "right", "right"],
        rows: [
          ["roc_auc", "0.91", "0.84"],
          [SVG, REMOTE, SCRIPT],
        ],
      },
      { kind: "keyValue", title: "Run", rows: [{ label: SCRIPT, value: IMG }] },
      {
        kind: "chart",
        title: `score distribution ${SCRIPT}`,
        labels: ["[0, 0.25)", "[0.25, 0.5)", IMG, "[0.75, 1]"],
        series: [
          { name: "champion", values: [0.3, 0.3, 0.2, 0.2] },
          { name: SVG, values: [0.25, 0.25, 0.25, 0.25] },
        ],
        valueLabel: "share of rows",
      },
      {
        kind: "curve",
        title: `ROC ${SCRIPT}`,
        xLabel: "false positive rate",
        yLabel: "true positive rate",
        series: [
          { name: `challenger ${IMG}`, ...roc(challenger) },
          { name: "champion", ...roc(champion) },
        ],
        reference: "diagonal",
      },
      {
        kind: "curve",
        title: "Precision-recall",
        xLabel: "recall",
        yLabel: "precision",
        series: [{ name: "challenger", x: thinPr.x, y: thinPr.y }],
        reference: { y: 0.3, label: `prevalence ${SVG}` },
        step: true,
      },
      {
        kind: "curve",
        title: "Calibration",
        xLabel: "mean predicted probability",
        yLabel: "fraction of positives",
        series: [
          { name: "challenger", x: Array.from(calibration.meanPredicted), y: Array.from(calibration.fractionPositive) },
        ],
        reference: "diagonal",
      },
      {
        kind: "line",
        title: "ROC AUC by version",
        labels: ["v1", "v2", "v3", SCRIPT, "v5"],
        series: [
          { name: "roc_auc", values: [0.81, 0.84, null, 0.86, 0.91] },
          { name: REMOTE, values: [0.78, 0.8, 0.8, 0.83, 0.85] },
        ],
        valueLabel: "ROC AUC",
      },
      {
        kind: "details",
        summary: `Inputs ${SCRIPT}`,
        sections: [{ kind: "code", language: "json", code: `{"model": "${SCRIPT}"}` }],
      },
    ],
  };
}

interface Visit {
  page: Page;
  consoleErrors: string[];
  pageErrors: string[];
  dialogs: string[];
  requests: string[];
}

let availability: ChromiumAvailability | undefined;
let browser: Browser | undefined;
let directory: string | undefined;
let fileUrl = "";
const contexts: BrowserContext[] = [];

/** The page opened once as it is, once with its Content-Security-Policy bypassed: escaping alone must hold. */
const visits: { strict?: Visit; bypassed?: Visit } = {};

async function visit(bypassCSP: boolean): Promise<Visit> {
  const context = await (browser as Browser).newContext({
    bypassCSP,
    colorScheme: "light",
    viewport: { width: 1100, height: 900 },
  });
  contexts.push(context);
  const page = await context.newPage();
  const result: Visit = { page, consoleErrors: [], pageErrors: [], dialogs: [], requests: [] };
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") result.consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => result.pageErrors.push(error.message));
  page.on("dialog", (dialog) => {
    result.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on("request", (request) => result.requests.push(request.url()));
  await page.goto(fileUrl, { waitUntil: "load" });
  return result;
}

function both(): [string, Visit][] {
  return [
    ["with its Content-Security-Policy", visits.strict as Visit],
    ["with the policy bypassed", visits.bypassed as Visit],
  ];
}

function skipWithoutChromium(context: TestContext): void {
  const reason = availability !== undefined && "skipReason" in availability ? availability.skipReason : undefined;
  context.skip(reason !== undefined, reason);
}

describe("the HTML report in headless Chromium", () => {
  beforeAll(async () => {
    availability = await ensureChromium();
    if ("skipReason" in availability) return;
    directory = mkdtempSync(join(tmpdir(), "mlgate-report-"));
    const file = join(directory, "report.html");
    writeFileSync(file, renderHtml(report()));
    fileUrl = pathToFileURL(file).href;
    browser = await chromium.launch({ executablePath: availability.executablePath, args: ["--no-sandbox"] });
    visits.strict = await visit(false);
    visits.bypassed = await visit(true);
  }, 300_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    if (directory !== undefined) rmSync(directory, { recursive: true, force: true });
  });

  it("loads without console errors, page errors or dialogs, and requests nothing but the file", (context) => {
    skipWithoutChromium(context);
    for (const [name, { consoleErrors, pageErrors, dialogs, requests }] of both()) {
      expect(consoleErrors, `${name}: console errors and warnings`).toEqual([]);
      expect(pageErrors, `${name}: page errors`).toEqual([]);
      expect(dialogs, `${name}: dialogs`).toEqual([]);
      expect(requests, `${name}: requests`).toEqual([fileUrl]);
    }
  });

  it("shows hostile text as text: no script, image, link or injected SVG element", async (context) => {
    skipWithoutChromium(context);
    for (const [name, { page }] of both()) {
      const found = await page.evaluate(() => ({
        injected: document.querySelectorAll("script, img, iframe, object, embed, link, body style, svg:not(.chart)")
          .length,
        text: document.body.textContent ?? "",
        title: document.title,
      }));
      expect(found.injected, `${name}: injected elements`).toBe(0);
      expect(found.title).toBe(`evaluate: churn ${SCRIPT}`);
      for (const hostile of [SCRIPT, IMG, SVG, REMOTE]) expect(found.text, name).toContain(hostile);
    }
  });

  it("draws every chart: a non-empty box, polylines inside the view box, styled by the page's CSS", async (context) => {
    skipWithoutChromium(context);
    const { page } = visits.strict as Visit;
    const charts = await page.evaluate(() =>
      Array.from(document.querySelectorAll<SVGSVGElement>("svg.chart")).map((svg) => {
        const box = svg.getBoundingClientRect();
        const view = svg.viewBox.baseVal;
        const lines = Array.from(svg.querySelectorAll<SVGPolylineElement>("polyline")).map((line) => {
          const points = Array.from({ length: line.points.numberOfItems }, (_, index) => line.points.getItem(index));
          const lineBox = line.getBoundingClientRect();
          const style = getComputedStyle(line);
          return {
            points: points.length,
            inside: points.every(
              (point) =>
                point.x >= view.x &&
                point.x <= view.x + view.width &&
                point.y >= view.y &&
                point.y <= view.y + view.height,
            ),
            onScreen:
              lineBox.left >= box.left - 2 &&
              lineBox.right <= box.right + 2 &&
              lineBox.top >= box.top - 2 &&
              lineBox.bottom <= box.bottom + 2,
            stroke: style.stroke,
            fill: style.fill,
          };
        });
        return {
          label: svg.getAttribute("aria-label"),
          width: box.width,
          height: box.height,
          lines,
          bars: svg.querySelectorAll("rect").length,
          markers: svg.querySelectorAll("circle").length,
          references: svg.querySelectorAll("line.reference").length,
        };
      }),
    );
    expect(charts.map((chart) => chart.label)).toEqual([
      `score distribution ${SCRIPT}`,
      `ROC ${SCRIPT}`,
      "Precision-recall",
      "Calibration",
      "ROC AUC by version",
    ]);
    for (const chart of charts) {
      expect(chart.width, `${chart.label} width`).toBeGreaterThan(100);
      expect(chart.height, `${chart.label} height`).toBeGreaterThan(100);
      for (const line of chart.lines) {
        expect(line.inside, `${chart.label}: a polyline point outside the view box`).toBe(true);
        expect(line.onScreen, `${chart.label}: a polyline drawn outside the chart`).toBe(true);
        expect(line.stroke).toMatch(/^rgb\(/);
        expect(line.fill).toBe("none");
      }
    }
    const [bars, roc, pr, calibration, history] = charts as (typeof charts)[number][];
    expect(bars?.bars).toBe(8);
    expect(roc?.lines).toHaveLength(2);
    expect(roc?.lines.every((line) => line.points > 20 && line.points <= 200)).toBe(true);
    expect(roc?.references).toBe(1);
    expect(pr?.lines).toHaveLength(1);
    expect(pr?.references).toBe(1);
    expect(calibration?.markers).toBe(10);
    // v1–v2 and v4–v5 for roc_auc (v3 is missing), v1–v5 for the other series
    expect(history?.lines.map((line) => line.points)).toEqual([2, 2, 5]);
    expect(history?.markers).toBe(9);
  });

  it("shows every legend entry, hostile names as text", async (context) => {
    skipWithoutChromium(context);
    const { page } = visits.strict as Visit;
    const legends = page.locator("ul.legend li");
    const texts = await legends.allInnerTexts();
    expect(texts).toEqual([
      "champion",
      SVG,
      `challenger ${IMG}`,
      "champion",
      "challenger",
      `prevalence ${SVG}`,
      "challenger",
      "roc_auc",
      REMOTE,
    ]);
    for (const item of await legends.all()) {
      await expect.poll(() => item.isVisible()).toBe(true);
      const box = await item.boundingBox();
      expect(box?.width).toBeGreaterThan(10);
      expect(box?.height).toBeGreaterThan(5);
    }
  });

  it("paints the page and its charts: a screenshot is not blank, the curves show in their colours", async (context) => {
    skipWithoutChromium(context);
    const { page } = visits.strict as Visit;
    const screenshot = readPng(await page.screenshot({ fullPage: true }));
    const counts = colourCounts(screenshot);
    const dominant = Math.max(...counts.values());
    expect(counts.size).toBeGreaterThan(50);
    expect(dominant / (screenshot.width * screenshot.height)).toBeLessThan(0.97);

    const roc = readPng(await page.locator("svg.chart").nth(1).screenshot());
    expect(colourCounts(roc).size).toBeGreaterThan(10);
    expect(pixelsNear(roc, SERIES_0)).toBeGreaterThan(50);
    expect(pixelsNear(roc, SERIES_1)).toBeGreaterThan(50);
    const history = readPng(await page.locator("svg.chart").nth(4).screenshot());
    expect(pixelsNear(history, SERIES_0)).toBeGreaterThan(50);
  });
});
