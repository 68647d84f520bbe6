/**
 * A rollback is an undo: replaying the alias history as a stack (a move pushes its target, a
 * rollback pops), the version below the top is where the alias goes back to. Rolling back twice
 * from 1 → 2 → 3 goes to 2, then to 1.
 */
import type { AliasMove } from "../../core/store/types.js";

export function rollbackTarget(history: readonly AliasMove[]): number | undefined {
  const stack: number[] = [];
  for (const move of history) {
    if (move.rollback) stack.pop();
    // moving to where it already points undoes nothing when rolled back
    else if (stack.at(-1) !== move.to) stack.push(move.to);
  }
  return stack.at(-2);
}
