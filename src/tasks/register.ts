/**
 * register: an ONNX file becomes an immutable, numbered version with its metrics, training-data
 * profile, params and lineage. Every input is read and checked before the store is touched, so bad
 * input writes nothing.
 */
import path from "node:path";
import { InputError } from "../core/errors.js";
import { numericLeaves, parseObject, readInputFile } from "../core/files.js";
import { inspectOnnxModel } from "../core/model/onnx.js";
import { readProfileDocument } from "../core/profile/index.js";
import { checkName } from "../core/store/layout.js";
import { openRegistry } from "../core/store/open.js";
import type { Registry } from "../core/store/registry.js";
import type { ArtifactRef, Digest, RunRecord, VersionManifest } from "../core/store/types.js";
import type { TaskContext } from "./context.js";
import { finishLineage, newRunId, startLineage } from "./lineage.js";
import { renderRegisterReport } from "./register.report.js";
import { registerSpec } from "./register.spec.js";
import type { Inputs, Task, TaskResult } from "./spec.js";
import { trainingRunOf } from "./training-run.js";

interface Attachment {
  key: "metrics" | "profile" | "params";
  file: string;
  data: Buffer;
  parsed: unknown;
}

export const register: Task = { spec: registerSpec, run: runRegister };

async function runRegister(inputs: Inputs, ctx: TaskContext): Promise<TaskResult> {
  const startedAt = ctx.now();
  const name = checkName(inputs.name as string, "name");
  const alias = inputs.alias === undefined ? undefined : checkName(inputs.alias as string, "alias");
  const modelFile = inputs.model as string;
  const modelData = await readInputFile(modelFile, "model");
  const model = inspectOnnxModel(modelData, modelFile);
  const attachments = await readAttachments(inputs);
  const tags = parseTags((inputs.tags as readonly string[] | undefined) ?? []);
  const metrics = attachments.find((a) => a.key === "metrics");

  const registry = await openRegistry(inputs.registry as string, {
    workspace: ctx.workspace,
    env: ctx.env,
    credential: ctx.azureCredential,
  });
  const trainingRun = inputs.run ? await trainingRunOf(registry, inputs.run as string, model.digest) : undefined;
  const modelRef = await registry.putObject(modelData, "application/onnx", path.basename(modelFile));
  const artifacts: VersionManifest["artifacts"] = { model: modelRef };
  const inputDigests: Record<string, Digest> = { model: modelRef.digest };
  for (const attachment of attachments) {
    const ref: ArtifactRef = await registry.putObject(
      attachment.data,
      mediaTypeOf(attachment.file),
      path.basename(attachment.file),
    );
    artifacts[attachment.key] = ref;
    inputDigests[attachment.key] = ref.digest;
  }
  if (trainingRun) {
    await takeFromRun(trainingRun, artifacts, registry);
    for (const [key, ref] of Object.entries(artifacts)) inputDigests[key] ??= ref.digest;
  }
  const metricValues = metrics ? numericLeaves(metrics.parsed) : artifacts.metrics && trainingRun?.training?.metrics;

  const runId = newRunId(startedAt);
  const lineage = finishLineage(startLineage(ctx, registerSpec.name, startedAt), inputDigests, ctx.now());
  const { manifest, created } = await registry.registerVersion(
    name,
    {
      digest: model.digest,
      artifacts,
      signature: { inputs: model.inputs, outputs: model.outputs },
      ...(metricValues ? { metrics: metricValues } : {}),
      tags,
      lineage,
      runId,
      ...(trainingRun ? { trainingRun: trainingRun.id } : {}),
    },
    { allowDuplicate: inputs["allow-duplicate"] === true },
  );
  if (alias) {
    await registry.moveAlias(name, alias, manifest.version, {
      task: registerSpec.name,
      actor: ctx.identity.actor,
      runId,
      runUrl: ctx.identity.runUrl,
      reason: created ? "registered" : "registered again (same digest)",
    });
  }
  const outputs = {
    version: String(manifest.version),
    digest: manifest.digest,
    uri: `${registry.location}#${name}@${manifest.version}`,
    created: String(created),
  };
  await registry.putRun({
    schema: "mlgate.run/1",
    id: runId,
    task: registerSpec.name,
    lineage: finishLineage(lineage, inputDigests, ctx.now()),
    outputs,
    artifacts: artifacts as Record<string, ArtifactRef>,
    status: "succeeded",
  });
  if (!created)
    ctx.log.info(
      `${name}: this model (${manifest.digest}) is already version ${manifest.version}; nothing new registered`,
    );
  await ctx.summary(renderRegisterReport({ manifest, created, alias, location: registry.location }));
  return { exitCode: 0, outputs };
}

/** What the training run recorded stands in for the metrics, profile and params files not given. */
async function takeFromRun(run: RunRecord, artifacts: VersionManifest["artifacts"], registry: Registry): Promise<void> {
  for (const key of ["metrics", "profile"] as const) {
    const recorded = run.artifacts[key];
    if (!artifacts[key] && recorded) artifacts[key] = recorded;
  }
  if (!artifacts.params && run.params && Object.keys(run.params).length > 0) {
    artifacts.params = await registry.putObject(
      Buffer.from(`${JSON.stringify(run.params, null, 2)}\n`),
      "application/json",
      "params.json",
    );
  }
}

async function readAttachments(inputs: Inputs): Promise<Attachment[]> {
  const attachments: Attachment[] = [];
  for (const key of ["metrics", "profile", "params"] as const) {
    const file = inputs[key] as string | undefined;
    if (!file) continue;
    const data = await readInputFile(file, key);
    const parsed = parseObject(data, file, key);
    if (key === "profile") readProfileDocument(parsed, file);
    attachments.push({ key, file, data, parsed });
  }
  return attachments;
}

function parseTags(items: readonly string[]): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const item of items) {
    const match = /^([A-Za-z0-9_.\-/]+)=(.*)$/.exec(item);
    if (!match?.[1])
      throw new InputError(
        `tag '${item}' is not key=value`,
        { key: "tags" },
        "write tags as key=value, separated by commas or newlines",
      );
    tags[match[1]] = match[2] ?? "";
  }
  return tags;
}

function mediaTypeOf(file: string): string {
  return /\.ya?ml$/i.test(file) ? "application/yaml" : "application/json";
}
