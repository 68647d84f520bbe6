/** --help text, rendered from the same specs that generate action.yml and task.json. */
import type { TaskSpec } from "../../tasks/spec.js";

export function renderMainHelp(specs: readonly TaskSpec[], version: string): string {
  const width = Math.max(...specs.map((spec) => spec.name.length), "registry".length) + 2;
  const lines = [
    `mlgate ${version} — gated ML delivery for CI`,
    "",
    "Usage: mlgate <task> --<input> <value> … [--json] [--debug]",
    "       mlgate registry <list|versions|show|history|verify> … [--registry <location>] [--json]",
    "       mlgate profile merge <profile.json> … --out <merged.json>",
    "       mlgate serve <model>@<alias|version> [--port 8080] [--log-to <folder>] … (mlgate serve --help)",
    "       mlgate pull <model>@<alias|version> [--out <file>]",
    "",
    "Tasks:",
    ...specs.map((spec) => `  ${spec.name.padEnd(width)}${spec.description}`),
    `  ${"registry".padEnd(width)}Browse and check the registry: list, versions <model>, show <model>@<version|alias>, history <model>, verify.`,
    `  ${"profile".padEnd(width)}Merge shard profiles (CI matrix jobs over parts of the data) into the profile of the whole.`,
    `  ${"serve".padEnd(width)}Serve a model@alias over HTTP (Open Inference Protocol v2 and JSON records), following the alias as it moves.`,
    `  ${"pull".padEnd(width)}Write a model@alias's ONNX file, checked against its digest.`,
    "",
    "Run `mlgate <task> --help` for a task's inputs. Exit codes: 0 success, 1 the answer is no, 2 bad input.",
  ];
  return `${lines.join("\n")}\n`;
}

export function renderTaskHelp(spec: TaskSpec): string {
  const lines = [`mlgate ${spec.name} — ${spec.description}`, "", "Inputs:"];
  for (const input of spec.inputs) {
    const facts = [
      input.type,
      input.required ? "required" : undefined,
      input.default !== undefined ? `default: ${input.default}` : undefined,
    ];
    const choices = input.options ? ` (${input.options.join(" | ")})` : "";
    lines.push(`  --${input.name} <${facts.filter(Boolean).join(", ")}>${choices}`, `      ${input.description}`);
  }
  lines.push("", "Outputs (with --json, one JSON object on stdout):");
  for (const output of spec.outputs) lines.push(`  ${output.name}: ${output.description}`);
  lines.push(
    "",
    "Common options:",
    "  --json   outputs as JSON on stdout, the report on stderr",
    "  --debug  stack traces and debug logs",
  );
  return `${lines.join("\n")}\n`;
}
