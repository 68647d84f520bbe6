/** Formatting shared by the train suite's tables, and its progress lines (stderr, so stdout is the report). */
export const MB = 1e6;

/** A peak RSS in KB (maxRSS, ru_maxrss) as MB = 10^6 bytes. */
export function rssMb(maxRssKb: number): string {
  return ((maxRssKb * 1024) / MB).toFixed(0);
}

export function count(rows: number): string {
  return rows % 1_000_000 === 0 ? `${rows / 1_000_000}M` : rows.toLocaleString("en");
}

export function progress(message: string): void {
  process.stderr.write(`${message}\n`);
}
