/**
 * The two backends as test cases: every contract and registry test runs on a fresh folder and on a
 * fresh Azurite container.
 */
import { randomBytes } from "node:crypto";
import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { BlobServiceClient } from "@azure/storage-blob";
import { inject } from "vitest";
import type { StoreBackend } from "../../src/core/store/backend.js";
import type { BlobRetryOptions } from "../../src/core/store/blob-connect.js";
import { connectBlobBackend } from "../../src/core/store/blob-connect.js";
import { FileBackend } from "../../src/core/store/file-backend.js";
import { parseRegistryLocation } from "../../src/core/store/location.js";
import { openRegistry } from "../../src/core/store/open.js";
import type { Registry } from "../../src/core/store/registry.js";
import { tempDir } from "./temp.js";

/** Short SDK retry delays: tests must not wait seconds on purpose. */
export const fastRetry: BlobRetryOptions = { maxTries: 5, retryDelayInMs: 10, maxRetryDelayInMs: 200 };

export interface FreshStore {
  /** the `registry` input naming it */
  location: string;
  workspace: string;
  env: Record<string, string>;
  /** overwrites a stored entry behind the registry's back (corruption) */
  tamper(key: string, data: Buffer): Promise<void>;
  /** removes a stored entry behind the registry's back */
  remove(key: string): Promise<void>;
}

export interface StoreCase {
  name: "file" | "azure-blob";
  fresh(): Promise<FreshStore>;
}

export const storeCases: StoreCase[] = [
  {
    name: "file",
    async fresh() {
      const workspace = await tempDir();
      const root = join(workspace, "registry");
      const path = (key: string) => join(root, ...key.split("/"));
      return {
        location: "registry",
        workspace,
        env: {},
        tamper: (key, data) => writeFile(path(key), data),
        remove: (key) => rm(path(key), { recursive: true }),
      };
    },
  },
  {
    name: "azure-blob",
    async fresh() {
      const connectionString = inject("azuriteConnectionString");
      const container = uniqueContainer();
      const blob = (key: string) =>
        BlobServiceClient.fromConnectionString(connectionString)
          .getContainerClient(container)
          .getBlockBlobClient(`store/${key}`);
      return {
        location: `az://${container}/store`,
        workspace: await tempDir(),
        env: { AZURE_STORAGE_CONNECTION_STRING: connectionString },
        tamper: async (key, data) => void (await blob(key).upload(data, data.length)),
        remove: async (key) => void (await blob(key).delete()),
      };
    },
  },
];

export function uniqueContainer(): string {
  return `t-${randomBytes(8).toString("hex")}`;
}

/** Where a store is and how to reach it. */
export type StoreAddress = Pick<FreshStore, "location" | "workspace" | "env">;

export function openStore(
  store: StoreAddress,
  options: { retry?: BlobRetryOptions; now?: () => Date } = {},
): Promise<Registry> {
  return openRegistry(store.location, { workspace: store.workspace, env: store.env, retry: fastRetry, ...options });
}

export async function openBackend(store: StoreAddress): Promise<StoreBackend> {
  const parsed = parseRegistryLocation(store.location, store.workspace);
  if (parsed.kind === "file") return new FileBackend(parsed.root);
  return connectBlobBackend(parsed, { env: store.env, retry: fastRetry });
}
