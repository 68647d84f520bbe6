/** ncc entry of dist/github/index.js, the bundle every action's entry imports. */
export { runGitHubAction } from "../../src/hosts/github/main.js";
