/**
 * The two models of an evaluation: the challenger (a file, or a registered version `name@version`)
 * and the champion (the version the champion alias points at, when it exists).
 */
import path from "node:path";
import { readInputFile } from "../../core/files.js";
import { inspectOnnxModel, type OnnxModelInfo } from "../../core/model/onnx.js";
import { checkName } from "../../core/store/layout.js";
import type { Registry } from "../../core/store/registry.js";
import type { Digest } from "../../core/store/types.js";

export interface ModelSource {
  /** what reports call it: `model.onnx`, `churn@7` */
  label: string;
  bytes: Buffer;
  info: OnnxModelInfo;
  digest: Digest;
  /** the registered version, for a model from the registry */
  version?: number;
}

export interface Champion extends ModelSource {
  version: number;
  alias: string;
  /** the alias revision the champion was read at: deploy checks it has not moved since */
  aliasRevision: number;
}

const REFERENCE = /^([A-Za-z0-9][A-Za-z0-9._-]*)@(\d+|[A-Za-z][A-Za-z0-9._-]*)$/;

/** `churn@7` or `churn@candidate` → the name and the version or alias; undefined for a file path. */
export function registryReference(value: string): { name: string; ref: string } | undefined {
  const match = REFERENCE.exec(value);
  if (!match || /\.onnx$/i.test(value)) return undefined;
  return { name: match[1] as string, ref: match[2] as string };
}

export async function loadChallenger(value: string, registry: Registry, workspace: string): Promise<ModelSource> {
  const reference = registryReference(value);
  if (reference) {
    const manifest = await registry.resolve(checkName(reference.name, "name"), reference.ref);
    const bytes = await registry.getObject(manifest.artifacts.model);
    const label = `${manifest.model}@${manifest.version}`;
    return { label, bytes, info: inspectOnnxModel(bytes, label), digest: manifest.digest, version: manifest.version };
  }
  const bytes = await readInputFile(path.resolve(workspace, value), "challenger");
  const info = inspectOnnxModel(bytes, value);
  return { label: value, bytes, info, digest: info.digest };
}

export async function loadChampion(registry: Registry, model: string, alias: string): Promise<Champion | undefined> {
  const state = await registry.getAlias(checkName(model, "name"), checkName(alias, "alias"));
  if (!state) return undefined;
  const manifest = await registry.resolve(model, state.version);
  const bytes = await registry.getObject(manifest.artifacts.model);
  const label = `${model}@${manifest.version}`;
  return {
    label,
    bytes,
    info: inspectOnnxModel(bytes, label),
    digest: manifest.digest,
    version: manifest.version,
    alias,
    aliasRevision: state.revision,
  };
}

/** The registry model whose champion the challenger faces: `model`, else the challenger reference's name. */
export function championModel(model: string | undefined, challenger: string): string | undefined {
  if (model !== undefined) return model;
  const reference = registryReference(challenger);
  if (reference) return reference.name;
  return undefined;
}
