/**
 * The Azure Blob Storage backend: create-if-absent is a PUT with `If-None-Match: *`, compare-and-swap
 * a PUT with `If-Match: <etag>`. The SDK retries 500/503 and dropped connections by itself, which
 * makes a conflict ambiguous: a retried conditional PUT whose first attempt did land comes back
 * 409/412. Every document the registry writes is unique (run id, nonce), so on a conflict the entry
 * is read back and equal bytes mean the write was ours.
 */
import type { ContainerClient } from "@azure/storage-blob";
import { assertValidKey, type ListedKey, type StoreBackend, type StoredEntry } from "./backend.js";
import { type FailureContext, storageCode, storageStatus, toStoreError } from "./blob-errors.js";

export class BlobBackend implements StoreBackend {
  /** shared by concurrent first writers */
  private containerCreation?: Promise<unknown>;

  constructor(
    private readonly container: ContainerClient,
    /** "" or a blob-name prefix ending in `/` */
    private readonly prefix: string,
    private readonly context: FailureContext,
  ) {}

  get location(): string {
    return this.context.location;
  }

  async read(key: string): Promise<StoredEntry | undefined> {
    const blob = this.blob(key);
    try {
      const response = await blob.download(0, undefined, { maxRetryRequests: 5 });
      const chunks: Buffer[] = [];
      for await (const chunk of response.readableStreamBody ?? []) chunks.push(chunk as Buffer);
      return { data: Buffer.concat(chunks), etag: response.etag ?? "" };
    } catch (error) {
      if (storageStatus(error) === 404) return undefined;
      throw toStoreError(error, this.context, `reading '${key}'`);
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      return await this.blob(key).exists();
    } catch (error) {
      throw toStoreError(error, this.context, `checking '${key}'`);
    }
  }

  async createIfAbsent(key: string, data: Buffer, metadata?: Record<string, string>): Promise<boolean> {
    const blob = this.blob(key);
    try {
      await this.withContainer(() => blob.uploadData(data, { conditions: { ifNoneMatch: "*" }, metadata }));
      return true;
    } catch (error) {
      if (!isConflict(error)) throw toStoreError(error, this.context, `writing '${key}'`);
      const current = await this.read(key);
      return current?.data.equals(data) === true;
    }
  }

  async compareAndSwap(key: string, data: Buffer, expected: string | null): Promise<string | undefined> {
    const blob = this.blob(key);
    const conditions = expected === null ? { ifNoneMatch: "*" } : { ifMatch: expected };
    try {
      const response = await this.withContainer(() => blob.upload(data, data.length, { conditions }));
      return response.etag;
    } catch (error) {
      // If-Match on a blob (or container) that does not exist: nothing to swap
      const missing = storageStatus(error) === 404 && expected !== null;
      if (!isConflict(error) && !missing) throw toStoreError(error, this.context, `writing '${key}'`);
      const current = await this.read(key);
      return current?.data.equals(data) ? current.etag : undefined;
    }
  }

  async list(prefix: string, options: { metadata?: boolean } = {}): Promise<ListedKey[]> {
    const found: ListedKey[] = [];
    try {
      const pages = this.container
        .listBlobsFlat({ prefix: this.prefix + prefix, includeMetadata: options.metadata === true })
        .byPage({ maxPageSize: 5000 });
      for await (const page of pages) {
        for (const item of page.segment.blobItems) {
          const key = item.name.slice(this.prefix.length);
          found.push(options.metadata ? { key, metadata: item.metadata ?? {} } : { key });
        }
      }
    } catch (error) {
      if (storageCode(error) === "ContainerNotFound") return [];
      throw toStoreError(error, this.context, `listing '${prefix}'`);
    }
    return found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async children(prefix: string): Promise<string[]> {
    const names = new Set<string>();
    const start = this.prefix.length + prefix.length;
    try {
      for await (const item of this.container.listBlobsByHierarchy("/", { prefix: this.prefix + prefix })) {
        names.add(item.name.slice(start).replace(/\/$/, ""));
      }
    } catch (error) {
      if (storageCode(error) === "ContainerNotFound") return [];
      throw toStoreError(error, this.context, `listing '${prefix}'`);
    }
    return [...names].sort();
  }

  async leftovers(): Promise<string[]> {
    return [];
  }

  /** Runs a write; a missing container is created once, on the first write that needs it. */
  private async withContainer<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (storageCode(error) !== "ContainerNotFound") throw error;
      this.containerCreation ??= this.container.createIfNotExists().catch((failure: unknown) => {
        this.containerCreation = undefined;
        throw failure;
      });
      await this.containerCreation;
      return write();
    }
  }

  private blob(key: string) {
    assertValidKey(key);
    return this.container.getBlockBlobClient(this.prefix + key);
  }
}

function isConflict(error: unknown): boolean {
  const status = storageStatus(error);
  return status === 409 || status === 412;
}
