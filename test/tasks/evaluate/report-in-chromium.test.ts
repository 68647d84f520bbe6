/**
 * The HTML report evaluate-against-champion writes, opened in headless Chromium (Debian's package,
 * installed when missing; skipped loudly only without apt-get): it loads with no errors and no
 * requests, and draws the ROC, precision-recall and calibration curves of both models.
 */
import { pathToFileURL } from "node:url";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jsonOutputs, runCli } from "../../cli/run-cli.js";
import { type ChromiumAvailability, ensureChromium } from "../../report/chromium-helper.js";
import { trainedWorkspace } from "./workspace.js";

let availability: ChromiumAvailability | undefined;
let browser: Browser | undefined;
let report = "";

describe("the evaluate HTML report in headless Chromium", () => {
  beforeAll(async () => {
    const cwd = trainedWorkspace();
    const register = ["register", "--model", "v1/model.onnx", "--name", "churn", "--alias", "production", "--json"];
    expect(runCli(register, { cwd }).status).toBe(0);
    const evaluate = ["evaluate-against-champion", "--challenger", "v2/model.onnx", "--model", "churn"];
    const run = runCli([...evaluate, "--data", "holdout.csv", "--label", "churned", "--json"], { cwd });
    report = jsonOutputs(run).report as string;
    availability = await ensureChromium();
    if ("executablePath" in availability) {
      browser = await chromium.launch({ executablePath: availability.executablePath, args: ["--no-sandbox"] });
    }
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
  });

  it("draws the three curves for both models, with no errors and no requests", async (context) => {
    context.skip(browser === undefined, availability && "skipReason" in availability ? availability.skipReason : "");
    const page = await (browser as Browser).newPage({ viewport: { width: 1100, height: 900 } });
    const problems: string[] = [];
    const requests: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(message.text());
    });
    page.on("pageerror", (error) => problems.push(error.message));
    page.on("request", (request) => requests.push(request.url()));
    const url = pathToFileURL(report).href;
    await page.goto(url, { waitUntil: "load" });
    expect(problems).toEqual([]);
    expect(requests).toEqual([url]);
    const figures = await page.$$eval("figure", (nodes) =>
      nodes.map((node) => {
        const box = node.getBoundingClientRect();
        return {
          caption: node.querySelector("figcaption")?.textContent ?? "",
          lines: node.querySelectorAll("polyline").length,
          width: box.width,
          height: box.height,
          legend: node.textContent ?? "",
        };
      }),
    );
    for (const title of ["ROC curve", "Precision-recall curve", "Calibration"]) {
      const figure = figures.find((each) => each.caption.startsWith(title));
      expect(figure, title).toBeDefined();
      expect(figure?.lines, title).toBeGreaterThanOrEqual(2);
      expect(figure?.width, title).toBeGreaterThan(200);
      expect(figure?.height, title).toBeGreaterThan(150);
      expect(figure?.legend).toContain("v2/model.onnx");
      expect(figure?.legend).toContain("churn@1");
    }
    expect(await page.textContent("body")).toContain("promote v2/model.onnx");
    await page.close();
  });
});
