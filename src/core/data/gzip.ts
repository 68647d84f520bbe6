/** `.gz` text sources, inflated as they stream; the fingerprint stays that of the bytes as stored. */
import { pipeline, Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { InputError } from "../errors.js";

export async function* gunzip(stream: AsyncIterable<Buffer>, file: string): AsyncGenerator<Buffer> {
  const inflated = pipeline(Readable.from(stream), createGunzip(), () => {});
  try {
    for await (const chunk of inflated) yield chunk as Buffer;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!code?.startsWith("Z_")) throw error;
    throw new InputError(
      `is not valid gzip (${(error as Error).message})`,
      { file },
      "check the file, or drop the .gz from its name if it is not compressed",
    );
  }
}
