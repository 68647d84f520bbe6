/** register's `run` input: the train run that produced the model, checked against the model file. */
import { InputError } from "../core/errors.js";
import type { Registry } from "../core/store/registry.js";
import type { Digest, RunRecord } from "../core/store/types.js";

export async function trainingRunOf(registry: Registry, id: string, modelDigest: Digest): Promise<RunRecord> {
  const fix = "pass the run-id output of train, with the registry train used";
  const run = await registry.getRun(id);
  if (!run) throw new InputError(`no run '${id}' in ${registry.location}`, { key: "run" }, fix);
  if (run.task !== "train" || !run.training) {
    throw new InputError(`run '${id}' is a ${run.task} run, not a training run`, { key: "run" }, fix);
  }
  const trained = run.artifacts.model?.digest;
  if (trained !== modelDigest) {
    throw new InputError(
      `run '${id}' trained a different model (${trained}) than the one given (${modelDigest})`,
      { key: "run" },
      "register the model.onnx that run wrote, or leave run out",
    );
  }
  return run;
}
