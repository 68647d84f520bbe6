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
  /** Printable location without secrets: `file:///abs/path` or the container URL and prefix. */
  readonly location: string;
  read(key: string): Promise<StoredEntry | undefined>;
  /** Cheaper than read for large immutable entries: is the key present? */
  exists(key: string): Promise<boolean>;
  /**
   * true when this call created the entry, false when it already existed (content untouched).
   * Metadata keys are lowercase ASCII letters and digits (blob metadata is case-insensitive).
   */
  createIfAbsent(key: string, data: Buffer, metadata?: Record<string, string>): Promise<boolean>;
  /**
   * Replace the entry only if its current etag is `expected` (null: only if absent).
   * Returns the new etag, or undefined when another writer got there first.
   */
  compareAndSwap(key: string, data: Buffer, expected: string | null): Promise<string | undefined>;
  /** Every key under the prefix, in lexicographic order. */
  list(prefix: string, options?: { metadata?: boolean }): Promise<ListedKey[]>;
  /**
   * The names one level below a folder-like prefix (`""` or ending in `/`), sorted: `models/` gives
   * the model names without listing every version.
   */
  children(prefix: string): Promise<string[]>;
  /**
   * Debris a crashed writer may leave (file backend: temporary files). Never visible to read or
   * list and harmless; reported by verify.
   */
  leftovers(): Promise<string[]>;
}

/** Keys are relative, `/`-separated segments of `[A-Za-z0-9._-]`, none empty, `.` or `..`, none starting with `.`. */
const segment = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

export function assertValidKey(key: string): void {
  const parts = key.split("/");
  if (!parts.every((part) => segment.test(part))) throw new Error(`invalid store key '${key}'`);
}
