/**
 * One POST to a CI system's REST API, bounded by a timeout, with every failure turned into one
 * InputError line (exit 2) that says what happened and what to do. The token goes only into the
 * Authorization header: messages are built from the status and the server's own `message`, with
 * any echo of the token blanked.
 */
import { InputError } from "../errors.js";

export const defaultTimeoutMs = 30_000;
/** A server's message is quoted, but never at length. */
const maxQuoted = 300;

export interface Post {
  service: "GitHub" | "Azure DevOps";
  /** what the call does, for messages: `workflow_dispatch of retrain.yml on main in octo/models` */
  what: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  token: string;
  /** the trigger input, named by every error */
  key: string;
  timeoutMs: number;
  /** what to do about a refusal with this status, if anything is known */
  fix(status: number): string | undefined;
}

export async function post(call: Post): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(call.url, {
      method: "POST",
      headers: { ...call.headers, Authorization: `Bearer ${call.token}`, "Content-Type": "application/json" },
      body: JSON.stringify(call.body),
      signal: AbortSignal.timeout(call.timeoutMs),
    });
  } catch (error) {
    throw new InputError(
      unreachable(call, error),
      { key: call.key },
      "check the API address and the network, then run again",
    );
  }
  // 203 is how Azure DevOps answers a token it does not accept: with a sign-in page
  if (response.ok && response.status !== 203) return response;
  const said = quote(await response.text().catch(() => ""), call.token);
  throw new InputError(
    `${call.service} answered ${response.status} to ${call.what}${said ? ` (${said})` : ""}`,
    { key: call.key },
    call.fix(response.status) ?? (response.status >= 500 ? `${call.service} failed; run again later` : undefined),
  );
}

function unreachable(call: Post, error: unknown): string {
  if (error instanceof Error && error.name === "TimeoutError")
    return `${call.service} did not answer ${call.what} within ${call.timeoutMs / 1000} s`;
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  const reason = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
  return `could not reach ${call.service} at ${new URL(call.url).origin} for ${call.what}: ${blank(String(reason), call.token)}`;
}

/** The `message` of a JSON error body (both APIs send one), on one line; not a sign-in page or other HTML. */
function quote(body: string, token: string): string {
  let message: unknown;
  try {
    message = (JSON.parse(body) as { message?: unknown } | null)?.message;
  } catch {
    return "";
  }
  if (typeof message !== "string") return "";
  const line = blank(message, token).replace(/\s+/g, " ").trim();
  return line.length > maxQuoted ? `${line.slice(0, maxQuoted - 1)}…` : line;
}

function blank(text: string, token: string): string {
  return token ? text.split(token).join("***") : text;
}
