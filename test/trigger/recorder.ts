/**
 * A local HTTP server on 127.0.0.1 that records every request (in the shape the GitHub OpenAPI
 * checker takes) and answers each with what the test scripted.
 */
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { type RecordedRequest, recordRequest } from "../hosts/github/fake-github-api.js";

export interface Answer {
  status: number;
  body?: unknown;
  /** raw text instead of JSON, e.g. a sign-in page */
  text?: string;
  /** wait this long before answering */
  delayMs?: number;
}

export interface Recorder {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startRecorder(answer: Answer | ((request: RecordedRequest) => Answer)): Promise<Recorder> {
  const requests: RecordedRequest[] = [];
  const server = http.createServer(async (req, res) => {
    const request = await recordRequest(req);
    requests.push(request);
    const reply = typeof answer === "function" ? answer(request) : answer;
    if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
    if (reply.text !== undefined) {
      res.writeHead(reply.status, { "content-type": "text/html; charset=utf-8" });
      res.end(reply.text);
    } else if (reply.body !== undefined) {
      res.writeHead(reply.status, { "content-type": "application/json; charset=utf-8" });
      res.end(JSON.stringify(reply.body));
    } else {
      res.writeHead(reply.status);
      res.end();
    }
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
