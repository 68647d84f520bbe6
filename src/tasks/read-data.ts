/**
 * Reading a `data` input in one streaming pass: open the sources, profile every batch (and let the
 * caller check it), and report progress about once a second while it runs.
 */
import { openTable } from "../core/data/index.js";
import type { DataFormat, ReadProgress, Table } from "../core/data/table.js";
import { type DatasetProfile, type ProfileOptions, profileTable } from "../core/profile/index.js";
import { formatCount } from "../core/report/numbers.js";
import type { TaskContext } from "./context.js";

const PROGRESS_TICK_MS = 1000;

export interface ReadDataOptions extends ProfileOptions {
  format?: DataFormat;
}

export async function profileData(
  spec: string,
  ctx: TaskContext,
  options: ReadDataOptions = {},
): Promise<DatasetProfile> {
  const table = await openTable(spec, {
    workspace: ctx.workspace,
    env: ctx.env,
    credential: ctx.azureCredential,
    format: options.format,
  });
  return withProgress(table, ctx, () => profileTable(table, options));
}

export async function withProgress<T>(table: Table, ctx: TaskContext, body: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const update = (done: boolean) => {
    const progress = table.progress();
    const fraction = progress.totalBytes ? Math.min(1, progress.bytesRead / progress.totalBytes) : undefined;
    ctx.log.progress({ text: describeProgress(progress, performance.now() - started), fraction, done });
  };
  const timer = setInterval(() => update(false), PROGRESS_TICK_MS);
  timer.unref();
  try {
    const result = await body();
    update(true);
    return result;
  } finally {
    clearInterval(timer);
  }
}

export function describeProgress(progress: ReadProgress, elapsedMs: number): string {
  const total = progress.totalBytes === undefined ? "" : ` of ${megabytes(progress.totalBytes)}`;
  const seconds = Math.max(elapsedMs / 1000, 1e-3);
  const rate = progress.bytesRead / 1e6 / seconds;
  return `${megabytes(progress.bytesRead)}${total}, ${formatCount(progress.rows)} rows, ${rate.toFixed(1)} MB/s`;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}
