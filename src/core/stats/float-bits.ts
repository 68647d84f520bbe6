// C's frexp/ldexp, which JavaScript lacks; ports of musl's versions so subnormals round once.

const float = new Float64Array(1);
const words = new Uint32Array(float.buffer);
const HIGH = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LOW = 1 - HIGH;
const TWO_POW_64 = 2 ** 64;

/** Splits x into a mantissa in [0.5, 1) and a power of two: x = mantissa · 2^exponent. */
export function frexp(x: number): { mantissa: number; exponent: number } {
  float[0] = x;
  const high = words[HIGH] as number;
  const biased = (high >>> 20) & 0x7ff;
  if (biased === 0) {
    if (x === 0) return { mantissa: x, exponent: 0 };
    const scaled = frexp(x * TWO_POW_64);
    return { mantissa: scaled.mantissa, exponent: scaled.exponent - 64 };
  }
  if (biased === 0x7ff) return { mantissa: x, exponent: 0 };
  words[HIGH] = (high & 0x800fffff) | 0x3fe00000;
  return { mantissa: float[0] as number, exponent: biased - 0x3fe };
}

function powerOfTwo(exponent: number): number {
  words[HIGH] = (exponent + 0x3ff) << 20;
  words[LOW] = 0;
  return float[0] as number;
}

/** x · 2^exponent, rounded once. */
export function ldexp(x: number, exponent: number): number {
  let y = x;
  let n = exponent;
  if (n > 1023) {
    y *= 2 ** 1023;
    n -= 1023;
    if (n > 1023) {
      y *= 2 ** 1023;
      n -= 1023;
      if (n > 1023) n = 1023;
    }
  } else if (n < -1022) {
    // Keep the final scaling below 2^-53 so a subnormal result is rounded only once.
    y *= 2 ** -1022 * 2 ** 53;
    n += 1022 - 53;
    if (n < -1022) {
      y *= 2 ** -1022 * 2 ** 53;
      n += 1022 - 53;
      if (n < -1022) n = -1022;
    }
  }
  return y * powerOfTwo(n);
}
