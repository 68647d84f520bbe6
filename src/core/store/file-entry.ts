/**
 * On-disk format of a file-backend entry. An entry is stored raw (so `objects/sha256/<hex>` files
 * hash to their own name) unless it carries metadata: then it starts with MAGIC, one JSON line of
 * metadata, and the data. Raw data that happens to start with MAGIC is stored with a header too,
 * which keeps decoding unambiguous.
 */
import { close, open, read } from "node:fs";
import { readFile } from "node:fs/promises";

const MAGIC = Buffer.from("\u0000mlgate-entry\n");
const NEWLINE = 0x0a;

export function encodeEntry(data: Buffer, metadata?: Record<string, string>, forceHeader = false): Buffer {
  const hasMetadata = metadata !== undefined && Object.keys(metadata).length > 0;
  if (!hasMetadata && !forceHeader && !startsWithMagic(data)) return data;
  return Buffer.concat([MAGIC, Buffer.from(`${JSON.stringify(metadata ?? {})}\n`), data]);
}

export function decodeEntry(file: Buffer): { data: Buffer; metadata: Record<string, string> } {
  if (!startsWithMagic(file)) return { data: file, metadata: {} };
  const end = file.indexOf(NEWLINE, MAGIC.length);
  if (end < 0) throw new Error("corrupt store entry: unterminated header");
  const metadata = JSON.parse(file.subarray(MAGIC.length, end).toString("utf8")) as Record<string, string>;
  return { data: file.subarray(end + 1), metadata };
}

/**
 * Reads only the head of the file: listing metadata must not read whole artifacts. Callback fs
 * calls: twice as fast as FileHandle promises when listing thousands of entries.
 */
export async function readEntryMetadata(path: string): Promise<Record<string, string>> {
  const head = await readHead(path, 4096);
  if (!startsWithMagic(head)) return {};
  if (head.indexOf(NEWLINE, MAGIC.length) >= 0) return decodeEntry(head).metadata;
  return decodeEntry(await readFile(path)).metadata;
}

function readHead(path: string, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    open(path, "r", (openError, fd) => {
      if (openError) return reject(openError);
      const buffer = Buffer.alloc(length);
      read(fd, buffer, 0, length, 0, (readError, bytesRead) => {
        close(fd, () => (readError ? reject(readError) : resolve(buffer.subarray(0, bytesRead))));
      });
    });
  });
}

function startsWithMagic(data: Buffer): boolean {
  return data.length >= MAGIC.length && data.subarray(0, MAGIC.length).equals(MAGIC);
}
