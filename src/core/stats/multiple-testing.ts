// Multiple-testing corrections returning adjusted p-values in the input order, as statsmodels'
// multipletests(method="bonferroni" | "fdr_bh").

/** min(1, p · m). */
export function bonferroni(pValues: readonly number[]): number[] {
  const m = pValues.length;
  return pValues.map((p) => Math.min(1, p * m));
}

/** Benjamini–Hochberg step-up adjusted p-values: monotone in p and clipped at 1. */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((_, i) => i).sort((i, j) => (pValues[i] as number) - (pValues[j] as number));
  const adjusted = new Array<number>(m);
  let running = Number.POSITIVE_INFINITY;
  for (let rank = m; rank >= 1; rank--) {
    const index = order[rank - 1] as number;
    // statsmodels divides by the ECDF factor rank/m rather than multiplying by m/rank.
    running = Math.min(running, (pValues[index] as number) / (rank / m));
    adjusted[index] = Math.min(1, running);
  }
  return adjusted;
}
