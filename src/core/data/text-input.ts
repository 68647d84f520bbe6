/** The text formats' common ground: UTF-8 chunk by chunk, the BOM dropped, binary files refused. */
import { InputError } from "../errors.js";
import { describeByte, type Utf8Chunk, Utf8Chunks } from "./utf8.js";

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** The stream as whole-character chunks of valid UTF-8; a chunk with `invalidByte` is the last one. */
export async function* utf8Chunks(
  bytes: AsyncIterable<Buffer>,
  file: string,
  format: string,
): AsyncGenerator<Utf8Chunk> {
  const chunks = new Utf8Chunks();
  let offset = 0;
  let atStart = true;
  for await (const raw of bytes) {
    const nul = raw.indexOf(0);
    if (nul >= 0) {
      throw new InputError(
        `looks binary (a NUL byte at byte ${offset + nul + 1}), not ${format} text`,
        { file },
        "check the path, and that the format matches the file's content",
      );
    }
    offset += raw.length;
    const chunk = chunks.next(raw);
    if (atStart && chunk.bytes.length > 0) {
      atStart = false;
      if (chunk.bytes.subarray(0, 3).equals(BOM)) chunk.bytes = chunk.bytes.subarray(3);
    }
    yield chunk;
    if (chunk.invalidByte !== undefined) return;
  }
  const rest = chunks.end();
  if (rest.bytes.length > 0 || rest.invalidByte !== undefined) yield rest;
}

export function invalidUtf8(byte: number, where: { file: string; line: number; column: number }): InputError {
  return new InputError(`invalid UTF-8 (byte ${describeByte(byte)})`, where, "save the file as UTF-8");
}
