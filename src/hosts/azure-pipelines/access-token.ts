import * as tl from "azure-pipelines-task-lib/task.js";

/**
 * The job's access token (System.AccessToken): every task receives it through the SystemVssConnection
 * endpoint; a pipeline may also map it into the environment as SYSTEM_ACCESSTOKEN. Read without
 * tl.getVariable, which would print it in a debug line.
 */
export function systemAccessToken(): string | undefined {
  return (
    tl.getEndpointAuthorization("SystemVssConnection", true)?.parameters.AccessToken ||
    process.env.SYSTEM_ACCESSTOKEN ||
    undefined
  );
}
