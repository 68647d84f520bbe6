/** The `target` input and the inputs each target takes, checked before the store is opened. */
import { InputError } from "../../../core/errors.js";
import type { DeployTargetName } from "../../deploy.spec.js";
import type { Inputs } from "../../spec.js";
import { parseDuration } from "../../train/duration.js";
import { azureBlobTarget, parseTargetUrl } from "./azure-blob.js";
import { commandTarget } from "./command.js";
import { parseServeUrl, serveTarget } from "./serve.js";
import type { DeployTarget } from "./target.js";

export type { Deployment, DeployTarget, TargetResult } from "./target.js";

/** Inputs that mean something only to one target: set with another, they are a mistake. */
const TARGET_INPUTS: readonly [string, DeployTargetName][] = [
  ["command", "command"],
  ["command-timeout", "command"],
  ["target-url", "azure-blob"],
  ["serve-url", "serve"],
];

export function checkedTarget(inputs: Inputs, workspace: string): DeployTarget {
  const name = inputs.target as DeployTargetName;
  for (const [input, target] of TARGET_INPUTS) {
    if (inputs[input] !== undefined && name !== target) {
      throw new InputError(
        `${input} is set but target is '${name}'`,
        { key: input },
        `set target: ${target}, or leave ${input} out`,
      );
    }
  }
  switch (name) {
    case "registry":
      return { name };
    case "command": {
      const command = inputs.command as string | undefined;
      if (!command) {
        throw new InputError(
          "target 'command' needs the command to run",
          { key: "command" },
          "set command to your deploy command (kubectl apply …, az ml online-deployment update …)",
        );
      }
      const timeout = inputs["command-timeout"] as string | undefined;
      return commandTarget(command, timeout === undefined ? undefined : parseDuration(timeout, "command-timeout"));
    }
    case "azure-blob": {
      const url = inputs["target-url"] as string | undefined;
      if (!url) {
        throw new InputError(
          "target 'azure-blob' needs target-url",
          { key: "target-url" },
          "set it to az://<container>/<prefix> or https://<account>.blob.core.windows.net/<container>/<prefix>",
        );
      }
      return azureBlobTarget(parseTargetUrl(url, workspace));
    }
    case "serve": {
      const timeout = inputs["serve-timeout"] as number;
      if (!(timeout > 0))
        throw new InputError(`serve-timeout ${timeout} is not a positive number of seconds`, { key: "serve-timeout" });
      const url = inputs["serve-url"] as string | undefined;
      return serveTarget(url === undefined ? undefined : parseServeUrl(url), timeout);
    }
  }
}
