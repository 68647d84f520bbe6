// Stands in for dist/github/register.js until the committed bundle exists.
import { runGitHubAction } from "../../../../src/hosts/github/main.js";

await runGitHubAction("register");
