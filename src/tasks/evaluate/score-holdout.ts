/**
 * One streaming pass over the holdout: each batch of rows is typed for the models' inputs, scored
 * by the challenger and then the champion (one after the other, so each batch's latency is the
 * model's own), and only what evaluation needs is kept: the label, the chosen output of each model
 * and the slice columns.
 */
import type { Cell, CellColumn, RecordBatch, SourceFingerprint, Table } from "../../core/data/table.js";
import { InputError } from "../../core/errors.js";
import type { OrtModule } from "../../core/model/runtime/index.js";
import {
  choosePredictionOutput,
  type DataColumn,
  type FeedPlan,
  openScoringSession,
  type PredictionOutput,
  planFeeds,
  type ScoringSession,
} from "../../core/model/scoring/index.js";
import {
  INVALID,
  MISSING,
  type NumericColumn,
  type TextColumn,
  TypingBuffers,
  typeColumn,
} from "../../core/profile/typed-column.js";
import { DictionaryColumn } from "./dictionary-column.js";
import { OutputCollector } from "./model-output.js";
import type { ModelSource } from "./model-sources.js";

export interface HoldoutRequest {
  table: Table;
  /** the challenger first, then the champion */
  models: ModelSource[];
  runtime: OrtModule;
  label: string;
  slices: readonly string[];
  features?: readonly string[];
}

export interface ScoredModel {
  output: PredictionOutput;
  /** row-major [rows × width] */
  values: Float64Array;
  loadMs: number;
  /** per batch, in order */
  batchMs: number[];
}

export interface ScoredHoldout {
  rows: number;
  label: DictionaryColumn;
  slices: DictionaryColumn[];
  models: ScoredModel[];
  fingerprints: ReadonlyMap<string, SourceFingerprint>;
}

interface OpenModel {
  source: ModelSource;
  session: ScoringSession;
  loadMs: number;
  plan?: FeedPlan;
  collector?: OutputCollector;
  batchMs: number[];
}

export async function scoreHoldout(request: HoldoutRequest): Promise<ScoredHoldout> {
  const models: OpenModel[] = [];
  try {
    for (const source of request.models) {
      const started = performance.now();
      const session = await located(source.label, () =>
        openScoringSession(request.runtime, source.bytes, source.label),
      );
      models.push({ source, session, loadMs: performance.now() - started, batchMs: [] });
    }
    const label = new DictionaryColumn(request.label);
    const slices = request.slices.map((name) => new DictionaryColumn(name));
    const buffers = new Map<string, TypingBuffers>();
    let rows = 0;
    for await (const batch of request.table.batches()) {
      if (rows === 0) planModels(models, batch, request);
      const columns = typedColumns(batch, models, buffers);
      label.add(batch, columnCells(batch, request.label));
      for (const slice of slices) slice.add(batch, columnCells(batch, slice.name));
      for (const model of models) {
        const started = performance.now();
        const outputs = await located(model.source.label, () => model.session.score(model.plan as FeedPlan, columns));
        model.batchMs.push(performance.now() - started);
        (model.collector as OutputCollector).add(outputs, batch);
      }
      rows += batch.rowCount;
    }
    if (rows === 0) throw new InputError("holds no rows", { key: "data" }, "point data at the holdout rows");
    return {
      rows,
      label,
      slices,
      models: models.map((model) => ({
        output: (model.collector as OutputCollector).output,
        values: (model.collector as OutputCollector).finish(),
        loadMs: model.loadMs,
        batchMs: model.batchMs,
      })),
      fingerprints: request.table.fingerprints(),
    };
  } finally {
    for (const model of models) await model.session.release();
  }
}

/** On the first batch: which columns feed each model, and which output is read. */
function planModels(models: OpenModel[], batch: RecordBatch, request: HoldoutRequest): void {
  const missing = [request.label, ...request.slices].find((name) => !batch.names.includes(name));
  if (missing !== undefined) {
    const key = missing === request.label ? "label" : "slices";
    throw new InputError(
      `the data has no column '${missing}' (columns: ${batch.names.slice(0, 30).join(", ")})`,
      { file: batch.source, key },
      `name a column of the data as ${key}`,
    );
  }
  const reserved = new Set([request.label, ...request.slices]);
  for (const model of models) {
    const { inputs } = model.source.info;
    const textInputs = new Set(
      inputs.filter((input) => input.kind === "tensor" && input.elemType === "string").map((input) => input.name),
    );
    const columns: DataColumn[] = batch.names
      .filter((name) => !reserved.has(name) || inputs.some((input) => input.name === name))
      .map((name) => ({ name, kind: textInputs.has(name) ? "text" : "numeric" }));
    const perColumn = inputs.every((input) => batch.names.includes(input.name));
    model.plan = located(model.source.label, () =>
      planFeeds(inputs, columns, perColumn || !request.features ? {} : { features: request.features }),
    );
    model.collector = new OutputCollector(choosePredictionOutput(model.source, model.session), model.source.label);
  }
}

/** The feature columns every model reads, typed once per batch; a cell that is not a number stops the run. */
function typedColumns(batch: RecordBatch, models: OpenModel[], buffers: Map<string, TypingBuffers>) {
  const numeric = new Map<string, Float64Array>();
  const text = new Map<string, string[]>();
  for (const model of models) {
    const plan = model.plan as FeedPlan;
    const textNames = plan.layout === "per-column" ? plan.inputs.filter((input) => input.elemType === "string") : [];
    for (const name of plan.features) {
      if (numeric.has(name) || text.has(name)) continue;
      const cells = columnCells(batch, name);
      if (textNames.some((input) => input.name === name)) {
        const typed = typeColumn(cells, "string", batch.rowCount) as TextColumn;
        text.set(
          name,
          Array.from(typed.texts, (value) => value ?? ""),
        );
        continue;
      }
      const buffer = buffers.get(name) ?? new TypingBuffers();
      buffers.set(name, buffer);
      const typed = typeColumn(cells, "float", batch.rowCount, buffer) as NumericColumn;
      for (let i = 0; i < batch.rowCount; i++) {
        const kind = typed.kinds[i];
        if (kind === MISSING) typed.numbers[i] = Number.NaN;
        else if (kind === INVALID) throw notANumber(batch, name, i, cells[i] ?? null, model.source.label);
      }
      numeric.set(name, typed.numbers);
    }
  }
  return { numeric, text, rows: batch.rowCount };
}

function notANumber(batch: RecordBatch, column: string, row: number, cell: Cell, model: string): InputError {
  const line = batch.lines?.[row];
  return new InputError(
    `column '${column}' holds ${JSON.stringify(String(cell))}, which is not a number, but model ${model} reads it as one`,
    { file: batch.source, ...(line === undefined ? {} : { line }) },
    "fix the value, or list only numeric columns as features",
  );
}

/** A column's cells in this batch (all missing when a later batch lacks it). */
export function columnCells(batch: RecordBatch, name: string): CellColumn {
  const index = batch.names.indexOf(name);
  return index < 0 ? new Array<Cell>(batch.rowCount).fill(null) : (batch.columns[index] ?? []);
}

/** Errors from the scoring core name the input and columns; these also name the model. */
async function located<T>(model: string, body: () => Promise<T>): Promise<T>;
function located<T>(model: string, body: () => T): T;
function located<T>(model: string, body: () => T | Promise<T>): T | Promise<T> {
  const relocate = (error: unknown) =>
    error instanceof InputError && !error.where.file && !error.problem.includes(model)
      ? new InputError(`model ${model}: ${error.problem}`, error.where, error.fix)
      : error;
  try {
    const result = body();
    return result instanceof Promise
      ? result.catch((error: unknown) => {
          throw relocate(error);
        })
      : result;
  } catch (error) {
    throw relocate(error);
  }
}
