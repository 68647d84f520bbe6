/** Parses and validates the text of mlgate.yml (loaded lazily by loadConfig). */
import { Ajv, type ValidateFunction } from "ajv";
import { LineCounter, parseDocument, type YAMLParseError } from "yaml";
import configSchema from "../../../schema/mlgate.schema.json" with { type: "json" };
import { InputError } from "../errors.js";
import type { Config } from "./config.js";
import { refuseSecrets } from "./secrets.js";
import { type ConfigSource, locate } from "./source.js";
import { violationError } from "./violations.js";

/** Parses and validates mlgate.yml's text; `file` is only used to name the file in messages. */
export function parseConfig(text: string, file: string): Config {
  const lines = new LineCounter();
  // prettyErrors off: the pretty form quotes the source line, which could hold a secret.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const source: ConfigSource = { file, doc, lines };

  const [syntaxError] = doc.errors;
  if (syntaxError) {
    const { line, col } = lines.linePos(syntaxError.pos[0]);
    const { problem, fix } = yamlProblem(syntaxError);
    throw new InputError(problem, { file, line, column: col }, fix);
  }
  if (doc.contents === null) throw new InputError("is empty", { file }, "add `version: 1`, or delete the file");

  refuseSecrets(source);

  let values: unknown;
  try {
    values = doc.toJS();
  } catch (error) {
    // an alias to a missing anchor, or aliases that expand without bound
    throw new InputError(
      `invalid YAML: ${(error as Error).message}`,
      { file },
      "fix the anchors (&name) and aliases (*name)",
    );
  }
  const validate = configValidator();
  if (!validate(values)) throw violationError(source, validate.errors ?? []);

  const { $schema: _editorHint, ...settings } = values as Omit<Config, "file" | "locate"> & { $schema?: string };
  return { ...settings, file, locate: (path) => locate(source, path.split(".")) };
}

function yamlProblem(error: YAMLParseError): { problem: string; fix: string } {
  if (error.code === "MULTIPLE_DOCS") {
    return { problem: "holds more than one YAML document", fix: "keep one document: remove the `---` separator" };
  }
  return { problem: `invalid YAML: ${error.message.split("\n")[0]}`, fix: "fix the YAML syntax at that position" };
}

let compiled: ValidateFunction | undefined;

function configValidator(): ValidateFunction {
  // verbose: the unknown-key message lists the allowed keys from the failing (parent) schema.
  compiled ??= new Ajv({ allowUnionTypes: true, verbose: true }).compile(configSchema);
  return compiled;
}
