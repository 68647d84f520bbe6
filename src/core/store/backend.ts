/**
 * A store backend offers exactly two atomic primitives (DESIGN.md "The store"): create-if-absent for
 * immutable keys and compare-and-swap for mutable ones. Everything else (versions, aliases, runs,
 * verdicts, the run cache) is built on top in registry.ts, identically for every backend.
 *
 * A key is either immutable (written once with createIfAbsent) or mutable (written with
 * compareAndSwap), never both. Keys are `/`-separated, relative, and never contain `..`.
 */
export interface StoredEntry {
  data: Buffer;
  /** Opaque version tag for compareAndSwap. */
  etag: string;
}

export interface ListedKey {
  key: string;
  /** Small string metadata stored beside the entry at creation (listing without reading each entry). */
  metadata?: Record<string, string>;
}

export interface StoreBackend {
  /** Printable location without secrets: `file:///abs/path` or `az://account/container/prefix`. */
  readonly location: string;
  read(key: string): Promise<StoredEntry | undefined>;
  /** true when this call created the entry, false when it already existed (content untouched). */
  createIfAbsent(key: string, data: Buffer, metadata?: Record<string, string>): Promise<boolean>;
  /**
   * Replace the entry only if its current etag is `expected` (null: only if absent).
   * Returns the new etag, or undefined when another writer got there first.
   */
  compareAndSwap(key: string, data: Buffer, expected: string | null): Promise<string | undefined>;
  /** Every key under the prefix, in lexicographic order. */
  list(prefix: string, options?: { metadata?: boolean }): Promise<ListedKey[]>;
}
