/**
 * target `command`: the user's deploy command (kubectl, az ml, …) runs before the alias moves, with
 * the model file and its identity in the environment. Its failure leaves the alias where it was.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { runUserCommand, withoutTaskInputs } from "../../user-command.js";
import { DeployRefusal } from "../refusal.js";
import type { Deployment, DeployTarget } from "./target.js";

export function commandTarget(command: string, timeoutMs: number | undefined): DeployTarget {
  return {
    name: "command",
    async beforeMove(deployment) {
      const { ctx } = deployment;
      const dir = await mkdtemp(path.join(os.tmpdir(), "mlgate-deploy-"));
      try {
        const modelPath = path.join(dir, "model.onnx");
        await writeFile(modelPath, await deployment.modelBytes());
        const env = { ...withoutTaskInputs(ctx.env), ...deployEnv(deployment, modelPath) };
        const failure = await ctx.log.group(`deploy command: ${command}`, () =>
          runUserCommand({ command, cwd: ctx.workspace, env, timeoutMs, log: ctx.log }),
        );
        if (failure) throw new DeployRefusal(`the deploy command ${failure.how}: the alias was not moved`);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    lostRace: ({ model, manifest, alias }) =>
      `the deploy command already ran for ${model}@${manifest.version}, but alias '${alias}' did not move to it: what the command deployed is not what the alias names — redeploy the alias's version or roll the command's change back`,
  };
}

function deployEnv({ model, manifest, alias, previous }: Deployment, modelPath: string): Record<string, string> {
  return {
    MLGATE_MODEL_PATH: modelPath,
    MLGATE_MODEL_NAME: model,
    MLGATE_MODEL_VERSION: String(manifest.version),
    MLGATE_MODEL_DIGEST: manifest.digest,
    MLGATE_ALIAS: alias,
    MLGATE_PREVIOUS_VERSION: previous === null ? "" : String(previous),
  };
}
