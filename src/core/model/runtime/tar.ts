/**
 * A streaming reader for the tar archives npm packs (ustar, with GNU long names and pax paths for
 * the odd long file name): it writes only the entries the caller selects, so a 250 MB
 * all-platforms package costs one platform's worth of disk.
 */
import { mkdir, open } from "node:fs/promises";
import { dirname } from "node:path";

const BLOCK = 512;

export interface TarEntry {
  /** Normalized, relative, `/`-separated; never absolute and never containing `..` */
  path: string;
  type: "file" | "directory" | "other";
  mode: number;
  size: number;
}

/** Where to write a file entry's content, or undefined to skip it. */
export type SelectEntry = (entry: TarEntry) => string | undefined;

interface Header {
  name: string;
  typeflag: string;
  mode: number;
  size: number;
}

interface OpenEntry {
  dataLeft: number;
  paddingLeft: number;
  write?: (piece: Buffer) => Promise<void>;
  close?: () => Promise<void>;
  /** GNU long names and pax headers are small: kept in memory */
  collected?: Buffer[];
  onCollected?: (data: Buffer) => void;
}

/** Extracts the selected file entries of an (already gunzipped) tar stream; returns their paths. */
export async function extractTar(source: AsyncIterable<Buffer>, select: SelectEntry): Promise<string[]> {
  const written: string[] = [];
  let pending: Buffer = Buffer.alloc(0);
  let entry: OpenEntry | undefined;
  let nextName: string | undefined;
  let ended = false;

  const begin = async (header: Header): Promise<OpenEntry> => {
    const padding = (BLOCK - (header.size % BLOCK)) % BLOCK;
    const base = { dataLeft: header.size, paddingLeft: padding };
    if (header.typeflag === "L") {
      return { ...base, collected: [], onCollected: (data) => (nextName = cString(data, 0, data.length)) };
    }
    if (header.typeflag === "x") {
      return { ...base, collected: [], onCollected: (data) => (nextName = paxPath(data) ?? nextName) };
    }
    const name = nextName ?? header.name;
    nextName = undefined;
    const path = safePath(name);
    const type = entryType(header.typeflag);
    const destination = type === "file" ? select({ path, type, mode: header.mode, size: header.size }) : undefined;
    if (destination === undefined) return base;

    await mkdir(dirname(destination), { recursive: true });
    const handle = await open(destination, "w", (header.mode & 0o777) | 0o600);
    written.push(path);
    return {
      ...base,
      write: async (piece) => {
        await handle.write(piece);
      },
      close: () => handle.close(),
    };
  };

  try {
    for await (const chunk of source) {
      if (ended) continue;
      pending = pending.length > 0 ? Buffer.concat([pending, chunk]) : chunk;
      while (!ended) {
        if (entry) {
          if (entry.dataLeft > 0) {
            if (pending.length === 0) break;
            const piece = pending.subarray(0, Math.min(entry.dataLeft, pending.length));
            if (entry.write) await entry.write(piece);
            entry.collected?.push(Buffer.from(piece));
            entry.dataLeft -= piece.length;
            pending = pending.subarray(piece.length);
            continue;
          }
          const skip = Math.min(entry.paddingLeft, pending.length);
          entry.paddingLeft -= skip;
          pending = pending.subarray(skip);
          if (entry.paddingLeft > 0) break;
          await entry.close?.();
          if (entry.collected) entry.onCollected?.(Buffer.concat(entry.collected));
          entry = undefined;
          continue;
        }
        if (pending.length < BLOCK) break;
        const block = pending.subarray(0, BLOCK);
        pending = pending.subarray(BLOCK);
        if (block.every((byte) => byte === 0)) {
          ended = true;
          break;
        }
        entry = await begin(parseHeader(block));
      }
    }
  } finally {
    await entry?.close?.();
  }
  if (entry || !ended) throw new Error("the archive ends early: truncated?");
  return written;
}

function parseHeader(block: Buffer): Header {
  const recorded = octal(block, 148, 8);
  let sum = 0;
  for (let index = 0; index < BLOCK; index++) sum += index >= 148 && index < 156 ? 0x20 : (block[index] as number);
  if (recorded !== sum) throw new Error("corrupt archive header (checksum mismatch)");

  const name = cString(block, 0, 100);
  // POSIX ustar ("ustar\0"); GNU's "ustar  " uses those bytes for other fields
  const isUstar = block.subarray(257, 263).toString("latin1") === "ustar\0";
  const prefix = isUstar ? cString(block, 345, 155) : "";
  return {
    name: prefix ? `${prefix}/${name}` : name,
    typeflag: String.fromCharCode(block[156] as number),
    mode: octal(block, 100, 8),
    size: size(block),
  };
}

function entryType(typeflag: string): TarEntry["type"] {
  if (typeflag === "0" || typeflag === "\0" || typeflag === "7") return "file";
  if (typeflag === "5") return "directory";
  return "other";
}

function size(block: Buffer): number {
  // GNU base-256 for sizes past the 8 GiB an 11-digit octal field holds
  if (((block[124] as number) & 0x80) !== 0) {
    let value = (block[124] as number) & 0x7f;
    for (let index = 125; index < 136; index++) value = value * 256 + (block[index] as number);
    return value;
  }
  return octal(block, 124, 12);
}

function octal(block: Buffer, offset: number, length: number): number {
  const text = cString(block, offset, length).trim();
  return text === "" ? 0 : Number.parseInt(text, 8);
}

function cString(block: Buffer, offset: number, length: number): string {
  const field = block.subarray(offset, offset + length);
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? field.length : end).toString("utf8");
}

/** The `path` record of a pax extended header: lines of `<length> <key>=<value>\n`. */
function paxPath(data: Buffer): string | undefined {
  let offset = 0;
  let path: string | undefined;
  while (offset < data.length) {
    const space = data.indexOf(0x20, offset);
    if (space === -1) break;
    const length = Number.parseInt(data.subarray(offset, space).toString("latin1"), 10);
    if (!(length > 0)) break;
    const record = data.subarray(space + 1, offset + length - 1).toString("utf8");
    const equals = record.indexOf("=");
    if (record.slice(0, equals) === "path") path = record.slice(equals + 1);
    offset += length;
  }
  return path;
}

/** Refuses names that would land outside the extraction folder. */
function safePath(name: string): string {
  const parts = name
    .replaceAll("\\", "/")
    .split("/")
    .filter((part) => part !== "" && part !== ".");
  if (name.startsWith("/") || /^[A-Za-z]:/.test(name) || parts.includes("..")) {
    throw new Error(`unsafe path in archive: ${JSON.stringify(name)}`);
  }
  return parts.join("/");
}
