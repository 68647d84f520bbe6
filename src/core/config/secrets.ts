/**
 * mlgate.yml is committed to the repository, so a credential in it is leaked the moment it is
 * pushed. Refuse secret-looking keys and values, without ever echoing the value.
 */
import { isMap, isScalar, isSeq, type Node } from "yaml";
import { InputError } from "../errors.js";
import { type ConfigSource, locate, scalarText } from "./source.js";

/** Whole words of a key (split at `-`, `_`, `.` and camelCase humps) that name a credential. */
const SECRET_WORDS = new Set(["password", "passwd", "pwd", "secret", "token", "sas", "credential", "credentials"]);
/** Word runs that name a credential only together: `connection-string`, `account_key`, `apiKey`. */
const SECRET_PHRASES = ["connectionstring", "accountkey", "accesskey", "apikey", "privatekey", "sharedkey"];

const SECRET_VALUES = [
  /AccountKey=/i,
  /SharedAccessSignature=/i,
  /SharedAccessKey=/i,
  /(^|[?&;\s])sig=/i,
  /(^|;)\s*password\s*=/i,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
];

const FIX =
  "use an environment variable / secret variable (AZURE_STORAGE_CONNECTION_STRING, a GitHub Actions secret or an Azure Pipelines secret variable or service connection) and remove it from the file";

export function isSecretKey(key: string): boolean {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[\s\-_.]+/)
    .filter(Boolean);
  const joined = words.join("");
  return words.some((word) => SECRET_WORDS.has(word)) || SECRET_PHRASES.some((phrase) => joined.includes(phrase));
}

export function isSecretValue(value: string): boolean {
  return SECRET_VALUES.some((pattern) => pattern.test(value));
}

/** Throws an InputError at the first secret-looking key or value. */
export function refuseSecrets(source: ConfigSource): void {
  walk(source, source.doc.contents as Node | null, []);
}

function walk(source: ConfigSource, node: Node | null, segments: string[]): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = scalarText(pair.key) ?? "";
      const path = [...segments, key];
      if (isSecretKey(key) || isSecretValue(key)) throw secretError(source, path, "key");
      walk(source, pair.value as Node | null, path);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => {
      walk(source, item as Node | null, [...segments, String(index)]);
    });
  } else if (isScalar(node) && typeof node.value === "string" && isSecretValue(node.value)) {
    throw secretError(source, segments, "value");
  }
}

function secretError(source: ConfigSource, segments: string[], at: "key" | "value"): InputError {
  const what = at === "key" ? "this key names a credential" : "this value looks like a credential";
  const where = locate(source, segments, at);
  // The key path itself may hold the credential (a connection string written as a key): never echo it.
  if (segments.some(isSecretValue)) where.key = undefined;
  return new InputError(`secrets do not belong in mlgate.yml (${what})`, where, FIX);
}
