/**
 * The run cache's key: what decides a training run's outputs. Equal keys mean the same task on the
 * same data, params, command, code and environment under the same mlgate version, so the stored
 * outputs can stand in for training again.
 */
import { sha256Digest } from "../../digest.js";
import { canonicalJson } from "./canonical-json.js";
import type { RunEnvironment } from "./environment.js";

export interface RunCacheInputs {
  task: string;
  mlgateVersion: string;
  /** data source → digest */
  data: Readonly<Record<string, string>>;
  params: unknown;
  command?: string;
  /** the builtin trainer's spec, when there is no command */
  trainer?: unknown;
  code: string;
  environment: RunEnvironment;
}

export function runCacheKey(inputs: RunCacheInputs): string {
  const { os, node, python, lockfiles } = inputs.environment;
  // the OS release is lineage, not identity: a kernel update does not change what training computes
  const environment = { platform: os.split(" ")[0], node, python, lockfiles };
  return sha256Digest(Buffer.from(canonicalJson({ ...inputs, environment })));
}
