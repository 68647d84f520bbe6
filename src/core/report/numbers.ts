/** How reports print scores: short, fixed precision, p-values in scientific notation when tiny. */
export function formatScore(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return "0";
  const magnitude = Math.abs(value);
  if (magnitude >= 1e4 || magnitude < 1e-3) return value.toExponential(2);
  return Number(value.toPrecision(4)).toString();
}

export function formatPValue(value: number): string {
  if (value === 0) return "< 1e-300";
  return value < 1e-3 ? value.toExponential(2) : value.toFixed(4);
}

export function formatShare(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

/** 1234567 → "1,234,567". Not toLocaleString: its first call loads ICU data, ~25 ms of a short task. */
export function formatCount(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
