/**
 * A server under load in `npm run bench -- serve`: started as a process of its own with its stdout and stderr
 * going to a file (nothing in the bench drains them, so a chatty server never blocks on a full pipe and costs
 * the bench no CPU), ready once it prints its `http://127.0.0.1:<port>` line; its CPU time and peak RSS read
 * from /proc (the process and every descendant), stopped with SIGTERM.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { closeSync, openSync, readdirSync, readFileSync } from "node:fs";
import { ROOT } from "../child-process.js";

const URL_PATTERN = /http:\/\/127\.0\.0\.1:(\d+)/;

export interface RunningServer {
  child: ChildProcess;
  pid: number;
  url: string;
  output: string;
  /** ms from spawn to the URL line */
  startMs: number;
}

export interface StartOptions {
  command: string;
  args: readonly string[];
  env: Record<string, string>;
  /** where stdout and stderr go */
  output: string;
  timeoutMs: number;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The last lines a server wrote, for a failure's reason. */
export function tail(file: string, lines = 3): string {
  try {
    return readFileSync(file, "utf8").trim().split("\n").slice(-lines).join(" / ").slice(0, 600);
  } catch {
    return "";
  }
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const fd = openSync(options.output, "w");
  const started = performance.now();
  const child = spawn(options.command, [...options.args], { cwd: ROOT, env: options.env, stdio: ["ignore", fd, fd] });
  closeSync(fd);
  let exited: string | undefined;
  child.on("exit", (code, signal) => {
    exited = `exited ${signal ?? code}`;
  });
  child.on("error", (error) => {
    exited = error.message;
  });
  while (performance.now() - started < options.timeoutMs) {
    const match = URL_PATTERN.exec(readFileSync(options.output, "utf8"));
    if (match) {
      return {
        child,
        pid: child.pid as number,
        url: match[0],
        output: options.output,
        startMs: performance.now() - started,
      };
    }
    if (exited) throw new Error(`${exited} before it was ready: ${tail(options.output)}`);
    await sleep(50);
  }
  child.kill("SIGKILL");
  throw new Error(`printed no http://127.0.0.1:<port> line in ${options.timeoutMs / 1000} s: ${tail(options.output)}`);
}

/** SIGTERM, then SIGKILL after `graceMs`; how long it took, and whether it stopped on its own. */
export async function stopServer(server: RunningServer, graceMs = 10_000): Promise<{ ms: number; graceful: boolean }> {
  const { child } = server;
  const start = performance.now();
  if (child.exitCode !== null || child.signalCode !== null) return { ms: 0, graceful: true };
  const exit = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const graceful = await Promise.race([exit.then(() => true), sleep(graceMs).then(() => false)]);
  if (!graceful) {
    child.kill("SIGKILL");
    await exit;
  }
  return { ms: performance.now() - start, graceful };
}

/** `pid` and every process below it, by /proc/<pid>/task/<tid>/children. */
function processTree(pid: number): number[] {
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) {
    const tasks = `/proc/${tree[i]}/task`;
    let tids: string[] = [];
    try {
      tids = readdirSync(tasks);
    } catch {
      continue;
    }
    for (const tid of tids) {
      try {
        const children = readFileSync(`${tasks}/${tid}/children`, "utf8").trim();
        if (children) tree.push(...children.split(/\s+/).map(Number));
      } catch {
        // the thread ended meanwhile
      }
    }
  }
  return tree;
}

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** CPU seconds (user + system) the process tree has used so far. */
export function cpuSeconds(pid: number): number {
  let ticks = 0;
  for (const member of processTree(pid)) {
    try {
      // the fields after the command name (which may hold spaces) in parentheses: utime and stime are the 12th and 13th
      const stat = readFileSync(`/proc/${member}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone meanwhile
    }
  }
  return ticks / clockTicks();
}

/** CPU seconds the whole machine has spent busy so far (every state but idle and iowait; steal included), from /proc/stat. */
export function machineBusySeconds(): number {
  const line = readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "";
  const [, user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = line.trim().split(/\s+/).map(Number);
  return (user + nice + system + irq + softirq + steal) / clockTicks();
}

/** Peak RSS in KB (VmHWM) summed over the process tree, and how many processes it has. */
export function peakRss(pid: number): { kb: number; processes: number } {
  let kb = 0;
  let processes = 0;
  for (const member of processTree(pid)) {
    try {
      const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${member}/status`, "utf8"));
      if (match) {
        kb += Number(match[1]);
        processes++;
      }
    } catch {
      // gone meanwhile
    }
  }
  return { kb, processes };
}
