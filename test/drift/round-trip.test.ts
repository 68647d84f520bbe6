/**
 * Drift monitoring reads the reference from the profile document stored with the model: a reference that
 * went through toProfileDocument → JSON → readProfileDocument must give exactly the drift of the in-memory
 * profile. Each side is profiled separately for the in-memory comparison, so writing the document cannot
 * affect it.
 */
import { describe, expect, it } from "vitest";
import { detectDrift } from "../../src/core/drift/index.js";
import { type DatasetProfile, readProfileDocument, toProfileDocument } from "../../src/core/profile/index.js";
import { expected, profileFile } from "./fixtures.js";

function throughJson(profile: DatasetProfile): DatasetProfile {
  return readProfileDocument(JSON.parse(JSON.stringify(toProfileDocument(profile))), "reference.profile.json");
}

describe("a reference read back from its profile document", () => {
  it.each(Object.entries(expected.exact))("%s: the same drift as the in-memory reference", async (_, fixture) => {
    const [inMemory, toWrite, current] = await Promise.all([
      profileFile(fixture.reference),
      profileFile(fixture.reference),
      profileFile(fixture.current),
    ]);
    const readBack = throughJson(toWrite);
    expect(readBack.digest).toBe(inMemory.digest);
    for (const correction of ["none", "benjamini-hochberg"] as const) {
      expect(detectDrift(readBack, current, { correction })).toEqual(detectDrift(inMemory, current, { correction }));
    }
    // both sides from documents
    expect(detectDrift(readBack, throughJson(current))).toEqual(detectDrift(inMemory, current));
  });

  it("sketched numeric columns: the same drift, bounds included", async () => {
    const fixture = expected.sketched;
    const columns = Object.entries(fixture.columns)
      .filter(([, c]) => c.kind === "numeric")
      .map(([name]) => name);
    const [inMemory, toWrite, current] = await Promise.all([
      profileFile(fixture.reference),
      profileFile(fixture.reference),
      profileFile(fixture.current),
    ]);
    const readBack = throughJson(toWrite);
    const want = detectDrift(inMemory, current, { columns });
    expect(want.columns.every((c) => !c.exact)).toBe(true);
    expect(detectDrift(readBack, current, { columns })).toEqual(want);
  });
});
