/** The documented shape of Azure DevOps' Runs - Run Pipeline, to check recorded requests against. */
import { Ajv } from "ajv";
import type { RecordedRequest } from "../hosts/github/fake-github-api.js";
import type { Answer } from "./recorder.js";

/**
 * Runs - Run Pipeline, api-version 7.1, transcribed from
 * https://learn.microsoft.com/en-us/rest/api/azure/devops/pipelines/runs/run-pipeline?view=azure-devops-rest-7.1
 * URI parameters: organization, project, pipelineId (int32) in the path; api-version (required) and
 * pipelineVersion (int32) in the query. Body: RunPipelineParameters, whose value types are those of
 * https://learn.microsoft.com/en-us/javascript/api/azure-devops-extension-api/runpipelineparameters
 * (templateParameters: {[key: string]: string}) and RepositoryResourceParameters (refName, token,
 * tokenType, version). Resources other than repositories are not used, so not transcribed in detail.
 */
const runPipeline = {
  method: "POST",
  path: /^\/[^/]+\/[^/]+\/_apis\/pipelines\/\d+\/runs$/,
  query: ["api-version", "pipelineVersion"],
  body: {
    type: "object",
    additionalProperties: false,
    properties: {
      previewRun: { type: "boolean" },
      resources: {
        type: "object",
        additionalProperties: false,
        properties: {
          builds: { type: "object" },
          containers: { type: "object" },
          packages: { type: "object" },
          pipelines: { type: "object" },
          repositories: {
            type: "object",
            additionalProperties: {
              type: "object",
              additionalProperties: false,
              properties: {
                refName: { type: "string" },
                token: { type: "string" },
                tokenType: { type: "string" },
                version: { type: "string" },
              },
            },
          },
        },
      },
      stagesToSkip: { type: "array", items: { type: "string" } },
      templateParameters: { type: "object", additionalProperties: { type: "string" } },
      variables: {
        type: "object",
        additionalProperties: {
          type: "object",
          additionalProperties: false,
          properties: { isSecret: { type: "boolean" }, value: { type: "string" } },
        },
      },
      yamlOverride: { type: "string" },
    },
  },
};
const checkBody = new Ajv({ allErrors: true }).compile(runPipeline.body);

/** Every way the request departs from the documented operation; empty when it conforms. */
export function restProblems(request: RecordedRequest, token: string): string[] {
  const at = `${request.method} ${request.path}`;
  if (request.method !== runPipeline.method || !runPipeline.path.test(request.path))
    return [`${at}: not Runs - Run Pipeline`];
  const problems: string[] = [];
  if (request.query["api-version"] !== "7.1")
    problems.push(`${at}: api-version is '${request.query["api-version"]}', not 7.1`);
  for (const name of Object.keys(request.query))
    if (!runPipeline.query.includes(name)) problems.push(`${at}: query parameter '${name}' is not documented`);
  if (request.headers.authorization !== `Bearer ${token}`) problems.push(`${at}: not authorized with the job's token`);
  if (request.headers["content-type"] !== "application/json") problems.push(`${at}: the body is not JSON`);
  if (!checkBody(request.body))
    problems.push(...(checkBody.errors ?? []).map((e) => `${at}: body${e.instancePath} ${e.message}`));
  return problems;
}

/** What Azure DevOps answers: the Run, trimmed to the fields the trigger reads and a few more. */
export function runAnswer(request: RecordedRequest): Answer {
  return {
    status: 200,
    body: {
      id: 4711,
      name: "20250101.3",
      state: "inProgress",
      pipeline: { id: 12, name: "retrain-churn" },
      url: `http://127.0.0.1${request.path}/4711`,
      _links: { web: { href: "https://dev.azure.com/fabrikam/Fraud%20Models/_build/results?buildId=4711" } },
    },
  };
}
