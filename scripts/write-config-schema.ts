/** Writes schema/mlgate.schema.json from the task specs (run by `npm run generate`). */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { buildConfigSchema } from "../src/core/config/schema.js";
import { taskSpecs } from "../src/tasks/specs.js";

const target = fileURLToPath(new URL("../schema/mlgate.schema.json", import.meta.url));
writeFileSync(target, `${JSON.stringify(buildConfigSchema(taskSpecs), null, 2)}\n`);
console.log(`wrote ${target}`);
