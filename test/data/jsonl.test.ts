/** JSON Lines: typed values, the union of keys, and the line and column of each bad line. */
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/errors.js";
import { readJsonl } from "./read.js";

describe("reading JSON Lines", () => {
  it("keeps scalars typed, writes nested values as JSON text and skips blank lines", async () => {
    const text = '{"n": 1.5, "s": "x", "b": true, "z": null, "o": {"k": [1, 2]}, "a": [1, "y"]}\n\n  \r\n{"n": -2}\r\n';
    const { names, rows, lines } = await readJsonl(text);
    expect(names).toEqual(["n", "s", "b", "z", "o", "a"]);
    expect(rows).toEqual([
      [1.5, "x", true, null, '{"k":[1,2]}', '[1,"y"]'],
      [-2, null, null, null, null, null],
    ]);
    expect(lines).toEqual([1, 4]);
  });

  it("takes the union of keys in order of first appearance, later batches adding names", async () => {
    const text = '{"a": 1}\n{"b": 2}\n{"c": 3, "a": 4}\n{"b": 5}\n';
    const { batches, rows } = await readJsonl(text, { batchRows: 2, sizes: [3] });
    expect(batches.map((batch) => batch.names)).toEqual([
      ["a", "b"],
      ["a", "b", "c"],
    ]);
    expect(batches.map((batch) => batch.columns)).toEqual([
      [
        [1, null],
        [null, 2],
      ],
      [
        [4, null],
        [null, 5],
        [3, null],
      ],
    ]);
    expect(rows).toHaveLength(4);
  });

  it("reads a last line without a line break, and text cut anywhere", async () => {
    const text = '{"name": "Åsa 😀"}\n{"name": "ü"}';
    for (const size of [1, 2, 5]) expect((await readJsonl(text, { sizes: [size] })).rows).toEqual([["Åsa 😀"], ["ü"]]);
  });
});

describe("bad JSON Lines", () => {
  const fails = async (data: string | Buffer, message: string) => {
    const failure = await readJsonl(data).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(InputError);
    expect((failure as Error).message).toBe(message);
  };
  const FIX = "write one complete JSON object per line";

  it("names the line and column of invalid JSON", async () => {
    await fails('{"a": 1}\n\n{"a": 1,}\n', `x.jsonl:3:9: invalid JSON — ${FIX}`);
    await fails('{"a": tru}\n', `x.jsonl:1:7: invalid JSON — ${FIX}`);
    await fails('{"é": "x\ty"}\n', `x.jsonl:1:9: invalid JSON — ${FIX}`);
    await fails('{"a": [1, 2\n', `x.jsonl:1:12: invalid JSON: the line ends too early — ${FIX}`);
  });

  it("names a line that is not an object", async () => {
    const fix = 'write one object per line, such as {"name": "value"}';
    await fails('{"a": 1}\n[1, 2]\n', `x.jsonl:2:1: the line is an array, not a JSON object — ${fix}`);
    await fails('  "text"\n', `x.jsonl:1:3: the line is a string, not a JSON object — ${fix}`);
    await fails("null\n", `x.jsonl:1:1: the line is null, not a JSON object — ${fix}`);
  });

  it("names the line and column of a byte that is not UTF-8", async () => {
    await fails(
      Buffer.concat([Buffer.from('{"a": 1}\n{"é": "'), Buffer.from([0xfe]), Buffer.from('"}\n')]),
      "x.jsonl:2:8: invalid UTF-8 (byte 0xFE) — save the file as UTF-8",
    );
  });

  it("refuses a file without rows", async () => {
    await fails("", "x.jsonl: has no rows — write one JSON object per line");
    await fails("\n  \n", "x.jsonl: has no rows — write one JSON object per line");
  });
});
