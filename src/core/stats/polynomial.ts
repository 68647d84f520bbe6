// Cephes polynomial helpers (polevl.h). Coefficients run from the highest power down.

export function polevl(x: number, coefficients: readonly number[]): number {
  let result = coefficients[0] as number;
  for (let i = 1; i < coefficients.length; i++) result = result * x + (coefficients[i] as number);
  return result;
}

/** Like polevl with an implicit leading coefficient 1. */
export function p1evl(x: number, coefficients: readonly number[]): number {
  let result = x + (coefficients[0] as number);
  for (let i = 1; i < coefficients.length; i++) result = result * x + (coefficients[i] as number);
  return result;
}

/** Rational function num(x)/denom(x), coefficients lowest power first (Boost's ordering). */
export function ratevl(x: number, numerator: readonly number[], denominator: readonly number[]): number {
  const m = numerator.length - 1;
  const n = denominator.length - 1;
  if (Math.abs(x) > 1) {
    // Evaluate as polynomials in 1/x to avoid overflow.
    const y = 1 / x;
    let num = numerator[m] as number;
    for (let i = m - 1; i >= 0; i--) num = num * y + (numerator[i] as number);
    let den = denominator[n] as number;
    for (let i = n - 1; i >= 0; i--) den = den * y + (denominator[i] as number);
    return (x ** (n - m) * num) / den;
  }
  let num = numerator[0] as number;
  for (let i = 1; i <= m; i++) num = num * x + (numerator[i] as number);
  let den = denominator[0] as number;
  for (let i = 1; i <= n; i++) den = den * x + (denominator[i] as number);
  return num / den;
}
