import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { appendSummary, command, getInput, setOutput } from "../../../src/hosts/github/runner.js";

describe("the GitHub runner protocol", () => {
  afterEach(() => vi.restoreAllMocks());

  it("reads INPUT_ variables as the runner names them, trimmed", () => {
    expect(getInput({ "INPUT_ALLOW-DUPLICATE": "  true \n" }, "allow-duplicate")).toBe("true");
    expect(getInput({ INPUT_MY_INPUT: "x" }, "my input")).toBe("x");
    expect(getInput({}, "absent")).toBe("");
  });

  it("writes multi-line outputs with a fresh heredoc delimiter the runner can parse", () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "mlgate-gh-")), "output");
    writeFileSync(file, "");
    setOutput({ GITHUB_OUTPUT: file }, "report", "line 1\nline 2");
    setOutput({ GITHUB_OUTPUT: file }, "version", "3");
    const parsed = parseOutputFile(readFileSync(file, "utf8"));
    expect(parsed).toEqual({ report: "line 1\nline 2", version: "3" });
  });

  it("appends the step summary and says when there is no summary file", () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "mlgate-gh-")), "summary");
    expect(appendSummary({ GITHUB_STEP_SUMMARY: file }, "# one")).toBe(true);
    expect(appendSummary({ GITHUB_STEP_SUMMARY: file }, "# two")).toBe(true);
    expect(readFileSync(file, "utf8")).toBe("# one\n# two\n");
    expect(appendSummary({}, "# lost")).toBe(false);
  });

  it("escapes command data and properties so data cannot end or extend a command", () => {
    const written: string[] = [];
    vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    command.warning("50% done\nnext::error::x", { file: "a:b,c.csv", line: 3, column: 7 });
    command.mask("s3cr3t");
    expect(written).toEqual([
      "::warning file=a%3Ab%2Cc.csv,line=3,col=7::50%25 done%0Anext::error::x\n",
      "::add-mask::s3cr3t\n",
    ]);
  });
});

/** The runner's own reading of GITHUB_OUTPUT: `name<<DELIMITER`, value lines, `DELIMITER`. */
function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split("\n");
  for (let index = 0; index < lines.length; index++) {
    const match = /^([^<]+)<<(.+)$/.exec(lines[index] ?? "");
    if (!match) continue;
    const [, name = "", delimiter] = match;
    const end = lines.indexOf(delimiter ?? "", index + 1);
    outputs[name] = lines.slice(index + 1, end).join("\n");
    index = end;
  }
  return outputs;
}
