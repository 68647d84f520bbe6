/** Every runnable task by name: what the hosts dispatch on. */
import { deploy } from "./deploy.js";
import { evaluateAgainstChampion } from "./evaluate-against-champion.js";
import { monitorDrift } from "./monitor-drift.js";
import { register } from "./register.js";
import type { Task } from "./spec.js";
import { train } from "./train.js";
import { validateData } from "./validate-data.js";

export const tasks: ReadonlyMap<string, Task> = new Map(
  [validateData, train, evaluateAgainstChampion, register, deploy, monitorDrift].map((task) => [task.spec.name, task]),
);
