import os from "node:os";

/** Timing helpers: per-operation latencies and their percentiles, printed beside their anchors. */
export async function latencies(count: number, operation: (index: number) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let index = 0; index < count; index++) {
    const start = performance.now();
    await operation(index);
    samples.push(performance.now() - start);
  }
  return samples;
}

export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

export interface Row {
  measure: string;
  p50: number;
  p95: number;
  anchor: string;
  anchorP50: number;
  target?: string;
}

export function printTable(title: string, rows: readonly Row[]): void {
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  console.log(`\n${title}`);
  console.log("| measure | p50 | p95 | anchor | anchor p50 | ratio p50 | target |");
  console.log("|---|---:|---:|---|---:|---:|---|");
  for (const row of rows) {
    console.log(
      `| ${row.measure} | ${ms(row.p50)} | ${ms(row.p95)} | ${row.anchor} | ${ms(row.anchorP50)} | ${(row.p50 / row.anchorP50).toFixed(1)}× | ${row.target ?? ""} |`,
    );
  }
}

/** What a benchmark's figures depend on: CPUs, how busy they were, and Node. */
export function machineLine(): string {
  const load = os
    .loadavg()
    .map((value) => value.toFixed(1))
    .join(" ");
  return `${os.cpus().length} CPUs, load average ${load}, Node ${process.version}`;
}

/** A whole-number setting from the environment (`1_000_000` allowed), else the fallback. */
export function wholeNumberSetting(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === "") return fallback;
  const value = Number(text.replaceAll("_", ""));
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, not '${text}'`);
  return value;
}
