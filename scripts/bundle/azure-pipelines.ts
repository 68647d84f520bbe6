/** ncc entry of the Azure Pipelines bundle, copied into each task folder by `npm run package`. */
export { runAzurePipelinesTask } from "../../src/hosts/azure-pipelines/main.js";
