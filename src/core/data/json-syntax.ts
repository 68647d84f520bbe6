/**
 * Where JSON text first goes wrong. JSON.parse says only that it failed (and its message differs
 * between Node versions); this finds the offset to name a column. Runs on the error path only.
 */
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;
const LITERAL = /true|false|null/y;

/** The offset of the first character that breaks the JSON grammar (`text.length` for a premature end), or -1 if valid. */
export function jsonErrorOffset(text: string): number {
  const scanner = new Scanner(text);
  return scanner.document() ? -1 : scanner.offset;
}

/** Recursive descent that stops at the first error, leaving `offset` there. */
class Scanner {
  offset = 0;

  constructor(private readonly text: string) {}

  document(): boolean {
    if (!this.value()) return false;
    this.skipSpace();
    return this.offset === this.text.length;
  }

  private value(): boolean {
    this.skipSpace();
    const char = this.text.charAt(this.offset);
    if (char === "{") return this.object();
    if (char === "[") return this.array();
    if (char === '"') return this.string();
    return this.match(LITERAL) || this.match(NUMBER);
  }

  private object(): boolean {
    this.offset++;
    this.skipSpace();
    if (this.take("}")) return true;
    do {
      this.skipSpace();
      if (!this.string()) return false;
      this.skipSpace();
      if (!this.take(":") || !this.value()) return false;
      this.skipSpace();
    } while (this.take(","));
    return this.take("}");
  }

  private array(): boolean {
    this.offset++;
    this.skipSpace();
    if (this.take("]")) return true;
    do {
      if (!this.value()) return false;
      this.skipSpace();
    } while (this.take(","));
    return this.take("]");
  }

  private string(): boolean {
    if (!this.take('"')) return false;
    while (this.offset < this.text.length) {
      const char = this.text.charAt(this.offset);
      if (char === '"') {
        this.offset++;
        return true;
      }
      if (char < " ") return false;
      if (char === "\\") {
        if (!this.match(ESCAPE)) return false;
      } else {
        this.offset++;
      }
    }
    return false;
  }

  private skipSpace(): void {
    while (/[ \t\n\r]/.test(this.text.charAt(this.offset))) this.offset++;
  }

  private take(char: string): boolean {
    if (this.text.charAt(this.offset) !== char) return false;
    this.offset++;
    return true;
  }

  private match(pattern: RegExp): boolean {
    pattern.lastIndex = this.offset;
    if (!pattern.test(this.text)) return false;
    this.offset = pattern.lastIndex;
    return true;
  }
}
