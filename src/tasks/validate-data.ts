/**
 * validate-data: read the data once, profiling it and checking it against its schema in the same
 * streaming pass; write the profile (what register stores and monitor-drift compares with) and the
 * report. Without a schema, infer one for review instead. Exit 1 when anomalies reach `fail-on`.
 */
import path from "node:path";
import type { DataFormat } from "../core/data/table.js";
import { toProfileDocument } from "../core/profile/index.js";
import { renderHtml } from "../core/report/html.js";
import { renderMarkdown } from "../core/report/markdown.js";
import {
  type Anomaly,
  declaredTypes,
  formatSchema,
  inferSchema,
  readSchema,
  SchemaChecker,
} from "../core/schema/index.js";
import type { TaskContext } from "./context.js";
import { publishReport } from "./publish-report.js";
import { profileData } from "./read-data.js";
import { writeReportFile } from "./report-files.js";
import type { Inputs, Task, TaskResult } from "./spec.js";
import { exampleText, validationReport } from "./validate-data.report.js";
import { validateDataSpec } from "./validate-data.spec.js";

export const validateData: Task = { spec: validateDataSpec, run: runValidateData };

/** GitHub shows only the first few annotations of a step; more would bury the summary. */
const MAX_ANNOTATIONS = 20;

async function runValidateData(inputs: Inputs, ctx: TaskContext): Promise<TaskResult> {
  const schemaFile = inputs.schema as string | undefined;
  const schema = schemaFile ? await readSchema(schemaFile) : undefined;
  const checker = schema ? new SchemaChecker(schema) : undefined;
  const data = inputs.data as string;
  const profile = await profileData(data, ctx, {
    format: inputs.format as DataFormat | undefined,
    types: schema ? declaredTypes(schema) : undefined,
    onBatch: checker ? (batch, typed) => checker.checkBatch(batch, typed) : undefined,
  });
  const anomalies = checker ? checker.finish(profile) : [];
  let schemaUsed = { file: schemaFile ?? "", inferred: false };
  if (!schema) {
    const file = inputs["schema-out"] as string;
    await writeReportFile(file, formatSchema(inferSchema(profile)));
    schemaUsed = { file: path.relative(ctx.workspace, file) || file, inferred: true };
    ctx.log.warning(
      `no schema given: inferred one from the data and wrote ${schemaUsed.file}; review it and check it in`,
    );
  }

  const document = toProfileDocument(profile);
  const profileFile = await writeReportFile(inputs["profile-out"] as string, `${JSON.stringify(document)}\n`);
  const redactValues = inputs["redact-values"] === true;
  const failed = fails(anomalies, inputs["fail-on"] as string);
  const outcome = { data, document, anomalies, schema: schemaUsed, failed, redactValues };
  annotate(anomalies, ctx, redactValues);
  const report = await writeReportFile(inputs["report-out"] as string, renderHtml(validationReport(outcome)));
  const markdown = renderMarkdown(validationReport(outcome));
  await publishReport(ctx, `validate-data:${data}`, markdown);
  const errors = anomalies.filter((anomaly) => anomaly.severity === "error").length;
  return {
    exitCode: failed ? 1 : 0,
    outputs: {
      valid: String(!failed),
      errors: String(errors),
      warnings: String(anomalies.length - errors),
      profile: profileFile,
      report,
    },
  };
}

function fails(anomalies: readonly Anomaly[], failOn: string): boolean {
  if (failOn === "never") return false;
  return anomalies.some((anomaly) => failOn === "warning" || anomaly.severity === "error");
}

/** Each anomaly once in the log; where its first example is a row of a local file, on that file and line. */
function annotate(anomalies: readonly Anomaly[], ctx: TaskContext, redactValues: boolean): void {
  anomalies.forEach((anomaly, index) => {
    const example = anomaly.examples[0];
    const where = anomaly.column === undefined ? "" : `column '${anomaly.column}': `;
    const examples = anomaly.examples.map((e) => exampleText(e, redactValues)).join("; ");
    const message = `${where}${anomaly.kind}: ${anomaly.observed}; expected ${anomaly.expected}${examples ? ` (e.g. ${examples})` : ""}`;
    const location =
      index < MAX_ANNOTATIONS && example?.line !== undefined && !example.source.includes("://")
        ? { file: example.source, line: example.line }
        : undefined;
    if (anomaly.severity === "error") ctx.log.error(message, location);
    else ctx.log.warning(message, location);
  });
}
