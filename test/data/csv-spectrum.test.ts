/** Every file of the csv-spectrum corpus, whole and cut into small chunks. */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { asObjects, readCsv } from "./read.js";

const corpus = new URL("../../node_modules/csv-spectrum/", import.meta.url);
const names = readdirSync(new URL("csvs/", corpus)).map((file) => file.replace(/\.csv$/, ""));

/**
 * Where the corpus's expected JSON disagrees with its own CSV: location_coordinates.json is one
 * object, not an array, and has another phone number than the CSV row.
 */
const ERRATA: Record<string, (expected: unknown) => unknown> = {
  location_coordinates: (expected) => [{ ...(expected as object), "Contact Phone Number": "2095257564" }],
};

describe("csv-spectrum", () => {
  it("has the whole corpus", () => {
    expect(names).toHaveLength(12);
  });

  it.each(names)("%s", async (name) => {
    const csv = readFileSync(new URL(`csvs/${name}.csv`, corpus));
    const json: unknown = JSON.parse(readFileSync(new URL(`json/${name}.json`, corpus), "utf8"));
    const expected = ERRATA[name]?.(json) ?? json;
    expect(asObjects(await readCsv(csv))).toEqual(expected);
    for (const size of [1, 2, 3, 5, 7]) expect(asObjects(await readCsv(csv, { sizes: [size] }))).toEqual(expected);
  });
});
