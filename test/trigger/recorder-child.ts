/** Starts recorder-process.ts and collects what it recorded. */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { RecordedRequest } from "../hosts/github/fake-github-api.js";

const script = fileURLToPath(new URL("./recorder-process.ts", import.meta.url));
const root = fileURLToPath(new URL("../..", import.meta.url));

export interface RecorderChild {
  url: string;
  requests: RecordedRequest[];
  close(): void;
}

export function startRecorderChild(): Promise<RecorderChild> {
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const requests: RecordedRequest[] = [];
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the recorder exited (${code}) before listening`)));
    createInterface({ input: child.stdout }).on("line", (line) => {
      if (line.startsWith("request ")) requests.push(JSON.parse(line.slice("request ".length)) as RecordedRequest);
      else if (line.startsWith("listening ")) {
        resolve({ url: line.slice("listening ".length), requests, close: () => child.kill() });
      }
    });
  });
}
