/** Workspaces for evaluate tests: two churn models the builtin trainer writes, and holdout rows. */
import { expect } from "vitest";
import { runCli } from "../../cli/run-cli.js";
import { churnCsv, gitWorkspace } from "../train/workspace.js";

/** v1: a weak model on one feature (the champion); v2: every feature (the challenger). */
export function trainedWorkspace(): string {
  const cwd = gitWorkspace({ "train.csv": churnCsv(3000, 1), "holdout.csv": churnCsv(1500, 2) });
  for (const [dir, features] of [
    ["v1", ["--features", "age"]],
    ["v2", []],
  ] as const) {
    const train = ["train", "--data", "train.csv", "--trainer", "logistic", "--target", "churned", "--output-dir", dir];
    expect(runCli([...train, ...features, "--json"], { cwd }).status).toBe(0);
  }
  return cwd;
}
