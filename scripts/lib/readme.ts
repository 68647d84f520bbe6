/** The README's input and output tables, written between markers; the prose around them is by hand. */
import { azureName, azurePipelinesHostInputs, githubHostInputs } from "../../src/hosts/host-inputs.js";
import type { InputSpec, OutputSpec, TaskSpec } from "../../src/tasks/spec.js";
import { inputHelp } from "./describe.js";

export const readmeStart = "<!-- mlgate:generated:tables:start -->";
export const readmeEnd = "<!-- mlgate:generated:tables:end -->";

export function renderInputTable(inputs: readonly InputSpec[]): string {
  const rows = inputs.map((input) => [
    inputName(input.name),
    input.required ? "yes" : "",
    input.default === undefined ? "" : code(input.default),
    cell(inputHelp(input)),
  ]);
  return table(["Input", "Required", "Default", "Description"], rows);
}

export function renderOutputTable(outputs: readonly OutputSpec[]): string {
  return table(
    ["Output", "Description"],
    outputs.map((output) => [inputName(output.name), cell(output.description)]),
  );
}

export function renderReadmeTables(specs: readonly TaskSpec[]): string {
  const sections = specs.map((spec) =>
    [`### ${spec.name}`, spec.description, renderInputTable(spec.inputs), renderOutputTable(spec.outputs)].join("\n\n"),
  );
  const hostInputs = [
    "### Host inputs",
    "Every task also takes these, on one host only.",
    table(
      ["Host", "Input", "Default", "Description"],
      [
        ...githubHostInputs.map((input) => ["GitHub Actions", ...hostRow(input)]),
        ...azurePipelinesHostInputs.map((input) => ["Azure Pipelines", ...hostRow(input)]),
      ],
    ),
  ].join("\n\n");
  return [...sections, hostInputs].join("\n\n");
}

/** Replaces what lies between the markers, keeping everything else byte for byte. */
export function spliceReadme(readme: string, tables: string): string {
  const start = readme.indexOf(readmeStart);
  const end = readme.indexOf(readmeEnd);
  if (start === -1 || end < start)
    throw new Error(`README.md needs the markers ${readmeStart} and ${readmeEnd}, in that order`);
  return `${readme.slice(0, start + readmeStart.length)}\n\n${tables}\n\n${readme.slice(end)}`;
}

export const minimalReadme = `# mlgate\n\n${readmeStart}\n${readmeEnd}\n`;

function hostRow(input: InputSpec): string[] {
  return [code(input.name), input.default === undefined ? "" : code(input.default), cell(inputHelp(input))];
}

/** The spec name; Azure Pipelines' spelling too where it differs. */
function inputName(name: string): string {
  const azure = azureName(name);
  return azure === name ? code(name) : `${code(name)}<br>Azure: ${code(azure)}`;
}

function code(text: string): string {
  return `\`${text.replaceAll("|", "\\|")}\``;
}

function cell(text: string): string {
  return text.replaceAll("|", "\\|").replace(/\s*\n\s*/g, " ");
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}
