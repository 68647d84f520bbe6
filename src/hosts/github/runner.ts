/**
 * The GitHub Actions runner protocol, spoken directly: inputs from `INPUT_*`, outputs and the step
 * summary appended to the files the runner names, and workflow commands on stdout
 * (https://docs.github.com/actions/reference/workflow-commands-for-github-actions).
 * @actions/core does the same but loads its HTTP client, exec and io on every start, which alone
 * costs more than the cold-start budget of a task.
 */
import { randomUUID } from "node:crypto";
import { appendFileSync } from "node:fs";
import { EOL } from "node:os";

type Env = Readonly<Record<string, string | undefined>>;

export interface Annotation {
  file?: string;
  line?: number;
  column?: number;
}

/** What @actions/core's getInput reads: `INPUT_<NAME>` with spaces as underscores, upper-cased, trimmed. */
export function getInput(env: Env, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] ?? "").trim();
}

export function setOutput(env: Env, name: string, value: string): void {
  const file = env.GITHUB_OUTPUT;
  if (!file) {
    // a runner older than the output file
    issueCommand("set-output", { name }, value);
    return;
  }
  const delimiter = `ghadelimiter_${randomUUID()}`;
  appendFileSync(file, `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`, "utf8");
}

export function appendSummary(env: Env, markdown: string): boolean {
  if (!env.GITHUB_STEP_SUMMARY) return false;
  appendFileSync(env.GITHUB_STEP_SUMMARY, `${markdown}${EOL}`, "utf8");
  return true;
}

export function isDebug(env: Env): boolean {
  return env.RUNNER_DEBUG === "1";
}

export const command = {
  mask: (secret: string) => issueCommand("add-mask", {}, secret),
  debug: (message: string) => issueCommand("debug", {}, message),
  warning: (message: string, at?: Annotation) => issueCommand("warning", properties(at), message),
  error: (message: string, at?: Annotation) => issueCommand("error", properties(at), message),
  startGroup: (title: string) => issueCommand("group", {}, title),
  endGroup: () => issueCommand("endgroup", {}, ""),
};

function properties(at: Annotation | undefined): Record<string, string | number | undefined> {
  return at ? { file: at.file, line: at.line, col: at.column } : {};
}

function issueCommand(name: string, props: Record<string, string | number | undefined>, message: string): void {
  const given = Object.entries(props).filter(([, value]) => value !== undefined && value !== "");
  const head =
    given.length > 0 ? ` ${given.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(",")}` : "";
  process.stdout.write(`::${name}${head}::${escapeData(message)}${EOL}`);
}

function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
