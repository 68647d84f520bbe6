/**
 * ncc entry of dist/index.js: the one bundle the GitHub actions' entries (dist/github/<task>.js) and
 * the `mlgate` executable (dist/cli.js) import, so shared code is committed once.
 */

export { main as runCli } from "../../src/hosts/cli/main.js";
export { runGitHubAction } from "../../src/hosts/github/main.js";
