/** What the trigger tests fire with, and how they catch the one-line errors. */
import { expect } from "vitest";
import { InputError } from "../../src/core/errors.js";
import type { RetrainReason } from "../../src/core/trigger/index.js";

export const key = "retrain-trigger";

export const why: RetrainReason = {
  model: "churn",
  version: 7,
  reason: "3 of 12 columns drifted (25% > 20%)",
  driftShare: 0.25,
  driftedColumns: ["tenure", "monthly_charges", "contract"],
  runUrl: "https://github.com/octo-org/churn-models/actions/runs/42",
};

/** The InputError the promise rejects with, checked to be one line that never shows `token`. */
export async function inputError(promise: Promise<unknown>, token: string): Promise<InputError> {
  const error = await promise.then(
    () => expect.fail("expected an InputError"),
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(InputError);
  const inputError = error as InputError;
  expect(inputError.exitCode).toBe(2);
  expect(inputError.message.startsWith(`'${key}': `)).toBe(true);
  expect(inputError.message).not.toContain("\n");
  expect(inputError.message).not.toContain(token);
  expect(inputError.stack ?? "").not.toContain(token);
  return inputError;
}
