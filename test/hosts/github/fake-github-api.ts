/**
 * A local stand-in for the GitHub REST API's issue comments, on node:http: it pages like GitHub
 * (per_page/page, Link headers) and records every request for checking against the OpenAPI
 * description.
 */
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

export interface IssueComment {
  id: number;
  body: string;
}

export interface FakeGitHubOptions {
  comments?: IssueComment[];
  /** answer writes (POST, PATCH) with this status, as GitHub does for a read-only token */
  refuseWritesWith?: number;
}

export interface FakeGitHub {
  url: string;
  requests: RecordedRequest[];
  comments: IssueComment[];
  close(): Promise<void>;
}

const listOrCreate = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/;
const updateOne = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/;

export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const comments = [...(options.comments ?? [])];
  const requests: RecordedRequest[] = [];
  let nextId = Math.max(1000, ...comments.map((comment) => comment.id)) + 1;

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const request = await recordRequest(req);
    requests.push(request);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
      res.end(JSON.stringify(body));
    };
    const body = request.body as { body?: string } | undefined;
    if (request.method !== "GET" && options.refuseWritesWith) {
      send(options.refuseWritesWith, {
        message: "Resource not accessible by integration",
        documentation_url: "https://docs.github.com/rest/issues/comments",
        status: String(options.refuseWritesWith),
      });
    } else if (request.method === "GET" && listOrCreate.test(url.pathname)) {
      const perPage = Number(url.searchParams.get("per_page") ?? 30);
      const page = Number(url.searchParams.get("page") ?? 1);
      const lastPage = Math.max(1, Math.ceil(comments.length / perPage));
      const pageUrl = (n: number) => {
        const link = new URL(url);
        link.host = req.headers.host ?? link.host;
        link.searchParams.set("page", String(n));
        return `<${link.href}>`;
      };
      const links = page < lastPage ? [`${pageUrl(page + 1)}; rel="next"`, `${pageUrl(lastPage)}; rel="last"`] : [];
      send(
        200,
        comments.slice((page - 1) * perPage, page * perPage).map(commentJson),
        links.length > 0 ? { link: links.join(", ") } : {},
      );
    } else if (request.method === "POST" && listOrCreate.test(url.pathname) && body?.body !== undefined) {
      const created = { id: nextId++, body: body.body };
      comments.push(created);
      send(201, commentJson(created));
    } else if (request.method === "PATCH" && updateOne.test(url.pathname) && body?.body !== undefined) {
      const id = Number(updateOne.exec(url.pathname)?.[1]);
      const comment = comments.find((candidate) => candidate.id === id);
      if (!comment) return send(404, { message: "Not Found" });
      comment.body = body.body;
      send(200, commentJson(comment));
    } else {
      send(404, { message: "Not Found" });
    }
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    comments,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function commentJson(comment: IssueComment) {
  return { id: comment.id, body: comment.body, user: { login: "github-actions[bot]", type: "Bot" } };
}

/** A request as the OpenAPI checker takes it: method, path, query, headers and the JSON body. */
export async function recordRequest(req: http.IncomingMessage): Promise<RecordedRequest> {
  const url = new URL(req.url ?? "/", "http://localhost");
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return {
    method: req.method ?? "",
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: req.headers,
    body: text ? JSON.parse(text) : undefined,
  };
}
