/**
 * Duplicate detection in bounded memory: every value is remembered exactly until `capacity`
 * distinct values (or `characters` characters of text) are held. After that, values are still
 * checked against those remembered but no longer added, so a duplicate between two later values
 * goes unseen; `unchecked` counts those values, and the caller falls back on the profile's
 * distinct-count sketch for them.
 */
export const UNIQUE_CAPACITY = 1_000_000;
export const UNIQUE_CHARACTERS = 32 * 1024 * 1024;

export class UniqueValues {
  private readonly seen = new Set<string | number>();
  private characters = 0;
  /** values not remembered because the set was full */
  unchecked = 0;

  constructor(
    private readonly capacity = UNIQUE_CAPACITY,
    private readonly characterBudget = UNIQUE_CHARACTERS,
  ) {}

  /** how many distinct values are held */
  get remembered(): number {
    return this.seen.size;
  }

  /** Whether the value was seen before; NaN never repeats, as it equals nothing. */
  repeats(value: string | number): boolean {
    if (Number.isNaN(value)) return false;
    if (this.seen.has(value)) return true;
    if (this.seen.size >= this.capacity || this.characters >= this.characterBudget) {
      this.unchecked++;
    } else if (typeof value === "string") {
      this.characters += value.length;
      this.seen.add(detached(value));
    } else {
      this.seen.add(value);
    }
    return false;
  }
}

/**
 * A copy of the text that shares no memory with it: a cell read from CSV is a slice of its whole
 * chunk, and remembering the slice would keep the chunk.
 */
function detached(text: string): string {
  return Buffer.from(text, "utf16le").toString("utf16le");
}
