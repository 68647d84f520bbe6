/** Every task's spec, in pipeline order: what the generators and the CLI's --help read. */
import { registerSpec } from "./register.spec.js";
import type { TaskSpec } from "./spec.js";

export const taskSpecs: readonly TaskSpec[] = [registerSpec];
