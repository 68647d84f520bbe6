/**
 * Builds the blob backend for a parsed location. Credentials, in order: AZURE_STORAGE_CONNECTION_STRING
 * from the host's env, the credential the host obtained (service connection), DefaultAzureCredential.
 */
import type { TokenCredential } from "@azure/core-auth";
import { BlobServiceClient, type StoragePipelineOptions, StorageSharedKeyCredential } from "@azure/storage-blob";
import { InputError } from "../errors.js";
import { BlobBackend } from "./blob-backend.js";
import { EXPECTED_FORMS, type RegistryLocation } from "./location.js";

export interface BlobRetryOptions {
  maxTries?: number;
  retryDelayInMs?: number;
  maxRetryDelayInMs?: number;
}

export interface BlobConnectOptions {
  env: Readonly<Record<string, string | undefined>>;
  credential?: TokenCredential;
  retry?: BlobRetryOptions;
}

type BlobLocation = Exclude<RegistryLocation, { kind: "file" }>;

const CONNECTION_STRING_FIX = "check AZURE_STORAGE_CONNECTION_STRING (account name, key or SAS token, and endpoint)";
const IDENTITY_FIX =
  "set AZURE_STORAGE_CONNECTION_STRING, or give the Azure identity the 'Storage Blob Data Contributor' role on the account";

export async function connectBlobBackend(location: BlobLocation, options: BlobConnectOptions): Promise<BlobBackend> {
  const pipeline: StoragePipelineOptions = {
    retryOptions: { maxTries: 5, retryDelayInMs: 500, maxRetryDelayInMs: 8_000, ...options.retry },
  };
  const connectionString = options.env.AZURE_STORAGE_CONNECTION_STRING?.trim();
  let service: BlobServiceClient;
  if (connectionString) {
    service = fromConnectionString(connectionString, location, pipeline);
  } else {
    const endpoint = location.kind === "url" ? location.endpoint : accountEndpoint(options.env);
    const credential = options.credential ?? new (await import("@azure/identity")).DefaultAzureCredential();
    service = new BlobServiceClient(endpoint, credential, pipeline);
  }
  const container = service.getContainerClient(location.container);
  const shown = `${withoutQuery(container.url)}/${location.prefix}`.replace(/\/$/, "");
  return new BlobBackend(container, location.prefix, {
    location: shown,
    credentialFix: connectionString ? CONNECTION_STRING_FIX : IDENTITY_FIX,
  });
}

function fromConnectionString(
  connectionString: string,
  location: BlobLocation,
  pipeline: StoragePipelineOptions,
): BlobServiceClient {
  let service: BlobServiceClient;
  try {
    service = BlobServiceClient.fromConnectionString(connectionString, pipeline);
  } catch {
    throw new InputError(
      "AZURE_STORAGE_CONNECTION_STRING is not a valid storage connection string",
      { key: "registry" },
      "copy it from the storage account's 'Access keys' page, or use UseDevelopmentStorage=true for Azurite",
    );
  }
  if (location.kind === "az" || sameEndpoint(service.url, location.endpoint)) return service;
  if (service.credential instanceof StorageSharedKeyCredential && service.accountName === location.account) {
    return new BlobServiceClient(location.endpoint, service.credential, pipeline);
  }
  throw new InputError(
    `the registry location names storage account '${location.account}' but AZURE_STORAGE_CONNECTION_STRING is for '${service.accountName}'`,
    { key: "registry" },
    "use az://<container>/<prefix> with the connection string's account, or the connection string of that account",
  );
}

function accountEndpoint(env: Readonly<Record<string, string | undefined>>): string {
  const account = env.AZURE_STORAGE_ACCOUNT?.trim();
  if (!account) {
    throw new InputError(
      "an az:// registry needs the storage account: set AZURE_STORAGE_ACCOUNT or AZURE_STORAGE_CONNECTION_STRING",
      { key: "registry" },
      EXPECTED_FORMS,
    );
  }
  if (!/^[a-z0-9]{3,24}$/.test(account)) {
    throw new InputError(
      `AZURE_STORAGE_ACCOUNT ${JSON.stringify(account)} is not a storage account name (3–24 lowercase letters and digits)`,
      { key: "registry" },
    );
  }
  return `https://${account}.blob.core.windows.net`;
}

function sameEndpoint(serviceUrl: string, endpoint: string): boolean {
  const normalise = (url: string) => withoutQuery(url).replace(/\/+$/, "").toLowerCase();
  return normalise(serviceUrl) === normalise(endpoint);
}

function withoutQuery(url: string): string {
  return url.replace(/[?#].*$/, "");
}
