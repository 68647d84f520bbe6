/**
 * A local stand-in for the Azure DevOps pull-request threads API. MockTestRunner runs the task with
 * spawnSync, which blocks the test's event loop, so the stand-in runs in its own process:
 * `node --import tsx fake-azure-devops.ts '<config>'` prints `listening <port>` and serves the
 * requests it recorded at GET /__recorded.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization?: string;
  body: unknown;
}

export interface Thread {
  id: number;
  status?: number | string;
  comments: { id: number; parentCommentId?: number; content?: string; commentType?: number | string }[];
}

export interface FakeAzureDevOpsConfig {
  threads: Thread[];
  /** answer every API call with this status (a read-only token, an outage) */
  failWith?: number;
}

const threadsPath = /^\/[^/]+\/[^/]+\/_apis\/git\/repositories\/[^/]+\/pullRequests\/\d+\/threads$/;
const commentPath =
  /^(\/[^/]+\/[^/]+\/_apis\/git\/repositories\/[^/]+\/pullRequests\/\d+\/threads)\/(\d+)\/comments\/(\d+)$/;

function serve(config: FakeAzureDevOpsConfig): http.Server {
  const threads = config.threads;
  const recorded: RecordedRequest[] = [];
  return http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === "/__recorded") return send(200, recorded);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const request: RecordedRequest = {
      method: req.method ?? "",
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      authorization: req.headers.authorization,
      body: text ? JSON.parse(text) : undefined,
    };
    recorded.push(request);
    if (config.failWith)
      return send(config.failWith, { message: "TF401027: You need the Git 'PullRequestContribute' permission." });
    if (request.method === "GET" && threadsPath.test(url.pathname))
      return send(200, { value: threads, count: threads.length });
    if (request.method === "POST" && threadsPath.test(url.pathname)) {
      const created = request.body as Omit<Thread, "id">;
      const thread: Thread = {
        ...created,
        id: Math.max(0, ...threads.map((t) => t.id)) + 1,
        comments: created.comments.map((c, i) => ({ ...c, id: i + 1 })),
      };
      threads.push(thread);
      return send(200, thread);
    }
    const target = commentPath.exec(url.pathname);
    if (request.method === "PATCH" && target) {
      const comment = threads.find((t) => t.id === Number(target[2]))?.comments.find((c) => c.id === Number(target[3]));
      if (!comment) return send(404, { message: "comment not found" });
      comment.content = (request.body as { content: string }).content;
      return send(200, comment);
    }
    send(404, { message: "no such route" });
  });
}

const config = process.argv[2];
if (config) {
  const server = serve(JSON.parse(config) as FakeAzureDevOpsConfig);
  server.listen(0, "127.0.0.1", () => {
    process.stdout.write(`listening ${(server.address() as AddressInfo).port}\n`);
  });
}
