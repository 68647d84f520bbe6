/**
 * Numbers the model computed in float32, as JSON text with the digits float32 carries (~7):
 * `String()` of a float32 widened to double prints 17 digits of noise, twice the bytes and slower.
 */
export function float32Text(value: number): string {
  const magnitude = Math.abs(value);
  // the common case (probabilities and everyday values), by arithmetic rather than toPrecision
  if (magnitude >= 1e-3 && magnitude < 1) return String(Math.round(value * 1e7) / 1e7);
  return String(Number(value.toPrecision(7)));
}
