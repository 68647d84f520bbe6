/**
 * A plain decimal (`-12`, `3.25`, `.5`, `7.`) read straight from a chunk's bytes, so numeric cells
 * need no string at all; NaN when the bytes are anything else (an exponent, `nan`, `NA`, spaces,
 * more than 15 digits) and the cell is left as text for the strict parser to judge. The value is
 * exact digits over an exact power of ten with one rounding: what `Number(text)` gives.
 */
export const DIGIT_0 = 48;
export const DIGIT_9 = 57;
export const PLUS = 43;
export const MINUS = 45;
export const DOT = 46;
/** 15 decimal digits always fit a double's 53-bit mantissa exactly */
export const MAX_EXACT_DIGITS = 15;
export const POWERS_OF_TEN = Array.from({ length: MAX_EXACT_DIGITS + 1 }, (_, i) => 10 ** i);

export function decimalFromBytes(bytes: Uint8Array, start: number, end: number, integerOnly: boolean): number {
  let i = start;
  const sign = bytes[i];
  if (sign === PLUS || sign === MINUS) i++;
  let mantissa = 0;
  let digits = 0;
  let fractionDigits = 0;
  let seenDot = false;
  for (; i < end; i++) {
    const code = bytes[i] as number;
    const digit = code - DIGIT_0;
    if (digit >= 0 && digit <= 9) {
      mantissa = mantissa * 10 + digit;
      digits++;
      if (seenDot) fractionDigits++;
    } else if (code === DOT && !seenDot && !integerOnly) {
      seenDot = true;
    } else {
      return Number.NaN;
    }
  }
  if (digits === 0 || digits > MAX_EXACT_DIGITS) return Number.NaN;
  const magnitude = fractionDigits === 0 ? mantissa : mantissa / (POWERS_OF_TEN[fractionDigits] as number);
  return sign === MINUS ? -magnitude : magnitude;
}
