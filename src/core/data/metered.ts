/** Counts and hashes a source's bytes as they stream past, for progress and fingerprints. */
import { createHash } from "node:crypto";

export interface ByteCounter {
  bytesRead: number;
}

export class Meter {
  private readonly hash = createHash("sha256");
  bytes = 0;

  constructor(private readonly progress: ByteCounter) {}

  async *pass(stream: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const chunk of stream) {
      this.hash.update(chunk);
      this.bytes += chunk.length;
      this.progress.bytesRead += chunk.length;
      yield chunk;
    }
  }

  /** `sha256:<hex>`, once the stream has been read to its end */
  digest(): string {
    return `sha256:${this.hash.digest("hex")}`;
  }
}
