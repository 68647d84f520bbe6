/**
 * deploy through the committed CLI bundle, under real verdicts of evaluate-against-champion on
 * models the builtin trainer wrote: the promote, the refusals (reject, alias moved), the audited
 * override, rollbacks, the smoke test, the command target, and bad input that writes nothing.
 */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { VERDICT_KIND, type Verdict } from "../../../src/core/evaluate/verdict.js";
import { runCli } from "../../cli/run-cli.js";
import { openStore } from "../../support/stores.js";
import {
  aliasOf,
  copyOf,
  deploy,
  deployRuns,
  evaluateChallenger,
  localStore,
  outputsOf,
  registeredWorkspace,
  storeListing,
} from "./workspace.js";

let base: string;
/** churn@2 against production → churn@1 (revision 1) */
let promote: string;
let reject: string;

beforeAll(() => {
  base = registeredWorkspace();
  promote = evaluateChallenger(base);
  reject = evaluateChallenger(base, "  metrics:\n    roc_auc:\n      min-improvement: 0.5\n");
}, 120_000);

describe("deploy under a verdict", () => {
  it("moves the alias to the verdict's challenger with an audit entry and records the run", async () => {
    const cwd = copyOf(base);
    const run = deploy(cwd, { verdict: promote });

    expect(run.status, run.stderr).toBe(0);
    expect(outputsOf(run)).toEqual({ version: "2", "previous-version": "1", alias: "production", url: "" });
    const alias = await aliasOf(localStore(cwd));
    expect(alias).toMatchObject({ version: 2, revision: 2 });
    const [runRecord] = await deployRuns(localStore(cwd));
    expect(runRecord).toMatchObject({ status: "succeeded", outputs: outputsOf(run) });
    expect(alias?.history.at(-1)).toMatchObject({
      revision: 2,
      from: 1,
      to: 2,
      task: "deploy",
      verdictId: promote,
      reason: `promoted by verdict ${promote}`,
      runId: runRecord?.id,
      actor: expect.any(String),
      at: expect.any(String),
    });
    expect(alias?.history.at(-1)).not.toHaveProperty("forced");
    expect(run.stderr).toContain("deployed `churn@2` to `production` (was v1)");
    expect(run.stderr).toMatch(/ROC AUC\*\*: [\d.]+ \(\+[\d.]+ vs the champion/);
    expect(runCli(["registry", "verify"], { cwd }).status).toBe(0);
  });

  it("refuses a reject verdict (exit 1), naming the failed gate, and leaves the alias", async () => {
    const cwd = copyOf(base);
    const run = deploy(cwd, { verdict: reject });

    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      `error: verdict ${reject} rejected churn@2: gate roc_auc.min-improvement failed: ROC AUC improved by +`,
    );
    expect(outputsOf(run)).toMatchObject({ version: "1", "previous-version": "" });
    expect(await aliasOf(localStore(cwd))).toMatchObject({ version: 1, revision: 1 });
    expect((await deployRuns(localStore(cwd))).map((record) => record.status)).toEqual(["rejected"]);
  });

  it("takes a reject verdict when forced with a reason, and the history says so", async () => {
    const cwd = copyOf(base);
    const run = deploy(cwd, { verdict: reject, force: "true", reason: "the gate is miscalibrated (INC-42)" });

    expect(run.status, run.stderr).toBe(0);
    expect((await aliasOf(localStore(cwd)))?.history.at(-1)).toMatchObject({
      to: 2,
      verdictId: reject,
      forced: true,
      reason: "the gate is miscalibrated (INC-42)",
    });
    expect(run.stderr).toContain("an audited override");
  });

  it("refuses when the alias moved since the verdict, saying who moved it and to re-evaluate", async () => {
    const cwd = copyOf(base);
    const forced = deploy(cwd, { version: "2", force: "true", reason: "hotfix" });
    expect(forced.status, forced.stderr).toBe(0);
    const mover = (await aliasOf(localStore(cwd)))?.history.at(-1)?.runId;

    const run = deploy(cwd, { verdict: promote });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`alias 'production' moved from v1 (revision 1) to v2 (revision 2) by run ${mover}`);
    expect(run.stderr).toContain(`since verdict ${promote}: re-evaluate against the new champion`);
    expect((await aliasOf(localStore(cwd)))?.revision).toBe(2);
  });

  it("finishes quietly when re-run after its move landed (a retried job)", async () => {
    const cwd = copyOf(base);
    expect(deploy(cwd, { verdict: promote }).status).toBe(0);
    const again = deploy(cwd, { verdict: promote });

    expect(again.status, again.stderr).toBe(0);
    expect(outputsOf(again)).toMatchObject({ version: "2", "previous-version": "1" });
    expect((await aliasOf(localStore(cwd)))?.revision).toBe(2);
  });
});

describe("rollback", () => {
  it("undoes moves one at a time: 1 → 2 → 1 (forced) rolls back to 2, then to 1, then has nothing left", async () => {
    const cwd = copyOf(base);
    expect(deploy(cwd, { verdict: promote }).status).toBe(0);
    expect(deploy(cwd, { version: "1", force: "true", reason: "revert by hand" }).status).toBe(0);

    const first = deploy(cwd, { rollback: "true" });
    expect(first.status, first.stderr).toBe(0);
    expect(outputsOf(first)).toEqual({ version: "2", "previous-version": "1", alias: "production", url: "" });
    const second = deploy(cwd, { rollback: "true" });
    expect(outputsOf(second)).toMatchObject({ version: "1", "previous-version": "2" });
    const history = (await aliasOf(localStore(cwd)))?.history ?? [];
    expect(history.slice(-2)).toMatchObject([
      { from: 1, to: 2, rollback: true, reason: "rollback from v1 to v2" },
      { from: 2, to: 1, rollback: true, reason: "rollback from v2 to v1" },
    ]);
    const shown = runCli(["registry", "history", "churn", "--registry", localStore(cwd).location], { cwd }).stdout;
    expect(shown).toContain("v2 → v1 (forced)");
    expect(shown).toContain("v1 → v2 (rollback)");
    expect(shown).toContain(promote);

    const none = deploy(cwd, { rollback: "true" });
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/'rollback': alias 'production' of 'churn' has no earlier version/);
  });
});

describe("the smoke test", () => {
  it("predicts the rows before the move; a failed prediction keeps the alias (exit 1)", async () => {
    const cwd = copyOf(base);
    writeFileSync(path.join(cwd, "smoke-ok.csv"), "age,income,plan\n30,50000,pro\n61,,basic\n");
    writeFileSync(path.join(cwd, "smoke-bad.csv"), "age,income,plan\n30,50000,pro\n1e39,-1e39,plus\n");

    const bad = deploy(cwd, { verdict: promote, "smoke-data": "smoke-bad.csv" });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/error: smoke test failed: .*churn@2.* output 'probabilities' is NaN for data row 2/);
    expect((await aliasOf(localStore(cwd)))?.version).toBe(1);

    const ok = deploy(cwd, { verdict: promote, "smoke-data": "smoke-ok.csv" });
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stderr).toContain("smoke test: churn@2 predicted 2 rows");
    expect((await aliasOf(localStore(cwd)))?.version).toBe(2);
  });
});

describe("the command target", () => {
  const recorder = `
import { readFileSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
const seen = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith("MLGATE_") || k.startsWith("INPUT_")));
seen.sha256 = createHash("sha256").update(readFileSync(process.env.MLGATE_MODEL_PATH)).digest("hex");
writeFileSync("seen.json", JSON.stringify(seen));
console.log("kubectl apply: deployment.apps/churn configured");
`;

  it("runs the command with the model and its identity in the environment, then moves the alias", async () => {
    const cwd = copyOf(base);
    writeFileSync(path.join(cwd, "deploy.mjs"), recorder);
    const run = deploy(cwd, { verdict: promote, target: "command", command: "node deploy.mjs" }, { INPUT_SECRET: "x" });

    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain("kubectl apply: deployment.apps/churn configured");
    const seen = JSON.parse(readFileSync(path.join(cwd, "seen.json"), "utf8")) as Record<string, string>;
    const digest = `sha256:${createHash("sha256")
      .update(readFileSync(path.join(cwd, "v2/model.onnx")))
      .digest("hex")}`;
    expect(seen).toEqual({
      MLGATE_MODEL_PATH: expect.stringMatching(/model\.onnx$/),
      MLGATE_MODEL_NAME: "churn",
      MLGATE_MODEL_VERSION: "2",
      MLGATE_MODEL_DIGEST: digest,
      MLGATE_ALIAS: "production",
      MLGATE_PREVIOUS_VERSION: "1",
      sha256: digest.slice("sha256:".length),
    });
    expect((await aliasOf(localStore(cwd)))?.version).toBe(2);
  });

  it("leaves the alias when the command fails (exit 1), showing its last lines", async () => {
    const cwd = copyOf(base);
    const command = `node -e "console.log('error: deployments.apps is forbidden'); process.exit(3)"`;
    const run = deploy(cwd, { verdict: promote, target: "command", command });

    expect(run.status).toBe(1);
    expect(run.stderr).toContain("error: deployments.apps is forbidden");
    expect(run.stderr).toContain("error: the deploy command exited with code 3: the alias was not moved");
    expect((await aliasOf(localStore(cwd)))?.version).toBe(1);
    expect((await deployRuns(localStore(cwd))).map((record) => record.status)).toEqual(["rejected"]);
  });
});

describe("bad input", () => {
  it("exits 2 with one line naming the input, and writes nothing to the store", async () => {
    const cwd = copyOf(base);
    writeFileSync(path.join(cwd, "no-plan.csv"), "age,income\n30,50000\n");
    const registry = await openStore(localStore(cwd));
    const verdict = (await registry.getRecord<Verdict>(VERDICT_KIND, promote)) as Verdict;
    const unregistered = {
      ...verdict,
      id: "unregistered",
      challenger: { label: "v3.onnx", digest: `sha256:${"ab".repeat(32)}`, bytes: 9 },
    };
    await registry.putRecord(VERDICT_KIND, "unregistered", unregistered);
    const before = storeListing(cwd);
    const cases: [Record<string, string>, RegExp][] = [
      [{}, /'verdict': nothing to deploy — give verdict/],
      [{ verdict: promote, rollback: "true" }, /'verdict': rollback and verdict are both given/],
      [{ version: "2" }, /'force': version 2 without a verdict needs force/],
      [{ version: "2", force: "true" }, /'reason': force needs a reason/],
      [
        { version: "9", force: "true", reason: "r" },
        /'version': model 'churn' has no version 9 .* its versions are 1–2/,
      ],
      [{ verdict: "20990101T000000Z-000000000000" }, /'verdict': no verdict '20990101T000000Z-000000000000' in file:/],
      [{ verdict: "../etc" }, /'verdict': "..\/etc" is not a valid verdict id/],
      [{ verdict: promote, model: "fraud" }, /'verdict': verdict .* evaluated model 'churn', not 'fraud'/],
      [
        { verdict: "unregistered" },
        /'verdict': the challenger of verdict unregistered \(v3\.onnx, sha256:abab.*\) is not a registered version of 'churn' — register it first/,
      ],
      [{ verdict: promote, version: "1" }, /'version': churn@1 \(sha256:.*\) is not the challenger of verdict/],
      [{ verdict: promote, alias: "staging" }, /'alias': verdict .* against alias 'production', not 'staging'/],
      [{ verdict: promote, alias: "Prod!" }, /'alias': "Prod!" is not a valid alias/],
      [{ rollback: "true", alias: "staging" }, /'alias': model 'churn' has no alias 'staging': nothing to roll back/],
      [{ verdict: promote, target: "k8s" }, /--target must be one of registry, azure-blob, command, serve/],
      [{ verdict: promote, target: "command" }, /'command': target 'command' needs the command to run/],
      [{ verdict: promote, command: "true" }, /'command': command is set but target is 'registry'/],
      [
        { verdict: promote, target: "command", command: "true", "command-timeout": "soon" },
        /'command-timeout': 'soon' is not a duration/,
      ],
      [{ verdict: promote, target: "azure-blob" }, /'target-url': target 'azure-blob' needs target-url/],
      [
        { verdict: promote, target: "azure-blob", "target-url": "deployments" },
        /'target-url': 'deployments' is not a blob location/,
      ],
      [
        { verdict: promote, target: "azure-blob", "target-url": "https://acct.blob.core.windows.net/c1/p?sig=abc" },
        /'target-url': target-url carries a query/,
      ],
      [
        { verdict: promote, target: "serve", "serve-url": "ftp://x" },
        /'serve-url': 'ftp:\/\/x\/' is not a plain http\(s\) base URL/,
      ],
      [
        { verdict: promote, target: "serve", "serve-timeout": "0" },
        /'serve-timeout': serve-timeout 0 is not a positive/,
      ],
      [{ verdict: promote, "smoke-data": "missing.csv" }, /missing\.csv 'smoke-data': not found/],
      [{ verdict: promote, "smoke-data": "no-plan.csv" }, /'smoke-data': model input 'plan' has no column in the data/],
    ];
    for (const [inputs, message] of cases) {
      const run = deploy(cwd, inputs);
      expect(run.status, JSON.stringify(inputs)).toBe(2);
      // progress lines aside (reading smoke-data), one error line and no stack
      const lines = run.stderr
        .trim()
        .split("\n")
        .filter((line) => !line.startsWith("read: "));
      expect(lines, JSON.stringify(inputs)).toEqual([expect.stringMatching(message)]);
      expect(run.stdout, JSON.stringify(inputs)).toBe("");
    }
    expect(storeListing(cwd)).toEqual(before);
  });
});
