/**
 * Before the alias moves, the version predicts the smoke-data rows: every output batch-first and
 * finite. Data that cannot feed the model is bad input (exit 2); a model that fails on it is a
 * refusal (exit 1) and the alias stays where it was.
 */
import type { DataFormat } from "../../core/data/table.js";
import { describeError } from "../../core/errors.js";
import type { OnnxModelInfo } from "../../core/model/onnx.js";
import { openScoringSession, planFeeds, type SmokeSummary, smokePredict } from "../../core/model/scoring/index.js";
import type { TaskContext } from "../context.js";
import { taskOnnxRuntime } from "../onnx-runtime.js";
import { allColumns, readTrainingData } from "../train/training-data.js";
import { DeployRefusal } from "./refusal.js";
import { rekey, rekeyed } from "./rekeyed.js";

export interface SmokeTest {
  /** the smoke-data input: paths, globs or blob URLs */
  data: string;
  format?: DataFormat;
  /** the columns of a single [N, F] input */
  features?: readonly string[];
  onnxRuntimePath?: string;
}

export interface SmokeModel {
  /** `churn@7` */
  label: string;
  bytes: Buffer;
  info: OnnxModelInfo;
}

const KEY = "smoke-data";

export async function smokeTest(test: SmokeTest, model: SmokeModel, ctx: TaskContext): Promise<SmokeSummary> {
  const columns = await smokeRows(test, ctx);
  const plan = rekeyed(
    () =>
      planFeeds(
        model.info.inputs,
        [
          ...[...columns.numeric.keys()].map((name) => ({ name, kind: "numeric" as const })),
          ...[...columns.text.keys()].map((name) => ({ name, kind: "text" as const })),
        ],
        test.features ? { features: test.features } : {},
      ),
    KEY,
  );
  const runtime = await taskOnnxRuntime(test.onnxRuntimePath, ctx);
  const session = await openScoringSession(runtime, model.bytes, model.label).catch((error: unknown) => {
    throw failed(error);
  });
  try {
    return await smokePredict(session, plan, columns, columns.rows);
  } catch (error) {
    throw failed(error);
  } finally {
    await session.release();
  }
}

async function smokeRows(test: SmokeTest, ctx: TaskContext) {
  try {
    const data = await readTrainingData(test.data, ctx, { format: test.format, keep: () => true });
    return await allColumns(data, [...data.types.keys()], ctx);
  } catch (error) {
    throw rekey(error, KEY);
  }
}

function failed(error: unknown): DeployRefusal {
  return new DeployRefusal(`smoke test failed: ${describeError(error)}`);
}
