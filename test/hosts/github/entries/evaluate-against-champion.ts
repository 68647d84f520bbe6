// Stands in for dist/github/evaluate-against-champion.js until the committed bundle exists.
import { runGitHubAction } from "../../../../src/hosts/github/main.js";

await runGitHubAction("evaluate-against-champion");
