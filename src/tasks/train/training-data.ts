/**
 * The training data, read once to profile it: its digest and row counts (lineage and the run cache
 * key), its column types, and which columns are features. Columns are loaded into memory only when
 * a builtin trainer or a smoke prediction needs them.
 */
import { openTable } from "../../core/data/index.js";
import type { DataFormat } from "../../core/data/table.js";
import { InputError } from "../../core/errors.js";
import type { ColumnType, DatasetProfile, ProfiledSource } from "../../core/profile/index.js";
import { readColumns, type TabularColumns } from "../../core/tabular/read-columns.js";
import type { TaskContext } from "../context.js";
import { profileData } from "../read-data.js";

export interface TrainingData {
  spec: string;
  format?: DataFormat;
  profile: DatasetProfile;
  /** every column whose type is known (all-missing columns have none), in data order */
  types: Map<string, ColumnType>;
}

/** What a run record keeps about its data. */
export interface DataLineage {
  digest: string;
  rows: number;
  sources: ProfiledSource[];
}

export async function readTrainingData(spec: string, ctx: TaskContext, format?: DataFormat): Promise<TrainingData> {
  const profile = await profileData(spec, ctx, { format });
  if (profile.rows === 0) throw new InputError("holds no rows", { key: "data" }, "point data at the training rows");
  const types = new Map<string, ColumnType>();
  for (const [name, column] of profile.columns) if (column.type) types.set(name, column.type);
  return { spec, format, profile, types };
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

export async function loadColumns(
  data: TrainingData,
  names: readonly string[],
  ctx: TaskContext,
  maxRows?: number,
): Promise<TabularColumns> {
  const table = await openTable(data.spec, {
    workspace: ctx.workspace,
    env: ctx.env,
    credential: ctx.azureCredential,
    format: data.format,
  });
  const types = new Map(names.map((name) => [name, data.types.get(name) as ColumnType]));
  return readColumns(table, { types, ...(maxRows === undefined ? {} : { maxRows }) });
}

function shortList(names: readonly string[]): string {
  const shown = names.slice(0, 12).join(", ");
  return names.length > 12 ? `${shown}, … (${names.length} columns)` : shown;
}
