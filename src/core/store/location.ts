/** Parses the `registry` input: a folder, `file://…`, `az://<container>/<prefix>` or a blob URL. */
import { isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { InputError } from "../errors.js";

export type RegistryLocation =
  | { kind: "file"; root: string }
  /** account comes from the connection string or AZURE_STORAGE_ACCOUNT */
  | { kind: "az"; container: string; prefix: string }
  /** endpoint: `https://<account>.blob.core.windows.net` or Azurite's `http://127.0.0.1:10000/<account>` */
  | { kind: "url"; endpoint: string; account: string; container: string; prefix: string };

export const EXPECTED_FORMS =
  "use a folder path, file://<path>, az://<container>/<prefix> or https://<account>.blob.core.windows.net/<container>/<prefix>";

const CONTAINER = /^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;
const ACCOUNT = /^[a-z0-9]{3,24}$/;
const PREFIX_SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;
const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

export function parseRegistryLocation(location: string, workspace: string): RegistryLocation {
  const text = location.trim();
  if (!text) throw invalid("the registry location is empty");
  if (/^file:/i.test(text)) {
    try {
      return { kind: "file", root: fileURLToPath(text) };
    } catch {
      throw invalid(`${JSON.stringify(text)} is not a valid file:// URL`);
    }
  }
  if (/^az:\/\//i.test(text)) {
    const [container = "", ...rest] = text.slice("az://".length).split("/");
    return { kind: "az", container: checkContainer(container, text), prefix: checkPrefix(rest, text) };
  }
  if (/^https?:\/\//i.test(text)) return parseBlobUrl(text);
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(text)) {
    throw invalid(`unsupported registry location ${JSON.stringify(text.replace(/\?.*$/, ""))}`);
  }
  return { kind: "file", root: isAbsolute(text) ? text : resolve(workspace, text) };
}

function parseBlobUrl(text: string): RegistryLocation {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid(`${JSON.stringify(text.replace(/\?.*$/, ""))} is not a valid URL`);
  }
  const shown = `${url.origin}${url.pathname}`;
  if (url.search || url.username || url.password) {
    throw invalid(
      `the registry location ${shown} carries credentials; put them in AZURE_STORAGE_CONNECTION_STRING instead`,
    );
  }
  const segments = url.pathname.split("/").slice(1);
  let account: string;
  let endpoint: string;
  if (LOOPBACK.has(url.hostname)) {
    // Azurite and other emulators: the account is the first path segment
    account = segments.shift() ?? "";
    endpoint = `${url.origin}/${account}`;
  } else {
    const match = /^([^.]+)\.blob\./.exec(url.hostname);
    if (!match) throw invalid(`${shown} is not a blob storage URL (<account>.blob.core.windows.net)`);
    account = match[1] ?? "";
    endpoint = url.origin;
  }
  if (!ACCOUNT.test(account)) {
    throw invalid(
      `${JSON.stringify(account)} in ${shown} is not a storage account name (3–24 lowercase letters and digits)`,
    );
  }
  const [container = "", ...rest] = segments;
  return {
    kind: "url",
    endpoint,
    account,
    container: checkContainer(container, shown),
    prefix: checkPrefix(rest, shown),
  };
}

function checkContainer(container: string, shown: string): string {
  if (!CONTAINER.test(container)) {
    const name = container ? `container name ${JSON.stringify(container)}` : "no container name";
    throw invalid(
      `${JSON.stringify(shown)} has ${name}: containers are 3–63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit`,
    );
  }
  return container;
}

/** Returns "" or the prefix with a trailing `/`. */
function checkPrefix(segments: string[], shown: string): string {
  const parts = segments.filter((segment, index) => segment !== "" || index < segments.length - 1);
  for (const part of parts) {
    if (!PREFIX_SEGMENT.test(part)) {
      throw invalid(
        `${JSON.stringify(shown)} has an invalid path segment ${JSON.stringify(part)}: use letters, digits, '.', '_' and '-', not starting with '.'`,
      );
    }
  }
  return parts.length ? `${parts.join("/")}/` : "";
}

function invalid(problem: string): InputError {
  return new InputError(problem, { key: "registry" }, EXPECTED_FORMS);
}
