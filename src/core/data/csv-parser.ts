/**
 * RFC 4180 over UTF-8 byte chunks, resumable at any byte: quoted delimiters and line breaks, `""`
 * escapes, CRLF, LF or CR line ends. Delimiters, quotes and line breaks are ASCII and never occur
 * inside a multi-byte character, so the scan is byte by byte; a chunk that is all ASCII is decoded
 * once and its fields are slices of that string. Cells go straight into the column arrays of the
 * batch being filled: an unquoted empty field is `null`, a quoted one `""`. Blank lines are skipped.
 * A quote inside an unquoted field (`37.8"N`) is taken as text, as most writers and readers do; text
 * after a closing quote, an unclosed quote and a row whose field count differs from the header's are
 * errors at their line and column.
 */
import { isAscii } from "node:buffer";
import { InputError } from "../errors.js";
import { rowsPerBatch } from "./batch-size.js";
import { checkHeader } from "./csv-header.js";
import { decimalFromBytes } from "./decimal-bytes.js";
import type { Cell, NumericHints, RecordBatch } from "./table.js";

const QUOTE = 34;
const LF = 10;
const CR = 13;
const EMPTY = Buffer.alloc(0);
const END_OF_TEXT = -1;
const INTEGER_KIND = 1;
const FLOAT_KIND = 2;

enum State {
  FieldStart,
  Unquoted,
  Quoted,
  /** a quote inside a quoted field ended the last chunk: an escape or the closing quote */
  QuoteInQuoted,
}

export interface Position {
  line: number;
  column: number;
}

export class CsvParser {
  private readonly delimiter: number;
  private bytes: Buffer = EMPTY;
  /** the chunk as a string when it is all ASCII, so byte and character offsets agree */
  private text: string | undefined;

  private state = State.FieldStart;
  /** the current field's text from earlier chunks, or from before a `""` */
  private partial = "";
  private fieldIndex = 0;

  private line = 1;
  /** columns are counted lazily: characters of the current line before byte `cursorByte` of the chunk */
  private cursorChars = 0;
  private cursorByte = 0;
  private endedWithCR = false;
  private rowLine = 0;
  private quoteOpened: Position = { line: 0, column: 0 };
  /** where the first field beyond the header's count started, in a row being counted to its end */
  private extraField?: Position;

  private names?: readonly string[];
  private readonly header: { cells: (string | null)[]; positions: Position[] } = { cells: [], positions: [] };
  private columns: Cell[][] = [];
  private batchRows = 0;
  private lines = new Uint32Array(0);
  private rows = 0;
  private totalRows = 0;
  /** filled batches, for the caller to take */
  readonly ready: RecordBatch[] = [];

  /** per column: 0 text, 1 integer, 2 float — plain decimals of numeric columns become numbers */
  private numericKinds = new Uint8Array(0);

  constructor(
    private readonly file: string,
    delimiter: "," | "\t",
    /** rows per batch; by default it depends on the number of columns */
    private readonly requestedRows?: number,
    private readonly numericHints?: NumericHints,
  ) {
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** Where the next byte would be: the place of an error found outside the parser (bad bytes). */
  position(): Position {
    return { line: this.line, column: this.cursorChars + 1 };
  }

  /** A chunk of valid UTF-8 that ends on a character boundary. */
  feed(bytes: Buffer): void {
    this.bytes = bytes;
    this.text = isAscii(bytes) ? bytes.toString("latin1") : undefined;
    this.cursorByte = 0;
    const n = bytes.length;
    const delimiter = this.delimiter;
    let i = 0;
    if (this.state === State.QuoteInQuoted && n > 0) i = this.afterQuote(0);
    while (i < n) {
      if (this.text !== undefined && this.names && this.state === State.FieldStart && this.partial === "") {
        i = this.plainFields(i);
        if (i >= n) break;
      }
      if (this.state === State.Quoted) {
        i = this.quoted(i);
        continue;
      }
      const fresh = this.state === State.FieldStart;
      if (fresh && bytes[i] === QUOTE) {
        this.startField(i);
        this.quoteOpened = this.at(i);
        this.state = State.Quoted;
        i++;
        continue;
      }
      // an unquoted field starts or goes on: scan to its end
      let j = i;
      let c = 0;
      while (j < n) {
        c = bytes[j] as number;
        if (c === delimiter || c === LF || c === CR) break;
        j++;
      }
      if (j === n) {
        if (fresh) this.startField(i);
        this.partial += this.cut(i, j);
        this.state = State.Unquoted;
        break;
      }
      if (fresh && this.fieldIndex === 0 && j === i && c !== delimiter) {
        this.lineBreak(j);
        i = j + 1;
        continue;
      }
      if (fresh) this.startField(i);
      let value: string | null = j > i ? this.cut(i, j) : null;
      if (this.partial !== "") {
        value = this.partial + (value ?? "");
        this.partial = "";
      }
      this.field(value);
      i = this.separator(j, c);
    }
    this.cursorChars += this.chars(this.cursorByte, n);
    this.endedWithCR = n > 0 ? bytes[n - 1] === CR : this.endedWithCR;
    this.bytes = EMPTY;
    this.text = undefined;
  }

  /**
   * The hot path, without the general loop's state checks: unquoted fields of data rows that end
   * inside an ASCII chunk. Returns where the general path takes over (a quote, the chunk's end, a
   * blank line).
   */
  private plainFields(i: number): number {
    const bytes = this.bytes;
    const text = this.text as string;
    const n = bytes.length;
    const delimiter = this.delimiter;
    while (i < n && bytes[i] !== QUOTE) {
      let j = i;
      let c = 0;
      while (j < n) {
        c = bytes[j] as number;
        if (c === delimiter || c === LF || c === CR) break;
        j++;
      }
      const field = this.fieldIndex;
      if (j === n || (field === 0 && j === i && c !== delimiter)) break;
      if (field === 0) this.rowLine = this.line;
      const column = this.columns[field];
      if (column) column[this.rows] = j > i ? this.plainCell(text, i, j, field) : null;
      i = this.separator(j, c);
    }
    return i;
  }

  private plainCell(text: string, i: number, j: number, field: number): Cell {
    const kind = this.numericKinds[field];
    if (kind) {
      const value = decimalFromBytes(this.bytes, i, j, kind === INTEGER_KIND);
      if (!Number.isNaN(value)) return value;
    }
    return text.slice(i, j);
  }

  /** At the end of the text: closes the last row and checks the file had a header and rows. */
  finish(): void {
    if (this.state === State.Quoted) {
      throw new InputError(
        "this quote is never closed",
        { file: this.file, ...this.quoteOpened },
        'close the quoted field, and double every quote inside it ("")',
      );
    }
    if (this.state !== State.FieldStart || this.fieldIndex > 0) {
      const value = this.partial;
      this.partial = "";
      this.field(this.state === State.QuoteInQuoted || value !== "" ? value : null);
      this.endRow(END_OF_TEXT);
    }
    if (!this.names) {
      throw new InputError("is empty", { file: this.file }, "write a header row and at least one data row");
    }
    if (this.totalRows === 0) {
      throw new InputError(
        "has a header row but no data rows",
        { file: this.file },
        "check that the right file is named",
      );
    }
    this.flush();
  }

  /** Inside a quoted field from `i`: to the next quote, counting line breaks. Returns where to go on. */
  private quoted(i: number): number {
    const bytes = this.bytes;
    const n = bytes.length;
    let j = i;
    while (j < n) {
      const c = bytes[j];
      if (c === QUOTE) break;
      if (c === LF || c === CR) this.lineBreak(j);
      j++;
    }
    this.partial += this.cut(i, j);
    if (j === n) return n;
    if (j + 1 === n) {
      this.state = State.QuoteInQuoted;
      return n;
    }
    return this.afterQuote(j + 1);
  }

  /** `i` is just after a quote inside a quoted field: `""` escapes a quote, anything else closes. */
  private afterQuote(i: number): number {
    const c = this.bytes[i] as number;
    if (c === QUOTE) {
      this.partial += '"';
      this.state = State.Quoted;
      return i + 1;
    }
    if (c !== this.delimiter && c !== LF && c !== CR) {
      throw this.error(
        "text after the closing quote of a field",
        i,
        'quote the whole field, and double every quote inside it ("")',
      );
    }
    const value = this.partial;
    this.partial = "";
    this.field(value);
    return this.separator(i, c);
  }

  /** After a field, at the delimiter or line break `c` at `j`. Returns where the next field starts. */
  private separator(j: number, c: number): number {
    this.state = State.FieldStart;
    if (c === this.delimiter) {
      this.fieldIndex++;
      if (this.names && this.fieldIndex === this.names.length) this.extraField = this.at(j + 1);
      return j + 1;
    }
    this.endRow(j);
    this.lineBreak(j);
    return j + 1;
  }

  private startField(i: number): void {
    if (this.fieldIndex === 0) this.rowLine = this.line;
    if (!this.names) this.header.positions.push(this.at(i));
  }

  private field(value: string | null): void {
    if (!this.names) {
      this.header.cells.push(value);
      return;
    }
    const column = this.columns[this.fieldIndex];
    if (column) column[this.rows] = value;
  }

  /** The row ends at byte `end` of the chunk, or at the end of the text. */
  private endRow(end: number): void {
    const count = this.fieldIndex + 1;
    this.fieldIndex = 0;
    this.state = State.FieldStart;
    if (!this.names) {
      this.names = checkHeader(this.header.cells, this.header.positions, this.file);
      this.batchRows = rowsPerBatch(this.requestedRows, this.names.length);
      this.lines = new Uint32Array(this.batchRows);
      this.columns = this.newColumns();
      return;
    }
    const expected = this.names.length;
    if (count !== expected) {
      throw new InputError(
        `row has ${count} field${count === 1 ? "" : "s"} but the header has ${expected}`,
        { file: this.file, ...(this.extraField ?? (end === END_OF_TEXT ? this.position() : this.at(end))) },
        "quote fields that contain the delimiter or a line break, and give every row one field per column",
      );
    }
    this.lines[this.rows] = this.rowLine;
    this.rows++;
    this.totalRows++;
    if (this.rows === this.batchRows) this.flush();
  }

  private flush(): void {
    if (this.rows === 0 || !this.names) return;
    if (this.rows < this.batchRows) for (const column of this.columns) column.length = this.rows;
    this.ready.push({
      names: this.names,
      columns: this.columns,
      rowCount: this.rows,
      lines: this.lines.subarray(0, this.rows),
      source: this.file,
    });
    this.columns = this.newColumns();
    this.lines = new Uint32Array(this.batchRows);
    this.rows = 0;
    this.readHints();
  }

  /** The hints change as the profile learns types: read them again for every batch. */
  private readHints(): void {
    const hints = this.numericHints;
    const names = this.names;
    if (!hints || !names) return;
    if (this.numericKinds.length !== names.length) this.numericKinds = new Uint8Array(names.length);
    names.forEach((name, i) => {
      const hint = hints.get(name);
      this.numericKinds[i] = hint === "integer" ? INTEGER_KIND : hint === "float" ? FLOAT_KIND : 0;
    });
  }

  /** Preallocated: filling by index is faster than pushing, and nearly every batch is full. */
  private newColumns(): Cell[][] {
    return Array.from({ length: this.names?.length ?? 0 }, () => new Array<Cell>(this.batchRows));
  }

  /** Byte `j` is CR or LF: the line ends, unless it is the LF of a CRLF already counted. */
  private lineBreak(j: number): void {
    const bytes = this.bytes;
    const secondOfCRLF = bytes[j] === LF && (j > 0 ? bytes[j - 1] === CR : this.endedWithCR);
    if (!secondOfCRLF) this.line++;
    this.cursorByte = j + 1;
    this.cursorChars = 0;
  }

  /** The line and column of byte `j` of the chunk; `j` never goes back within a line. */
  private at(j: number): Position {
    this.cursorChars += this.chars(this.cursorByte, j);
    this.cursorByte = j;
    return { line: this.line, column: this.cursorChars + 1 };
  }

  private cut(start: number, end: number): string {
    return this.text !== undefined ? this.text.slice(start, end) : this.bytes.toString("utf8", start, end);
  }

  /** Characters in bytes `[start, end)` of the chunk: every byte that does not continue a character. */
  private chars(start: number, end: number): number {
    if (this.text !== undefined) return end - start;
    let count = 0;
    for (let k = start; k < end; k++) if (((this.bytes[k] as number) & 0xc0) !== 0x80) count++;
    return count;
  }

  private error(problem: string, j: number, fix: string): InputError {
    return new InputError(problem, { file: this.file, ...this.at(j) }, fix);
  }
}
