/**
 * Listing versions fast on any backend. Each version's {digest, created} rides along as listing
 * metadata, but listing thousands of entries with metadata is still slow (Azurite lists ~3,000 a
 * second, a folder needs one file read per entry). So once a range of 100 versions is complete, a
 * registering writer stores its summaries as one immutable page; listing reads the pages and lists
 * only the ranges that have none (normally just the newest, partial one). Versions are immutable and
 * dense, so a complete page never goes stale.
 */
import type { StoreBackend } from "./backend.js";
import { encodeDocument, keys, versionOfKey } from "./layout.js";
import { mapLimit } from "./limit.js";
import type { Digest, VersionManifest } from "./types.js";

export interface VersionSummary {
  version: number;
  digest: Digest;
  createdAt: string;
}

export interface SummaryPage {
  schema: "mlgate.summaries/1";
  model: string;
  range: number;
  versions: VersionSummary[];
}

export const RANGE_SIZE = 100;
const PAGE_KEY = /\/summaries\/(\d{7})\.json$/;
/** Ranges without a page listed one by one before listing all versions at once instead. */
const MAX_RANGE_LISTINGS = 3;

/** Versions in range k: 100k…100k+99, without version 0. */
export function rangeCount(range: number): number {
  return range === 0 ? RANGE_SIZE - 1 : RANGE_SIZE;
}

export function rangeOf(version: number): number {
  return Math.floor(version / RANGE_SIZE);
}

export interface ScannedVersions {
  summaries: VersionSummary[];
  /** ranges that already have a page */
  paged: Set<number>;
}

export async function scanVersions(
  backend: StoreBackend,
  model: string,
  readManifest: (version: number) => Promise<VersionManifest | undefined>,
): Promise<ScannedVersions> {
  const pages = await readPages(backend, model);
  const lastPaged = Math.max(-1, ...pages.keys());
  const listed: VersionSummary[] = [];
  let listings = 0;
  for (let range = 0; ; range++) {
    if (pages.has(range)) continue;
    if (++listings > MAX_RANGE_LISTINGS) {
      // pages were never written (versions copied in, writers that crashed): one listing beats many
      const all = await listVersionKeys(backend, keys.versions(model), readManifest);
      listed.splice(0, listed.length, ...all.filter(({ version }) => !pages.has(rangeOf(version))));
      break;
    }
    const inRange = await listVersionKeys(backend, keys.versionRange(model, range), readManifest);
    // versions are dense: the first empty range past the pages is the end
    if (inRange.length === 0 && range > lastPaged) break;
    listed.push(...inRange);
  }
  const summaries = [...[...pages.values()].flat(), ...listed].sort((a, b) => a.version - b.version);
  return { summaries, paged: new Set(pages.keys()) };
}

/** Stores a page for every range these summaries complete that has none yet. */
export async function writeCompletePages(
  backend: StoreBackend,
  model: string,
  { summaries, paged }: ScannedVersions,
): Promise<void> {
  const byRange = new Map<number, VersionSummary[]>();
  for (const summary of summaries) {
    const range = rangeOf(summary.version);
    byRange.set(range, [...(byRange.get(range) ?? []), summary]);
  }
  for (const [range, versions] of byRange) {
    if (paged.has(range) || versions.length !== rangeCount(range)) continue;
    const page: SummaryPage = { schema: "mlgate.summaries/1", model, range, versions };
    await backend.createIfAbsent(keys.summaryPage(model, range), encodeDocument(page));
  }
}

/** Pages by range; a page that does not parse or is incomplete is ignored (verify reports it). */
export async function readPages(backend: StoreBackend, model: string): Promise<Map<number, VersionSummary[]>> {
  const listed = await backend.list(keys.summaries(model));
  const pages = new Map<number, VersionSummary[]>();
  await mapLimit(listed, 16, async ({ key }) => {
    const match = PAGE_KEY.exec(key);
    const entry = match && (await backend.read(key));
    if (!match || !entry) return;
    const range = Number(match[1]);
    try {
      const page = JSON.parse(entry.data.toString("utf8")) as SummaryPage;
      if (page.range === range && page.versions.length === rangeCount(range)) pages.set(range, page.versions);
    } catch {
      // unreadable page: the range is listed instead
    }
  });
  return pages;
}

async function listVersionKeys(
  backend: StoreBackend,
  prefix: string,
  readManifest: (version: number) => Promise<VersionManifest | undefined>,
): Promise<VersionSummary[]> {
  const listed = await backend.list(prefix, { metadata: true });
  const summaries = await mapLimit(listed, 16, async ({ key, metadata }) => {
    const version = versionOfKey(key);
    if (version === undefined) return undefined;
    if (metadata?.digest && metadata.created) {
      return { version, digest: metadata.digest as Digest, createdAt: metadata.created };
    }
    // an entry copied without its metadata: fall back to the manifest
    const manifest = await readManifest(version);
    return manifest && { version, digest: manifest.digest, createdAt: manifest.createdAt };
  });
  return summaries.filter((summary) => summary !== undefined).sort((a, b) => a.version - b.version);
}
