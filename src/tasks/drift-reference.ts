/**
 * The reference monitor-drift compares with: a profile file, or the training-data profile stored
 * with a registry version (by alias, the deployed one, or by number).
 */
import path from "node:path";
import { InputError } from "../core/errors.js";
import { parseStructured, readInputFile } from "../core/files.js";
import { type DatasetProfile, readProfileDocument } from "../core/profile/index.js";
import { openRegistry } from "../core/store/open.js";
import type { TaskContext } from "./context.js";
import type { Inputs } from "./spec.js";

export interface DriftReference {
  profile: DatasetProfile;
  /** `churn@3 (production)` or the profile file's path */
  label: string;
  model?: string;
  version?: number;
  createdAt?: Date;
}

export async function loadDriftReference(inputs: Inputs, ctx: TaskContext): Promise<DriftReference> {
  const file = inputs.reference as string | undefined;
  if (file) {
    const text = (await readInputFile(file, "reference")).toString("utf8");
    return {
      profile: readProfileDocument(parseStructured(text, file, "reference"), file),
      label: path.relative(ctx.workspace, file) || file,
      model: inputs.model as string | undefined,
    };
  }
  const model = inputs.model as string | undefined;
  if (!model) {
    throw new InputError(
      "no reference to compare with",
      { key: "reference" },
      "set 'reference' to a profile file, or 'model' (with 'alias' or 'version') to use the profile stored in the registry",
    );
  }
  const ref = (inputs.version as number | undefined) ?? (inputs.alias as string);
  const registry = await openRegistry(inputs.registry as string, {
    workspace: ctx.workspace,
    env: ctx.env,
    credential: ctx.azureCredential,
  });
  const manifest = await registry.resolve(model, ref);
  const label = `${model}@${manifest.version}${typeof ref === "string" ? ` (${ref})` : ""}`;
  const stored = manifest.artifacts.profile;
  if (!stored) {
    throw new InputError(
      `${label} has no training-data profile`,
      { key: "model" },
      "register versions with 'profile' (validate-data's profile-out), or pass 'reference' as a profile file",
    );
  }
  const data = await registry.getObject(stored);
  const where = `${label} profile`;
  return {
    profile: readProfileDocument(parseStructured(data.toString("utf8"), where, "reference"), where),
    label,
    model,
    version: manifest.version,
    createdAt: new Date(manifest.createdAt),
  };
}
