/** Every runnable task by name: what the hosts dispatch on. */
import { register } from "./register.js";
import type { Task } from "./spec.js";

export const tasks: ReadonlyMap<string, Task> = new Map([register].map((task) => [task.spec.name, task]));
