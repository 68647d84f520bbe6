/** Columns gathered during the profile's pass equal a second pass with the final types, or are refused. */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openTable } from "../../src/core/data/index.js";
import type { ColumnType } from "../../src/core/profile/index.js";
import { profileTable } from "../../src/core/profile/index.js";
import { ColumnCollector } from "../../src/core/tabular/column-collector.js";
import { readColumns } from "../../src/core/tabular/read-columns.js";
import { tempDir } from "../support/temp.js";

async function bothWays(name: string, content: string, maxRows?: number) {
  const dir = await tempDir("mlgate-collector-");
  writeFileSync(path.join(dir, name), content);
  const open = () => openTable(name, { workspace: dir, env: {}, batchRows: 3 });
  const collector = new ColumnCollector(() => true, maxRows);
  const profile = await profileTable(await open(), { onBatch: (batch, typed) => collector.add(batch, typed) });
  const types = new Map<string, ColumnType>();
  for (const [column, stats] of profile.columns) if (stats.type) types.set(column, stats.type);
  const again = await readColumns(await open(), { types, ...(maxRows === undefined ? {} : { maxRows }) });
  return { collected: collector.finish(types), again, types };
}

describe("ColumnCollector", () => {
  it("gathers every type in the profile's pass exactly as a second pass reads it", async () => {
    const csv = [
      "n,x,plan,flag,day",
      "1,0.5,basic,true,2024-01-02",
      ",1.5,pro,false,",
      "3,NA,,true,2024-01-03",
      "4,-2,basic,,2024-01-04",
      "5,1e3,plus,false,2024-01-05",
      "NA,7,pro,true,2024-01-06",
      "7,0.25,basic,false,2024-01-07",
    ].join("\n");
    const { collected, again, types } = await bothWays("mixed.csv", `${csv}\n`);
    expect(Object.fromEntries(types)).toEqual({
      n: "integer",
      x: "float",
      plan: "string",
      flag: "boolean",
      day: "date",
    });
    expect(collected).toEqual(again);
    expect(Array.from(again.numeric.get("n") as Float64Array)).toEqual([1, Number.NaN, 3, 4, 5, Number.NaN, 7]);
    expect(again.text.get("flag")).toEqual(["true", "false", "true", "", "false", "true", "false"]);
    expect(again.missing.get("n")).toBe(2);
  });

  it("keeps integers gathered before the column turned float", async () => {
    const { collected, again, types } = await bothWays("widen.csv", "v\n1\n2\n3\n4\n5\n6.5\n");
    expect(types.get("v")).toBe("float");
    expect(collected).toEqual(again);
    expect(Array.from(collected?.numeric.get("v") as Float64Array)).toEqual([1, 2, 3, 4, 5, 6.5]);
  });

  it("reads a cell that does not fit the decided type as missing, both ways", async () => {
    const { collected, again, types } = await bothWays("invalid.csv", "v\n1\n2\n3\n4\nfour\n");
    expect(types.get("v")).toBe("integer");
    expect(collected).toEqual(again);
    expect(Array.from(again.numeric.get("v") as Float64Array)).toEqual([1, 2, 3, 4, Number.NaN]);
    expect(again.missing.get("v")).toBe(1);
  });

  it("gives up on a text column whose first batch was all missing, leaving it to a second pass", async () => {
    const { collected, again, types } = await bothWays("late-text.csv", "k,v\n1,\n2,\n3,\n4,x\n5,y\n");
    expect(types.get("v")).toBe("string");
    expect(collected).toBeUndefined();
    expect(again.text.get("v")).toEqual(["", "", "", "x", "y"]);
  });

  it("keeps 'NA' as a value of a string column", async () => {
    const { collected, again } = await bothWays("na.csv", "v\nNA\nx\nNA\ny\nz\n");
    expect(collected).toEqual(again);
    expect(again.text.get("v")).toEqual(["NA", "x", "NA", "y", "z"]);
  });

  it("counts rows before a JSON Lines key first appears as missing", async () => {
    const lines = ['{"a":1}', '{"a":2}', '{"a":3}', '{"a":4,"b":0.5}', '{"a":5,"b":1.5}'].join("\n");
    const { collected, again } = await bothWays("late.jsonl", `${lines}\n`);
    expect(collected).toEqual(again);
    expect(Array.from(collected?.numeric.get("b") as Float64Array)).toEqual([
      Number.NaN,
      Number.NaN,
      Number.NaN,
      0.5,
      1.5,
    ]);
  });

  it("stops at maxRows", async () => {
    const { collected, again } = await bothWays("long.csv", "v,w\n1,a\n2,b\n3,c\n4,d\n5,e\n", 4);
    expect(collected).toEqual(again);
    expect(collected?.rows).toBe(4);
    expect(collected?.text.get("w")).toEqual(["a", "b", "c", "d"]);
  });
});
