/**
 * Blob data sources as users write them: `az://<container>/<path-or-glob>`,
 * `https://<account>.blob.core.windows.net/<container>/<path-or-glob>[?<SAS>]`, or Azurite's
 * `http://127.0.0.1:<port>/<account>/<container>/...`. Parsing needs no Azure SDK. A SAS token is a
 * credential: it is kept apart and never shown.
 */
import { InputError } from "../errors.js";
import type { BlobAccountLocation } from "../store/blob-connect.js";

export interface BlobPattern {
  account: BlobAccountLocation;
  container: string;
  /** a blob name, or a glob over blob names */
  path: string;
  /** the SAS token of a URL, without its '?' */
  sas?: string;
  /** the pattern as the user wrote it, without any query */
  shown: string;
  /** what a blob name follows when shown: `az://<container>/` or `<endpoint>/<container>/` */
  shownBase: string;
}

const CONTAINER = /^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;
const ACCOUNT = /^[a-z0-9]{3,24}$/;
const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);
const FORMS = "use az://<container>/<path> or https://<account>.blob.core.windows.net/<container>/<path>";

export function isBlobPattern(text: string): boolean {
  return /^(?:az|https?):\/\//i.test(text);
}

export function parseBlobPattern(text: string): BlobPattern {
  if (/^az:\/\//i.test(text)) {
    const [container = "", ...path] = text.slice("az://".length).split("/");
    return checked({
      account: { kind: "az" },
      container,
      path: path.join("/"),
      shown: text,
      shownBase: `az://${container}/`,
    });
  }
  const match = /^(https?:\/\/([^/?#]+))([^?#]*)(?:\?([^#]*))?/i.exec(text);
  const origin = match?.[1] ?? "";
  const shown = `${origin}${match?.[3] ?? ""}`;
  const host = (match?.[2] ?? "").replace(/:\d+$/, "").toLowerCase();
  const segments = (match?.[3] ?? "").split("/").slice(1);
  let account: string;
  let endpoint: string;
  if (LOOPBACK.has(host)) {
    // Azurite and other emulators: the account is the first path segment
    account = segments.shift() ?? "";
    endpoint = `${origin}/${account}`;
  } else {
    account = /^([^.]+)\.blob\./.exec(host)?.[1] ?? "";
    endpoint = origin;
  }
  if (!ACCOUNT.test(account)) {
    throw new InputError("is not a blob storage URL with a storage account name", { file: shown }, FORMS);
  }
  const [container = "", ...path] = segments;
  let decoded: string;
  try {
    decoded = path.map(decodeURIComponent).join("/");
  } catch {
    throw new InputError("has an invalid %-escape in its path", { file: shown }, FORMS);
  }
  const sas = match?.[4] || undefined;
  return checked({
    account: { kind: "url", endpoint, account },
    container,
    path: decoded,
    sas,
    shown,
    shownBase: `${endpoint}/${container}/`,
  });
}

function checked(pattern: BlobPattern): BlobPattern {
  if (!CONTAINER.test(pattern.container)) {
    throw new InputError(
      pattern.container ? `has an invalid container name ${JSON.stringify(pattern.container)}` : "names no container",
      { file: pattern.shown },
      `${FORMS}; containers are 3–63 lowercase letters, digits and single hyphens`,
    );
  }
  if (pattern.path === "" || pattern.path.endsWith("/")) {
    throw new InputError(
      "names a folder, not files",
      { file: pattern.shown },
      `name the blobs, or a glob such as ${pattern.shown.replace(/\/?$/, "/")}*.csv`,
    );
  }
  return pattern;
}
