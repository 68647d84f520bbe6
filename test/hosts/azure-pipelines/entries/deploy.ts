// Stands in for tasks/deploy/dist/index.js until the packaged task exists. No top-level await:
// ncc's webpack rejects it in a TypeScript entry.
import { runAzurePipelinesTask } from "../../../../src/hosts/azure-pipelines/main.js";

void runAzurePipelinesTask("deploy");
