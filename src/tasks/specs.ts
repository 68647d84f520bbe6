/** Every task's spec, in pipeline order: what the generators and the CLI's --help read. */
import { deploySpec } from "./deploy.spec.js";
import { evaluateAgainstChampionSpec } from "./evaluate-against-champion.spec.js";
import { monitorDriftSpec } from "./monitor-drift.spec.js";
import { registerSpec } from "./register.spec.js";
import type { TaskSpec } from "./spec.js";
import { trainSpec } from "./train.spec.js";
import { validateDataSpec } from "./validate-data.spec.js";

export const taskSpecs: readonly TaskSpec[] = [
  validateDataSpec,
  trainSpec,
  evaluateAgainstChampionSpec,
  registerSpec,
  deploySpec,
  monitorDriftSpec,
];
