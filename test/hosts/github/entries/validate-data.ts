// Stands in for dist/github/validate-data.js until the committed bundle exists.
import { runGitHubAction } from "../../../../src/hosts/github/main.js";

await runGitHubAction("validate-data");
