/** Standard normal draws from a uniform source (Marsaglia's polar method, the spare kept for the next call). */
export class NormalDraws {
  private spare: number | undefined;

  constructor(private readonly uniform: () => number) {}

  next(): number {
    if (this.spare !== undefined) {
      const spare = this.spare;
      this.spare = undefined;
      return spare;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = this.uniform() * 2 - 1;
      v = this.uniform() * 2 - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const factor = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * factor;
    return u * factor;
  }
}
