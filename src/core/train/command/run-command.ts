/**
 * Runs a training command through the shell, streaming its output line by line as it comes, with a
 * timeout that stops the whole process group (a command's own children included), and keeps the
 * last lines to show when it fails.
 */
import { spawn } from "node:child_process";
import { LineSplitter } from "./line-splitter.js";

export const KEPT_LINES = 30;
/** after SIGTERM, how long a command may take to clean up before SIGKILL */
const GRACE_MS = 5000;

export interface CommandOptions {
  command: string;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  timeoutMs?: number;
  onLine: (line: string, stream: "stdout" | "stderr") => void;
}

export interface CommandResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  /** the last KEPT_LINES lines of output, both streams in arrival order */
  lastLines: string[];
  durationMs: number;
}

export function runCommand(options: CommandOptions): Promise<CommandResult> {
  const started = performance.now();
  const lastLines: string[] = [];
  const child = spawn(options.command, {
    cwd: options.cwd,
    env: options.env,
    shell: true,
    detached: process.platform !== "win32",
    stdio: ["ignore", "pipe", "pipe"],
  });
  const splitter = (stream: "stdout" | "stderr") =>
    new LineSplitter((line) => {
      lastLines.push(line);
      if (lastLines.length > KEPT_LINES) lastLines.shift();
      options.onLine(line, stream);
    });
  const out = splitter("stdout");
  const err = splitter("stderr");
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => out.push(chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => err.push(chunk));

  let timedOut = false;
  const timers: NodeJS.Timeout[] = [];
  if (options.timeoutMs !== undefined) {
    timers.push(
      setTimeout(() => {
        timedOut = true;
        stopGroup(child.pid, "SIGTERM");
        timers.push(setTimeout(() => stopGroup(child.pid, "SIGKILL"), GRACE_MS));
      }, options.timeoutMs),
    );
  }
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (exitCode, signal) => {
      for (const timer of timers) clearTimeout(timer);
      out.end();
      err.end();
      if (timedOut) stopGroup(child.pid, "SIGKILL");
      resolve({ exitCode, signal, timedOut, lastLines, durationMs: performance.now() - started });
    });
  });
}

/** The command's process group on POSIX (it was started detached, as its leader); the process on Windows. */
function stopGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(process.platform === "win32" ? pid : -pid, signal);
  } catch {
    // already gone
  }
}
