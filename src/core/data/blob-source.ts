/**
 * Blob data sources, streamed with the registry's credentials (or the URL's SAS token). Loaded only
 * when a source is a blob: the Azure SDK is most of the startup time.
 */
import type { TokenCredential } from "@azure/core-auth";
import { type BlobClient, ContainerClient } from "@azure/storage-blob";
import { InputError } from "../errors.js";
import { connectBlobService } from "../store/blob-connect.js";
import { scrubSecrets, storageCode, storageStatus } from "../store/blob-errors.js";
import type { BlobPattern } from "./blob-location.js";
import type { ByteSource } from "./byte-source.js";
import { globToRegExp, hasGlob, splitGlob } from "./glob.js";

export interface BlobSourceOptions {
  env: Readonly<Record<string, string | undefined>>;
  credential?: TokenCredential;
}

const SAS_FIX = "check the SAS token in the URL: read and list permissions, and not expired";
const UNREACHABLE = new Set(["ENOTFOUND", "ECONNREFUSED", "EAI_AGAIN", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH"]);
const CREDENTIAL_ERRORS = new Set([
  "CredentialUnavailableError",
  "AuthenticationError",
  "AggregateAuthenticationError",
]);

type Failure = (error: unknown, file: string) => Error;

export async function findBlobSources(pattern: BlobPattern, options: BlobSourceOptions): Promise<ByteSource[]> {
  const { container, credentialFix } = await connect(pattern, options);
  const fail: Failure = (error, file) => dataError(error, file, credentialFix);
  if (!hasGlob(pattern.path)) {
    const blob = container.getBlobClient(pattern.path);
    const properties = await blob.getProperties().catch((error: unknown) => {
      throw fail(error, pattern.shown);
    });
    return [blobSource(blob, pattern.shown, properties.contentLength ?? 0, fail)];
  }
  const { base, glob } = splitGlob(pattern.path);
  const prefix = base ? `${base}/` : "";
  const matcher = globToRegExp(glob);
  const found: ByteSource[] = [];
  try {
    for await (const item of container.listBlobsFlat({ prefix })) {
      if (!matcher.test(item.name.slice(prefix.length))) continue;
      const name = `${pattern.shownBase}${item.name}`;
      found.push(blobSource(container.getBlobClient(item.name), name, item.properties.contentLength ?? 0, fail));
    }
  } catch (error) {
    throw fail(error, pattern.shown);
  }
  if (found.length === 0) {
    throw new InputError("no blob matches", { file: pattern.shown }, "check the container and the pattern");
  }
  return found.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

async function connect(
  pattern: BlobPattern,
  options: BlobSourceOptions,
): Promise<{ container: ContainerClient; credentialFix: string }> {
  if (pattern.sas && pattern.account.kind === "url") {
    const url = `${pattern.account.endpoint}/${pattern.container}?${pattern.sas}`;
    return { container: new ContainerClient(url), credentialFix: SAS_FIX };
  }
  const { service, credentialFix } = await connectBlobService(pattern.account, options, {
    noun: "data source",
    where: { file: pattern.shown },
  });
  return { container: service.getContainerClient(pattern.container), credentialFix };
}

function blobSource(blob: BlobClient, name: string, size: number, fail: Failure): ByteSource {
  return {
    name,
    size,
    async *stream() {
      try {
        const response = await blob.download(0, undefined, { maxRetryRequests: 5 });
        for await (const chunk of response.readableStreamBody ?? []) yield chunk as Buffer;
      } catch (error) {
        throw fail(error, name);
      }
    },
    async read(start, end) {
      try {
        const response = await blob.download(start, end - start, { maxRetryRequests: 5 });
        const chunks: Buffer[] = [];
        for await (const chunk of response.readableStreamBody ?? []) chunks.push(chunk as Buffer);
        return Buffer.concat(chunks);
      } catch (error) {
        throw fail(error, name);
      }
    },
  };
}

/** Storage failures as the error contract has them: bad environment is an InputError naming the fix. */
function dataError(error: unknown, file: string, credentialFix: string): Error {
  if (error instanceof InputError) return error;
  const status = storageStatus(error);
  const code = storageCode(error);
  const name = (error as Error | undefined)?.name ?? "";
  if (status === 404) {
    const problem = code === "ContainerNotFound" ? "the container does not exist" : "not found";
    return new InputError(problem, { file }, "check the container and the path");
  }
  if (status === 401 || status === 403) {
    return new InputError(`access was denied (${status}${code ? ` ${code}` : ""})`, { file }, credentialFix);
  }
  if (CREDENTIAL_ERRORS.has(name)) return new InputError("no usable Azure credential", { file }, credentialFix);
  if (status === undefined && code !== undefined && UNREACHABLE.has(code)) {
    return new InputError(
      `cannot reach the storage account (${code})`,
      { file },
      "check the account name in the URL or connection string, and the network",
    );
  }
  const message = (error as Error | undefined)?.message ?? String(error);
  return new Error(
    `${file}: reading failed (${status ?? code ?? name}): ${scrubSecrets(message.split("\n")[0] ?? "")}`,
  );
}
