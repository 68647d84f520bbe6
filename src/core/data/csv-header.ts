/** The header row names the columns: every name present and unique. */
import { InputError } from "../errors.js";
import type { Position } from "./csv-parser.js";

export function checkHeader(cells: readonly (string | null)[], positions: readonly Position[], file: string): string[] {
  const seen = new Map<string, number>();
  return cells.map((cell, index) => {
    const where = { file, ...positions[index] };
    if (cell === null || cell.trim() === "") {
      throw new InputError(
        `column ${index + 1} has no name in the header row`,
        where,
        "name every column (pandas writes an unnamed index column unless to_csv(index=False))",
      );
    }
    const first = seen.get(cell);
    if (first !== undefined) {
      throw new InputError(
        `duplicate column name ${JSON.stringify(cell)} (columns ${first + 1} and ${index + 1})`,
        where,
        "give every column a unique name",
      );
    }
    seen.set(cell, index);
    return cell;
  });
}
