export { type CommandContract, contractEnv, paramVariable } from "./command-env.js";
export { type CommandOptions, type CommandResult, KEPT_LINES, runCommand } from "./run-command.js";
