/**
 * The Azure credential of an AzureRM service connection (the optional `azureSubscription` input):
 * a service principal with a secret, or workload identity federation.
 */
import type { TokenCredential } from "@azure/core-auth";
import { AzurePipelinesCredential, ClientSecretCredential } from "@azure/identity";
import * as tl from "azure-pipelines-task-lib/task.js";
import { InputError } from "../../core/errors.js";
import { azureAccessTokenVariable, azureSubscriptionInput } from "../host-inputs.js";

export function serviceConnectionCredential(
  connectionId: string,
  accessToken: string | undefined,
  mask: (secret: string) => void,
): TokenCredential {
  const where = { key: azureSubscriptionInput.name };
  // getEndpointAuthorization, unlike getEndpointAuthorizationParameter, prints no secret in its debug line
  const authorization = tl.getEndpointAuthorization(connectionId, true);
  if (!authorization) {
    throw new InputError(
      `service connection '${connectionId}' is not available to this job`,
      where,
      "authorize the pipeline to use it",
    );
  }
  const {
    tenantid: tenantId = "",
    serviceprincipalid: clientId = "",
    serviceprincipalkey: secret,
  } = authorization.parameters;
  switch (authorization.scheme.toLowerCase()) {
    case "serviceprincipal":
      if (!secret) {
        throw new InputError(
          "the service connection's service principal has no secret",
          where,
          "use a secret or workload identity federation",
        );
      }
      mask(secret);
      return new ClientSecretCredential(tenantId, clientId, secret);
    case "workloadidentityfederation":
      if (!accessToken) {
        throw new InputError(
          `workload identity federation needs the job's ${azureAccessTokenVariable}`,
          where,
          `map it into the step: env: { SYSTEM_ACCESSTOKEN: $(${azureAccessTokenVariable}) }`,
        );
      }
      return new AzurePipelinesCredential(tenantId, clientId, connectionId, accessToken);
    default:
      throw new InputError(
        `service connection '${connectionId}' uses the '${authorization.scheme}' scheme, which mlgate cannot use`,
        where,
        "use a service connection with a service principal secret or workload identity federation",
      );
  }
}
