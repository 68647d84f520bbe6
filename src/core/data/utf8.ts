/**
 * Cuts a byte stream into chunks that never split a character, stopping at the first byte that is
 * not UTF-8 so the reader can name its line and column.
 */
import { isUtf8 } from "node:buffer";

export interface Utf8Chunk {
  /** valid UTF-8 up to the end of the chunk's last whole character, or up to the first invalid byte */
  bytes: Buffer;
  /** the first byte that is not UTF-8, when there is one */
  invalidByte?: number;
}

export class Utf8Chunks {
  /** the start of a character cut off at the end of the previous chunk */
  private carry?: Buffer;

  next(chunk: Buffer): Utf8Chunk {
    const bytes = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    const complete = completeLength(bytes);
    this.carry = complete < bytes.length ? Buffer.from(bytes.subarray(complete)) : undefined;
    const head = complete < bytes.length ? bytes.subarray(0, complete) : bytes;
    return checked(head);
  }

  /** At the end of the stream: a character cut off by the end of the file is invalid. */
  end(): Utf8Chunk {
    const rest = this.carry;
    this.carry = undefined;
    return rest ? checked(rest) : { bytes: Buffer.alloc(0) };
  }
}

export function describeByte(byte: number): string {
  return `0x${byte.toString(16).toUpperCase().padStart(2, "0")}`;
}

function checked(bytes: Buffer): Utf8Chunk {
  if (isUtf8(bytes)) return { bytes };
  const bad = firstInvalid(bytes);
  return { bytes: bytes.subarray(0, bad), invalidByte: bytes[bad] };
}

/** Length of the prefix that ends on a character boundary (an incomplete last sequence is held back). */
function completeLength(bytes: Buffer): number {
  const length = bytes.length;
  for (let back = 1; back <= Math.min(4, length); back++) {
    const byte = bytes[length - back] as number;
    if ((byte & 0xc0) === 0x80) continue;
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needed > back ? length - back : length;
  }
  return length;
}

/** Index of the first byte of the first invalid sequence (overlongs and surrogates included). */
function firstInvalid(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const byte = bytes[i] as number;
    if (byte < 0x80) {
      i++;
      continue;
    }
    let needed: number;
    let low = 0x80;
    let high = 0xbf;
    if (byte >= 0xc2 && byte <= 0xdf) {
      needed = 1;
    } else if (byte >= 0xe0 && byte <= 0xef) {
      needed = 2;
      if (byte === 0xe0) low = 0xa0;
      if (byte === 0xed) high = 0x9f;
    } else if (byte >= 0xf0 && byte <= 0xf4) {
      needed = 3;
      if (byte === 0xf0) low = 0x90;
      if (byte === 0xf4) high = 0x8f;
    } else {
      return i;
    }
    for (let k = 1; k <= needed; k++) {
      const next = bytes[i + k];
      if (next === undefined || next < low || next > high) return i;
      low = 0x80;
      high = 0xbf;
    }
    i += needed + 1;
  }
  return bytes.length;
}
