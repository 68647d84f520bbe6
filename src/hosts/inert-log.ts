/**
 * Log lines can carry data (file names, column values). A CI runner executes a line that looks
 * like one of its commands, so such lines are broken with a zero-width space before they are printed.
 */
const ZERO_WIDTH_SPACE = "\u200b";

/** GitHub runs `::command::` at the start of any line. */
export function inertForGitHub(text: string): string {
  return text.replace(/^(\s*):/gm, `$1:${ZERO_WIDTH_SPACE}`);
}

/** Azure Pipelines runs `##vso[…]` anywhere in a line and formats `##[…]` at its start. */
export function inertForAzurePipelines(text: string): string {
  return text.replace(/##(vso)?\[/gi, (match) => `##${ZERO_WIDTH_SPACE}${match.slice(2)}`);
}
