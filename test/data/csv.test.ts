/** CSV and TSV: RFC 4180 details, line tracking, batches, and the one-line error for each bad input. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/errors.js";
import { readCsv } from "./read.js";

const RAGGED_FIX = "quote fields that contain the delimiter or a line break, and give every row one field per column";
const QUOTE_FIX = 'close the quoted field, and double every quote inside it ("")';

describe("reading CSV", () => {
  it("reads quoted delimiters, escaped quotes and quoted line breaks", async () => {
    const { names, rows } = await readCsv('id,text\n1,"a, b"\n2,"say ""hi"""\n3,"two\nlines"\n');
    expect(names).toEqual(["id", "text"]);
    expect(rows).toEqual([
      ["1", "a, b"],
      ["2", 'say "hi"'],
      ["3", "two\nlines"],
    ]);
  });

  it("tells an unquoted empty field (null) from a quoted one (empty text)", async () => {
    const { rows } = await readCsv('a,b,c\n,"",x\n"",,\n');
    expect(rows).toEqual([
      [null, "", "x"],
      ["", null, null],
    ]);
  });

  it("tracks the line each row starts on through CRLF, a BOM, quoted line breaks and blank lines", async () => {
    const text = '\uFEFFa,b\r\n1,"x\r\ny"\r\n\r\n2,z\r\n3,"\n\n"\n4,w';
    const { names, rows, lines } = await readCsv(text);
    expect(names).toEqual(["a", "b"]);
    expect(rows).toEqual([
      ["1", "x\r\ny"],
      ["2", "z"],
      ["3", "\n\n"],
      ["4", "w"],
    ]);
    expect(lines).toEqual([2, 5, 6, 9]);
  });

  it("ends lines at a bare CR too", async () => {
    const { rows, lines } = await readCsv("a,b\r1,2\r3,4");
    expect(rows).toEqual([
      ["1", "2"],
      ["3", "4"],
    ]);
    expect(lines).toEqual([2, 3]);
  });

  it("keeps a quote inside an unquoted field as text", async () => {
    const { rows } = await readCsv('a,b\n37.8"N,x"\n');
    expect(rows).toEqual([['37.8"N', 'x"']]);
  });

  it("reads TSV, where commas are text", async () => {
    const { names, rows } = await readCsv('a\tb\n1,5\t"x\ty"\n', { delimiter: "\t" });
    expect(names).toEqual(["a", "b"]);
    expect(rows).toEqual([["1,5", "x\ty"]]);
  });

  it("reads multi-byte text cut anywhere by the stream", async () => {
    const text = '名前,emoji\nÅsa,😀\n"ü,ß",🎉\n';
    for (const size of [1, 2, 3, 5]) {
      expect((await readCsv(text, { sizes: [size] })).rows).toEqual([
        ["Åsa", "😀"],
        ["ü,ß", "🎉"],
      ]);
    }
  });

  it("gives the same table however the stream is cut", async () => {
    const cell = fc.oneof(
      fc.constant(null),
      fc.string({ unit: fc.constantFrom("a", "é", "😀", ",", '"', "\n", "\r\n", " ", "") }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 1, max: 4 })
          .chain((width) =>
            fc.tuple(
              fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 8 }),
              fc.constant(width),
            ),
          ),
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        async ([rows, width], sizes, quoteAll) => {
          // a single column cannot write null: its empty line would be skipped as blank
          const table = width === 1 ? rows.map((row) => row.map((value) => value ?? "")) : rows;
          const names = Array.from({ length: width }, (_, column) => `c${column}`);
          const write = quoteAll ? quote : quoteWhereNeeded;
          const text = [names, ...table].map((row) => row.map(write).join(",")).join("\r\n");
          const read = await readCsv(text, { sizes });
          expect(read.names).toEqual(names);
          expect(read.rows).toEqual(table);
          let line = 2;
          const lines = table.map((row) => {
            const start = line;
            line += 1 + row.join("").split(/\r\n|\n/).length - 1;
            return start;
          });
          expect(read.lines).toEqual(lines);
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** Quotes every non-null cell, so empty text, delimiters and line breaks survive. */
function quote(value: string | null): string {
  return value === null ? "" : `"${value.replace(/"/g, '""')}"`;
}

/** Quotes only empty text and cells that start with a quote or hold a delimiter or line break. */
function quoteWhereNeeded(value: string | null): string {
  return value !== null && (value === "" || /^"|[,\r\n]/.test(value)) ? quote(value) : (value ?? "");
}

describe("batches", () => {
  it("bounds the rows of each batch and keeps every row", async () => {
    const rows = 200_000;
    let text = "id,value,label\n";
    for (let row = 0; row < rows; row++) text += `${row},${row * 0.5},"l${row % 7}"\n`;
    const read = await readCsv(text, { batchRows: 5_000, sizes: [65_536] });
    expect(read.batches.every((batch) => batch.rowCount <= 5_000)).toBe(true);
    expect(read.batches).toHaveLength(40);
    expect(read.rows).toHaveLength(rows);
    expect(read.rows[123_456]).toEqual(["123456", "61728", "l4"]);
    expect(read.lines[199_999]).toBe(200_001);
  });

  it("holds at most 16384 rows and 65536 cells by default", async () => {
    const narrow = await readCsv(`a\n${"1\n".repeat(40_000)}`, { sizes: [65_536] });
    expect(narrow.batches.map((batch) => batch.rowCount)).toEqual([16_384, 16_384, 7_232]);
    const header = Array.from({ length: 10 }, (_, column) => `c${column}`).join(",");
    const wide = await readCsv(`${header}\n${"1,2,3,4,5,6,7,8,9,10\n".repeat(10_000)}`, { sizes: [65_536] });
    expect(wide.batches.map((batch) => batch.rowCount)).toEqual([6_553, 3_447]);
  });
});

describe("bad CSV", () => {
  const fails = async (data: string | Buffer, message: string, sizes?: number[]) => {
    const failure = await readCsv(data, { sizes }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(InputError);
    expect((failure as Error).message).toBe(message);
  };

  it("names the row with more fields than the header, at its first extra field", async () => {
    await fails("a,b\n1,2\n3,4,5,6\n", `x.csv:3:5: row has 4 fields but the header has 2 — ${RAGGED_FIX}`);
  });

  it("names the row with fewer fields than the header, where it ends", async () => {
    await fails("a,b,c\n1,2,3\n4,5\n", `x.csv:3:4: row has 2 fields but the header has 3 — ${RAGGED_FIX}`);
    await fails("a,b,c\n1,2,3\n4", `x.csv:3:2: row has 1 field but the header has 3 — ${RAGGED_FIX}`);
  });

  it("names where an unclosed quote opened", async () => {
    const message = `x.csv:2:3: this quote is never closed — ${QUOTE_FIX}`;
    await fails('a,b\n1,"open\n3,4\n5,6\n', message);
    await fails('a,b\n1,"open\n3,4\n5,6\n', message, [1]);
  });

  it("names text after a closing quote", async () => {
    await fails(
      'a,b\n1,"x"y\n',
      'x.csv:2:6: text after the closing quote of a field — quote the whole field, and double every quote inside it ("")',
    );
  });

  it("names the line and column (in characters) of a byte that is not UTF-8", async () => {
    const bytes = Buffer.concat([Buffer.from('a,b\n1,"é\n😀'), Buffer.from([0xff]), Buffer.from('"\n')]);
    const message = "x.csv:3:2: invalid UTF-8 (byte 0xFF) — save the file as UTF-8";
    await fails(bytes, message);
    await fails(bytes, message, [1]);
    await fails(
      Buffer.concat([Buffer.from("a,b\n1,é"), Buffer.from([0xc3])]),
      "x.csv:2:4: invalid UTF-8 (byte 0xC3) — save the file as UTF-8",
    );
  });

  it("refuses an empty file", async () => {
    const message = "x.csv: is empty — write a header row and at least one data row";
    await fails("", message);
    await fails("\uFEFF", message);
    await fails("\n\r\n\n", message);
  });

  it("refuses a header without rows", async () => {
    const message = "x.csv: has a header row but no data rows — check that the right file is named";
    await fails("a,b", message);
    await fails("a,b\r\n\r\n", message);
  });

  it("names duplicate column names", async () => {
    await fails(
      "id,x,y,x\n1,2,3,4\n",
      'x.csv:1:8: duplicate column name "x" (columns 2 and 4) — give every column a unique name',
    );
  });

  it("names a column without a name", async () => {
    const fix = "name every column (pandas writes an unnamed index column unless to_csv(index=False))";
    await fails(",a,b\n0,1,2\n", `x.csv:1:1: column 1 has no name in the header row — ${fix}`);
    await fails('a,"",b\n0,1,2\n', `x.csv:1:3: column 2 has no name in the header row — ${fix}`);
  });

  it("says a binary file looks binary", async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);
    await fails(
      png,
      "x.csv: looks binary (a NUL byte at byte 9), not CSV text — check the path, and that the format matches the file's content",
    );
  });
});
