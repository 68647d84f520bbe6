/**
 * Turns Azure Storage failures into the error contract: credentials, permissions and unreachable
 * endpoints are bad environment (InputError naming the `registry` key and the fix); anything else
 * stays an Error. No message ever carries an account key, SAS token or connection string.
 */
import { InputError } from "../errors.js";

const UNREACHABLE = new Set(["ENOTFOUND", "ECONNREFUSED", "EAI_AGAIN", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH"]);
const CREDENTIAL_ERRORS = new Set([
  "CredentialUnavailableError",
  "AuthenticationError",
  "AggregateAuthenticationError",
]);

export interface StorageFailure {
  statusCode?: number;
  code?: string;
  name?: string;
  message?: string;
  details?: { errorCode?: string };
}

export function storageStatus(error: unknown): number | undefined {
  return (error as StorageFailure | undefined)?.statusCode;
}

export function storageCode(error: unknown): string | undefined {
  const failure = error as StorageFailure | undefined;
  return failure?.details?.errorCode ?? failure?.code;
}

/** Where the error happened and how the caller authenticates, for the one-line message. */
export interface FailureContext {
  location: string;
  /** e.g. "check AZURE_STORAGE_CONNECTION_STRING (account name and key)" */
  credentialFix: string;
}

export function toStoreError(error: unknown, context: FailureContext, operation: string): Error {
  if (error instanceof InputError) return error;
  const status = storageStatus(error);
  const code = storageCode(error);
  const name = (error as StorageFailure | undefined)?.name ?? "";
  const where = { key: "registry" };
  if (status === 401 || status === 403) {
    return new InputError(
      `access to ${context.location} was denied (${status}${code ? ` ${code}` : ""})`,
      where,
      context.credentialFix,
    );
  }
  if (CREDENTIAL_ERRORS.has(name)) {
    return new InputError(`no usable Azure credential for ${context.location}`, where, context.credentialFix);
  }
  if (status === undefined && code !== undefined && UNREACHABLE.has(code)) {
    return new InputError(
      `cannot reach the storage account of ${context.location} (${code})`,
      where,
      "check the account name in the registry location or connection string, and the network",
    );
  }
  const detail = scrubSecrets(firstLine((error as StorageFailure | undefined)?.message ?? String(error)));
  return new Error(`${context.location}: ${operation} failed (${status ?? code ?? name}): ${detail}`);
}

/** Removes account keys, SAS signatures and whole connection strings from a message. */
export function scrubSecrets(text: string): string {
  return text
    .replace(/(AccountKey|SharedAccessSignature|SharedAccessKey)=[^;\s]*/gi, "$1=***")
    .replace(/([?&]sig=)[^&\s]*/gi, "$1***");
}

function firstLine(text: string): string {
  return text.split("\n")[0] ?? "";
}
