/** The demo's output: numbered steps, one line per result, colour only on a terminal. */
const tty = process.stdout.isTTY === true;
const paint = (code: number) => (text: string) => (tty ? `\x1b[${code}m${text}\x1b[0m` : text);
export const bold = paint(1);
export const dim = paint(2);
export const green = paint(32);
export const red = paint(31);
export const yellow = paint(33);

let step = 0;

export function heading(total: number, title: string): void {
  step++;
  process.stdout.write(`\n${bold(`[${step}/${total}] ${title}`)}\n`);
}

export function line(text: string): void {
  process.stdout.write(`  ${text}\n`);
}

export function ok(text: string, seconds?: number): void {
  line(`${green("✓")} ${text}${seconds === undefined ? "" : dim(` (${seconds.toFixed(1)} s)`)}`);
}

export function no(text: string, seconds?: number): void {
  line(`${red("✗")} ${text}${seconds === undefined ? "" : dim(` (${seconds.toFixed(1)} s)`)}`);
}

/** A plain-text table, columns padded; numbers right-aligned. */
export function table(header: string[], rows: string[][]): void {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => (row[i] ?? "").length)));
  const format = (row: string[]) =>
    row
      .map((cell, i) => (/^[-+]?[\d.]/.test(cell) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join("  ");
  line(bold(format(header)));
  for (const row of rows) line(format(row));
}
