/** Opens the registry a `registry` input names, on the backend its form implies. */
import type { TokenCredential } from "@azure/core-auth";
import type { BlobRetryOptions } from "./blob-connect.js";
import { FileBackend } from "./file-backend.js";
import { parseRegistryLocation } from "./location.js";
import { Registry } from "./registry.js";

export interface OpenRegistryOptions {
  /** relative folder locations resolve against it */
  workspace: string;
  /** the host's environment (AZURE_STORAGE_CONNECTION_STRING, AZURE_STORAGE_ACCOUNT), never read from the process itself */
  env: Readonly<Record<string, string | undefined>>;
  credential?: TokenCredential;
  /** storage request retries; the defaults suit real accounts, tests shorten the delays */
  retry?: BlobRetryOptions;
  now?: () => Date;
}

export async function openRegistry(location: string, options: OpenRegistryOptions): Promise<Registry> {
  const parsed = parseRegistryLocation(location, options.workspace);
  if (parsed.kind === "file") return new Registry(new FileBackend(parsed.root), { now: options.now });
  // loaded only for blob registries: the Azure SDK is most of the startup time
  const { connectBlobBackend } = await import("./blob-connect.js");
  return new Registry(await connectBlobBackend(parsed, options), { now: options.now });
}
