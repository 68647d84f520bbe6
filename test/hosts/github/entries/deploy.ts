// Stands in for dist/github/deploy.js until the committed bundle exists.
import { runGitHubAction } from "../../../../src/hosts/github/main.js";

await runGitHubAction("deploy");
