// The root action: the task comes from the `task` input.
import { runGitHubAction } from "../../../../src/hosts/github/main.js";

await runGitHubAction();
