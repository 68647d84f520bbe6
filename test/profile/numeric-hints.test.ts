/**
 * The CSV reader hands plain decimals of integer and float columns over as numbers once the profile
 * knows those types: the profile must be exactly the one built from text cells alone.
 */
import { describe, expect, it } from "vitest";
import { openTable } from "../../src/core/data/index.js";
import { DatasetProfile, profileTable, toProfileDocument } from "../../src/core/profile/index.js";

const fixtures = ["test/fixtures/profile/mixed-1.csv", "test/fixtures/profile/mixed-2.csv"];

describe("numbers read straight from CSV bytes", () => {
  it.each([100, 2000])("give the same profile as text cells (batches of %i rows)", async (batchRows) => {
    const options = { workspace: process.cwd(), env: {}, batchRows };
    const hinted = await profileTable(await openTable(fixtures, options));
    const textOnly = new DatasetProfile();
    const table = await openTable(fixtures, options);
    let numbersSeen = 0;
    for await (const batch of table.batches()) {
      for (const column of batch.columns)
        for (const cell of Array.from(column)) if (typeof cell === "number") numbersSeen++;
      textOnly.addBatch(batch);
    }
    for (const [name, fingerprint] of table.fingerprints()) textOnly.sources.push({ name, ...fingerprint });
    expect(numbersSeen).toBe(0);
    expect(hinted.numericHints.size).toBeGreaterThan(0);
    expect(JSON.stringify(toProfileDocument(hinted))).toBe(JSON.stringify(toProfileDocument(textOnly)));
  });

  it("delivers numbers for hinted columns and keeps text the strict parser must judge", async () => {
    const { writeFile } = await import("node:fs/promises");
    const { tempDir } = await import("../support/temp.js");
    const dir = await tempDir("mlgate-hints-");
    await writeFile(`${dir}/t.csv`, "i,f\n1,1.5\n-2,.5\n12.0,1e3\nNA,nan\n+7,7.\n");
    const table = await openTable(`${dir}/t.csv`, { workspace: dir, env: {}, batchRows: 1 });
    const hints = new Map<string, "integer" | "float">([
      ["i", "integer"],
      ["f", "float"],
    ]);
    const cells: unknown[][] = [];
    for await (const batch of table.batches({ numericHints: hints })) cells.push(batch.columns.map((c) => c[0]));
    expect(cells).toEqual([
      ["1", "1.5"],
      [-2, 0.5],
      ["12.0", "1e3"],
      ["NA", "nan"],
      [7, 7],
    ]);
  });
});
