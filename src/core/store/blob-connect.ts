/** Builds the blob backend for a parsed location, and the service client data sources share with it. */
import type { TokenCredential } from "@azure/core-auth";
import { BlobServiceClient, type StoragePipelineOptions, StorageSharedKeyCredential } from "@azure/storage-blob";
import { InputError, type Where } from "../errors.js";
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

/** What the storage account is used for: names the key and the words of every error. */
export interface BlobClientSubject {
  /** "registry" or "data source": "an az:// registry needs the storage account" */
  noun: string;
  where: Where;
  /** the forms a location may take, for an az:// location without an account */
  expectedForms?: string;
}

/** The account a location names: az:// takes it from the environment, a URL carries its endpoint. */
export type BlobAccountLocation = { kind: "az" } | { kind: "url"; endpoint: string; account: string };

export interface BlobServiceConnection {
  service: BlobServiceClient;
  /** what to check when access is denied */
  credentialFix: string;
}

const REGISTRY_SUBJECT: BlobClientSubject = {
  noun: "registry",
  where: { key: "registry" },
  expectedForms: EXPECTED_FORMS,
};

export async function connectBlobBackend(location: BlobLocation, options: BlobConnectOptions): Promise<BlobBackend> {
  const { service, credentialFix } = await connectBlobService(location, options, REGISTRY_SUBJECT);
  const container = service.getContainerClient(location.container);
  const shown = `${withoutQuery(container.url)}/${location.prefix}`.replace(/\/$/, "");
  return new BlobBackend(container, location.prefix, { location: shown, credentialFix });
}

/**
 * The service client for a location. Credentials, in order: AZURE_STORAGE_CONNECTION_STRING from the
 * host's env, the credential the host obtained (service connection), DefaultAzureCredential.
 */
export async function connectBlobService(
  location: BlobAccountLocation,
  options: BlobConnectOptions,
  subject: BlobClientSubject,
): Promise<BlobServiceConnection> {
  const pipeline: StoragePipelineOptions = {
    retryOptions: { maxTries: 5, retryDelayInMs: 500, maxRetryDelayInMs: 8_000, ...options.retry },
  };
  const connectionString = options.env.AZURE_STORAGE_CONNECTION_STRING?.trim();
  if (connectionString) {
    return {
      service: fromConnectionString(connectionString, location, pipeline, subject),
      credentialFix: CONNECTION_STRING_FIX,
    };
  }
  const endpoint = location.kind === "url" ? location.endpoint : accountEndpoint(options.env, subject);
  const credential = options.credential ?? new (await import("@azure/identity")).DefaultAzureCredential();
  return { service: new BlobServiceClient(endpoint, credential, pipeline), credentialFix: IDENTITY_FIX };
}

function fromConnectionString(
  connectionString: string,
  location: BlobAccountLocation,
  pipeline: StoragePipelineOptions,
  subject: BlobClientSubject,
): BlobServiceClient {
  let service: BlobServiceClient;
  try {
    service = BlobServiceClient.fromConnectionString(connectionString, pipeline);
  } catch {
    throw new InputError(
      "AZURE_STORAGE_CONNECTION_STRING is not a valid storage connection string",
      subject.where,
      "copy it from the storage account's 'Access keys' page, or use UseDevelopmentStorage=true for Azurite",
    );
  }
  if (location.kind === "az" || sameEndpoint(service.url, location.endpoint)) return service;
  if (service.credential instanceof StorageSharedKeyCredential && service.accountName === location.account) {
    return new BlobServiceClient(location.endpoint, service.credential, pipeline);
  }
  throw new InputError(
    `the ${subject.noun} location names storage account '${location.account}' but AZURE_STORAGE_CONNECTION_STRING is for '${service.accountName}'`,
    subject.where,
    "use az://<container>/<prefix> with the connection string's account, or the connection string of that account",
  );
}

function accountEndpoint(env: Readonly<Record<string, string | undefined>>, subject: BlobClientSubject): string {
  const account = env.AZURE_STORAGE_ACCOUNT?.trim();
  if (!account) {
    throw new InputError(
      `an az:// ${subject.noun} needs the storage account: set AZURE_STORAGE_ACCOUNT or AZURE_STORAGE_CONNECTION_STRING`,
      subject.where,
      subject.expectedForms,
    );
  }
  if (!/^[a-z0-9]{3,24}$/.test(account)) {
    throw new InputError(
      `AZURE_STORAGE_ACCOUNT ${JSON.stringify(account)} is not a storage account name (3–24 lowercase letters and digits)`,
      subject.where,
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
