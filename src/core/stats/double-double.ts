// Double-double arithmetic (a value is hi + lo, ~106 bits), ported from the QD library as vendored in
// scipy's cephes (dd_idefs.h, dd_real_idefs.h). Only what the Smirnov and Kolmogorov code needs.

import { frexp, ldexp } from "./float-bits.js";

export interface DoubleDouble {
  readonly hi: number;
  readonly lo: number;
}

export const DD_ZERO: DoubleDouble = { hi: 0, lo: 0 };
export const DD_ONE: DoubleDouble = { hi: 1, lo: 0 };

const SPLITTER = 134217729; // 2^27 + 1
const SPLIT_THRESHOLD = 6.69692879491417e299; // 2^996

function dd(hi: number, lo: number): DoubleDouble {
  return { hi, lo };
}

function quickTwoSum(a: number, b: number): DoubleDouble {
  const s = a + b;
  return dd(s, b - (s - a));
}

function twoSum(a: number, b: number): DoubleDouble {
  const s = a + b;
  const c = s - a;
  return dd(s, a - (s - c) + (b - c));
}

function split(a: number): [number, number] {
  if (a > SPLIT_THRESHOLD || a < -SPLIT_THRESHOLD) {
    const scaled = a * 3.725290298461914e-9; // 2^-28
    const temp = SPLITTER * scaled;
    const hi = temp - (temp - scaled);
    return [hi * 268435456, (scaled - hi) * 268435456];
  }
  const temp = SPLITTER * a;
  const hi = temp - (temp - a);
  return [hi, a - hi];
}

/** Exact product a·b as a double-double (Dekker; equals the fused multiply-add result). */
export function mulDD(a: number, b: number): DoubleDouble {
  const p = a * b;
  const [aHi, aLo] = split(a);
  const [bHi, bLo] = split(b);
  return dd(p, aHi * bHi - p + aHi * bLo + aLo * bHi + aLo * bLo);
}

/** Exact sum a + b. */
export function addDD(a: number, b: number): DoubleDouble {
  return twoSum(a, b);
}

export function add(a: DoubleDouble, b: DoubleDouble): DoubleDouble {
  const s = twoSum(a.hi, b.hi);
  const t = twoSum(a.lo, b.lo);
  const u = quickTwoSum(s.hi, s.lo + t.hi);
  return quickTwoSum(u.hi, u.lo + t.lo);
}

function negate(a: DoubleDouble): DoubleDouble {
  return dd(-a.hi, -a.lo);
}

export function subtract(a: DoubleDouble, b: DoubleDouble): DoubleDouble {
  return add(a, negate(b));
}

export function addNumber(a: DoubleDouble, b: number): DoubleDouble {
  const s = twoSum(a.hi, b);
  return quickTwoSum(s.hi, s.lo + a.lo);
}

export function subtractNumber(a: DoubleDouble, b: number): DoubleDouble {
  const s = twoSum(a.hi, -b);
  return quickTwoSum(s.hi, s.lo + a.lo);
}

export function multiply(a: DoubleDouble, b: DoubleDouble): DoubleDouble {
  const p = mulDD(a.hi, b.hi);
  return quickTwoSum(p.hi, p.lo + (a.hi * b.lo + a.lo * b.hi));
}

function multiplyByNumber(a: DoubleDouble, b: number): DoubleDouble {
  const p1 = mulDD(a.hi, b);
  const p2 = mulDD(a.lo, b);
  return quickTwoSum(p1.hi, p2.lo + p2.hi + p1.lo);
}

/** x·a (cephes dd_mul_d_dd). */
export function scaleByNumber(x: number, a: DoubleDouble): DoubleDouble {
  const p1 = mulDD(x, a.hi);
  const p2 = mulDD(x, a.lo);
  return quickTwoSum(p1.hi, p2.lo + p2.hi + p1.lo);
}

export function divide(a: DoubleDouble, b: DoubleDouble): DoubleDouble {
  const q1 = a.hi / b.hi;
  let r = subtract(a, multiplyByNumber(b, q1));
  const q2 = r.hi / b.hi;
  r = subtract(r, multiplyByNumber(b, q2));
  const q3 = r.hi / b.hi;
  return addNumber(quickTwoSum(q1, q2), q3);
}

export function divideNumbers(a: number, b: number): DoubleDouble {
  return divide(dd(a, 0), dd(b, 0));
}

export function divideByNumber(a: DoubleDouble, b: number): DoubleDouble {
  return divide(a, dd(b, 0));
}

export function floor(a: DoubleDouble): DoubleDouble {
  const hi = Math.floor(a.hi);
  if (hi !== a.hi) return dd(hi, 0);
  return quickTwoSum(hi, Math.floor(a.lo));
}

export function ldexpDD(a: DoubleDouble, exponent: number): DoubleDouble {
  return dd(ldexp(a.hi, exponent), ldexp(a.lo, exponent));
}

/** Mantissa in [0.5, 1) (with |hi| = 1 allowed when lo has the opposite sign) and exponent. */
export function frexpDD(a: DoubleDouble): { mantissa: DoubleDouble; exponent: number } {
  const { mantissa, exponent } = frexp(a.hi);
  const lo = ldexp(a.lo, -exponent);
  if (Math.abs(mantissa) === 0.5 && mantissa * lo < 0) {
    return { mantissa: dd(mantissa * 2, lo * 2), exponent: exponent - 1 };
  }
  return { mantissa: dd(mantissa, lo), exponent };
}
