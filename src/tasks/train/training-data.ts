/**
 * The training data, read once to profile it: its digest and row counts (lineage and the run cache
 * key), its column types, and which columns are features. Columns are loaded into memory only when
 * a builtin trainer or a smoke prediction needs them.
 */
import { openTable } from "../../core/data/index.js";
import type { DataFormat } from "../../core/data/table.js";
import { InputError } from "../../core/errors.js";
import type { ColumnType, DatasetProfile, ProfiledSource } from "../../core/profile/index.js";
import { ColumnCollector } from "../../core/tabular/column-collector.js";
import { readColumns, type TabularColumns } from "../../core/tabular/read-columns.js";
import type { TaskContext } from "../context.js";
import { profileData } from "../read-data.js";

export interface TrainingData {
  spec: string;
  format?: DataFormat;
  profile: DatasetProfile;
  /** every column whose type is known (all-missing columns have none), in data order */
  types: Map<string, ColumnType>;
  /** the first rows and (for a builtin trainer) the kept columns, gathered during the profile's pass */
  collected: { sample: ColumnCollector; kept?: ColumnCollector };
}

/** rows of the data a freshly trained model must predict before it counts as working */
export const SAMPLE_ROWS = 5;

/** What a run record keeps about its data. */
export interface DataLineage {
  digest: string;
  rows: number;
  sources: ProfiledSource[];
}

/** `keep`: the columns a builtin trainer needs in memory, gathered in the same pass when their types hold. */
export async function readTrainingData(
  spec: string,
  ctx: TaskContext,
  options: { format?: DataFormat; keep?: (column: string) => boolean } = {},
): Promise<TrainingData> {
  const sample = new ColumnCollector(() => true, SAMPLE_ROWS);
  const kept = options.keep ? new ColumnCollector(options.keep) : undefined;
  const profile = await profileData(spec, ctx, {
    format: options.format,
    onBatch: (batch, typed) => {
      sample.add(batch, typed);
      kept?.add(batch, typed);
    },
  });
  if (profile.rows === 0) throw new InputError("holds no rows", { key: "data" }, "point data at the training rows");
  const types = new Map<string, ColumnType>();
  for (const [name, column] of profile.columns) if (column.type) types.set(name, column.type);
  return { spec, format: options.format, profile, types, collected: { sample, ...(kept ? { kept } : {}) } };
}

export function dataLineage(data: TrainingData): DataLineage {
  return { digest: data.profile.digest, rows: data.profile.rows, sources: [...data.profile.sources] };
}

/** The `features` input checked against the data, else every typed column but the target. */
export function featureColumns(data: TrainingData, target?: string, features?: readonly string[]): string[] {
  const columns = [...data.profile.columns.keys()];
  if (target !== undefined && !data.profile.columns.has(target)) {
    throw new InputError(`the data has no column '${target}'`, { key: "target" }, `name one of ${shortList(columns)}`);
  }
  if (features) {
    for (const feature of features) {
      if (!data.types.has(feature)) {
        throw new InputError(
          data.profile.columns.has(feature)
            ? `column '${feature}' has no values`
            : `the data has no column '${feature}'`,
          { key: "features" },
          `name columns of the data: ${shortList(columns)}`,
        );
      }
      if (feature === target) {
        throw new InputError(`'${feature}' is the target`, { key: "features" }, "leave the label out of the features");
      }
    }
    return [...features];
  }
  return [...data.types.keys()].filter((name) => name !== target);
}

/** The first rows of every typed column, for the smoke prediction. */
export function sampleColumns(data: TrainingData, ctx: TaskContext): Promise<TabularColumns> {
  return columnsOf(data, [...data.types.keys()], data.collected.sample, ctx, SAMPLE_ROWS);
}

/** Every row of `names` (kept during the profile's pass when possible). */
export function allColumns(data: TrainingData, names: readonly string[], ctx: TaskContext): Promise<TabularColumns> {
  return columnsOf(data, names, data.collected.kept, ctx);
}

/** From the profile's pass; or, when a column's type changed after it was gathered, read again with the final types. */
async function columnsOf(
  data: TrainingData,
  names: readonly string[],
  collector: ColumnCollector | undefined,
  ctx: TaskContext,
  maxRows?: number,
): Promise<TabularColumns> {
  const types = new Map(names.map((name) => [name, data.types.get(name) as ColumnType]));
  const collected = collector?.finish(types);
  if (collected) return collected;
  const table = await openTable(data.spec, {
    workspace: ctx.workspace,
    env: ctx.env,
    credential: ctx.azureCredential,
    format: data.format,
  });
  return readColumns(table, { types, ...(maxRows === undefined ? {} : { maxRows }) });
}

function shortList(names: readonly string[]): string {
  const shown = names.slice(0, 12).join(", ");
  return names.length > 12 ? `${shown}, … (${names.length} columns)` : shown;
}
